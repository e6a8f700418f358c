package io.ringside.shared;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineTests {

	private static final Duration WITHIN = Duration.ofMillis(50);

	@Test
	void aStepThatDoesNotAnswerInTimeFailsWithATimeout() {
		StepVerifier.create(Mono.never().timeout(WITHIN, Deadline.passed(WITHIN)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(TimeoutException.class)
				.hasMessage("No answer within 50 ms"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aStepThatAnswersInTimeIsUntouched() {
		StepVerifier.create(Mono.just("card").timeout(WITHIN, Deadline.passed(WITHIN)))
			.expectNext("card")
			.verifyComplete();
	}

}

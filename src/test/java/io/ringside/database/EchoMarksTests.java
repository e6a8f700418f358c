package io.ringside.database;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** A writer waits for its own mark to come back, and no longer than it said. */
class EchoMarksTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final EchoMarks marks = new EchoMarks();

	private final List<String> sent = new CopyOnWriteArrayList<>();

	private Mono<Void> send(String mark) {
		return Mono.fromRunnable(() -> sent.add(mark));
	}

	@Test
	void completesWhenItsOwnMarkIsHeardBack() {
		marks.echoed(this::send, WAIT)
			.as(StepVerifier::create)
			.then(() -> marks.release(sent.get(0)))
			.expectComplete()
			.verify(WAIT);
		assertThat(marks.awaited()).isZero();
	}

	@Test
	void eachMarkIsNewAndOnlyItsOwnReleaseLetsItsWriterGo() {
		Mono<Void> first = marks.echoed(this::send, WAIT);
		Mono<Void> second = marks.echoed(this::send, WAIT);
		assertThat(sent).hasSize(0);
		StepVerifier.create(Mono.when(first, second)).then(() -> {
			assertThat(sent).hasSize(2).doesNotHaveDuplicates();
			marks.release("another-instance/1");
			marks.release(sent.get(1));
		}).expectNoEvent(Duration.ofMillis(100)).then(() -> marks.release(sent.get(0))).expectComplete().verify(WAIT);
	}

	@Test
	void aMarkNotHeardBackInTimeIsATimeout() {
		marks.echoed(this::send, Duration.ofMillis(50))
			.as(StepVerifier::create)
			.expectError(TimeoutException.class)
			.verify(WAIT);
		assertThat(marks.awaited()).isZero();
	}

	@Test
	void aMarkNotHeardBackInTimeGoesOnWithTheFallback() {
		AtomicBoolean fellBack = new AtomicBoolean();
		marks.echoed(this::send, Duration.ofMillis(50), Mono.fromRunnable(() -> fellBack.set(true)))
			.as(StepVerifier::create)
			.expectComplete()
			.verify(WAIT);
		assertThat(fellBack).isTrue();
	}

	@Test
	void releasingAllLetsEveryWriterGo() {
		StepVerifier.create(Mono.when(marks.echoed(this::send, WAIT), marks.echoed(this::send, WAIT)))
			.then(marks::releaseAll)
			.expectComplete()
			.verify(WAIT);
		assertThat(marks.awaited()).isZero();
	}

	@Test
	void aSendThatFailsEndsTheWaitWithItsError() {
		marks.echoed(mark -> Mono.error(new IllegalStateException("store down")), WAIT)
			.as(StepVerifier::create)
			.expectErrorMessage("store down")
			.verify(WAIT);
		assertThat(marks.awaited()).isZero();
	}

}

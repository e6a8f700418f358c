package io.ringside;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * BlockHound is installed in every test JVM by {@code blockhound-junit-platform}; this proves it is, so that the
 * other tests' silence about blocking means something.
 */
class BlockHoundTests {

	@Test
	void blockingOnANonBlockingThreadFailsTheTest() {
		Mono.fromCallable(() -> {
			Thread.sleep(1);
			return "slept";
		})
			.subscribeOn(Schedulers.parallel())
			.as(StepVerifier::create)
			.expectErrorMatches(error -> error instanceof BlockingOperationError
					|| error.getCause() instanceof BlockingOperationError)
			.verify(Duration.ofSeconds(5));
	}

}

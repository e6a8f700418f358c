package io.ringside;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BlockHound is installed in every test JVM by {@code blockhound-junit-platform}; this
 * proves it is, so that the other tests' silence about blocking means something.
 */
class BlockHoundTests {

	@Test
	void blockingOnANonBlockingThreadFailsTheTest() {
		// A wait with a deadline, as code would wait for something: blocking all the
		// same, so it must be caught.
		CountDownLatch never = new CountDownLatch(1);
		Mono.fromCallable(() -> never.await(1, TimeUnit.MILLISECONDS))
			.subscribeOn(Schedulers.parallel())
			.as(StepVerifier::create)
			.expectErrorSatisfies(
					error -> assertThat(error instanceof BlockingOperationError ? error : error.getCause())
						.isInstanceOf(BlockingOperationError.class)
						.hasMessageContaining("Unsafe#park"))
			.verify(Duration.ofSeconds(5));
	}

}

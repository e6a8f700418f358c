package io.ringside.shared;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class RunningSubscriptionTests {

	private final RunningSubscription running = new RunningSubscription();

	@Test
	void isRunningFromStartUntilStopAndStopCancelsThePipeline() {
		AtomicInteger cancelled = new AtomicInteger();
		Sinks.Many<Integer> input = Sinks.many().unicast().onBackpressureBuffer();
		assertThat(running.isRunning()).as("before start").isFalse();

		running.start(input.asFlux().doOnCancel(cancelled::incrementAndGet).subscribe());

		assertThat(running.isRunning()).isTrue();
		assertThat(running.stop()).as("it was running").isTrue();
		assertThat(running.isRunning()).as("after stop").isFalse();
		assertThat(cancelled).hasValue(1);
		assertThat(input.tryEmitNext(1).isFailure()).as("no one listens any more").isTrue();
	}

	@Test
	void aStopWithoutAStartIsNothing() {
		assertThat(running.stop()).isFalse();
		assertThat(running.isRunning()).isFalse();
	}

	@Test
	void aSecondStopDisposesNothingMore() {
		AtomicInteger cancelled = new AtomicInteger();
		running.start(Flux.interval(Duration.ofHours(1)).doOnCancel(cancelled::incrementAndGet).subscribe());

		running.stop();

		assertThat(running.stop()).isFalse();
		assertThat(cancelled).hasValue(1);
	}

	@Test
	void aStartWhileRunningDisposesTheSubscriptionBeforeSoNoneIsLeftBehind() {
		Disposable first = Flux.interval(Duration.ofHours(1)).subscribe();
		Disposable second = Flux.interval(Duration.ofHours(1)).subscribe();
		running.start(first);

		running.start(second);

		assertThat(first.isDisposed()).isTrue();
		assertThat(second.isDisposed()).isFalse();
		running.stop();
		assertThat(second.isDisposed()).isTrue();
	}

}

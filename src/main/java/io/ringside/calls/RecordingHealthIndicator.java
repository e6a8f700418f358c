package io.ringside.calls;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/recording}: the calls waiting to be written ({@code pending},
 * the same number as the gauge {@code ringside.calls.pending}: {@code stream} entries not
 * acknowledged plus those in this instance's {@code memory}), this instance's consumer
 * name, and why writing fails when it does. UP either way: a call that waits is not lost,
 * and routing does not depend on it.
 */
@Component("recording")
class RecordingHealthIndicator implements ReactiveHealthIndicator {

	private final Backlog backlog;

	private final StreamRecorder recorder;

	RecordingHealthIndicator(Backlog backlog, StreamRecorder recorder) {
		this.backlog = backlog;
		this.recorder = recorder;
	}

	@Override
	public Mono<Health> health() {
		Health.Builder health = Health.up()
			.withDetail("pending", backlog.pending())
			.withDetail("stream", backlog.inStream().get())
			.withDetail("memory", backlog.inMemory().get())
			.withDetail("consumer", recorder.consumer());
		String failure = recorder.failure();
		if (failure != null) {
			health.withDetail("failure", failure);
		}
		return Mono.just(health.build());
	}

}

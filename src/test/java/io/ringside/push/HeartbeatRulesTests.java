package io.ringside.push;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ringside.push.StompSession.Heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatRulesTests {

	private final HeartbeatRules rules = new HeartbeatRules(
			new PushSettings(Duration.ofSeconds(1), Duration.ofSeconds(10), 256, 65536, Duration.ofSeconds(2),
					Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(2), 20));

	@Test
	void aClientThatAsksForNoHeartBeatsStillGetsTheServersAndPromisesNone() {
		Heartbeat agreed = rules.negotiate(new long[] { 0, 0 });

		assertThat(agreed.sendEvery()).isEqualTo(Duration.ofSeconds(10));
		assertThat(agreed.expectEvery()).isZero();
		assertThat(rules.allowedSilence(agreed)).isEqualTo(Duration.ofMinutes(2));
		assertThat(rules.silenceReason(agreed)).isEqualTo("Idle: no frame from the client for 120 s");
	}

	@Test
	void honoursTheClientsIntervalsButNeverMoreOftenThanTheMinimum() {
		Heartbeat agreed = rules.negotiate(new long[] { 200, 5_000 });

		assertThat(agreed.sendEvery()).isEqualTo(Duration.ofSeconds(5));
		assertThat(agreed.expectEvery()).isEqualTo(Duration.ofSeconds(1));
		assertThat(rules.allowedSilence(agreed)).isEqualTo(Duration.ofSeconds(3));
		assertThat(rules.silenceReason(agreed)).isEqualTo("No frame from the client within three heart-beat intervals");
	}

	@Test
	void theIdleTimeoutBoundsWhatAClientPromises() {
		assertThat(rules.allowedSilence(rules.negotiate(new long[] { 60_000, 0 }))).isEqualTo(Duration.ofMinutes(2));
	}

}

package io.ringside.telephony.ami;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buffer before the tracker never makes its offerer wait: past its size, inputs are
 * counted and dropped.
 */
class TrackerBufferTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TrackerBuffer buffer = new TrackerBuffer(8, meters, Clock.systemUTC());

	@Test
	void aFullBufferDropsAndCountsWhatDoesNotFitAndLetsTheRestThrough() {
		var drained = buffer.open();
		for (int i = 0; i < 10; i++) {
			buffer.offer(TrackerInput.seed(new TrackerInput.Round(), List.of()));
		}

		assertThat(meters.get("ringside.ami.events.dropped").counter().count()).isEqualTo(2);
		assertThat(meters.get("ringside.ami.events.buffered").gauge().value()).isEqualTo(8);
		drained.as(StepVerifier::create).expectNextCount(8).thenCancel().verify(Duration.ofSeconds(5));
		assertThat(meters.get("ringside.ami.events.buffered").gauge().value()).isZero();
	}

	@Test
	void nothingIsOfferedBeforeTheBufferIsOpen() {
		buffer.offer(TrackerInput.seed(new TrackerInput.Round(), List.of()));

		assertThat(meters.get("ringside.ami.events.dropped").counter().count()).isZero();
	}

}

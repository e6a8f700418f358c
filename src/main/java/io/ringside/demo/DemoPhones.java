package io.ringside.demo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.ringside.presence.Availability;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.SimulatedPhones;

/**
 * The demo's simulated phones: a phone whose owner is AVAILABLE answers after a few
 * seconds and talks for a while; anyone else's rings out. Reads a snapshot that
 * {@link DemoTraffic} refreshes from Redis, because the simulator asks on its own thread
 * and must get an answer at once.
 */
final class DemoPhones implements SimulatedPhones {

	private volatile Map<String, Availability> byDevice = Map.of();

	void update(Map<String, Availability> snapshot) {
		byDevice = Map.copyOf(snapshot);
	}

	@Override
	public PhoneBehaviour behaviourOf(String device) {
		if (byDevice.get(device) != Availability.AVAILABLE) {
			return PhoneBehaviour.neverAnswers();
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return PhoneBehaviour.answersAfter(Duration.ofMillis(random.nextLong(2_500, 6_000)),
				Duration.ofSeconds(random.nextLong(15, 50)));
	}

}

package io.ringside.presence;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.ringside.presence.Presence.Person;
import io.ringside.presence.Presence.Reachability;
import io.ringside.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Presence against the real Redis. */
class PresenceIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	Presence presence;

	@Test
	void manyPeopleAreReadInOneGoInTheOrderAskedAndMatchWhatIsReadOneByOne() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String away = "away-" + tag;
		String talking = "talking-" + tag;
		String neverSeen = "never-" + tag;
		presence.set(away, Availability.AWAY).block(WAIT);
		presence.set(talking, Availability.AVAILABLE).block(WAIT);
		presence.setDeviceState("PJSIP/t-" + tag, DeviceState.INUSE).block(WAIT);
		List<Person> people = List.of(new Person(talking, "PJSIP/t-" + tag), new Person(neverSeen, "PJSIP/n-" + tag),
				new Person(away, null));

		List<Reachability> read = presence.reachabilities(people).block(WAIT);

		assertThat(read).containsExactly(new Reachability(Availability.AVAILABLE, DeviceState.INUSE),
				new Reachability(Availability.OFFLINE, DeviceState.UNKNOWN),
				new Reachability(Availability.AWAY, DeviceState.UNKNOWN));
		for (int i = 0; i < people.size(); i++) {
			assertThat(presence.reachability(people.get(i).login(), people.get(i).phone()).block(WAIT))
				.isEqualTo(read.get(i));
		}
		assertThat(read.get(0).canTakeACall()).isFalse();
		assertThat(presence.reachabilities(List.of()).block(WAIT)).isEmpty();
	}

}

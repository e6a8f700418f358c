package io.ringside.presence;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ringside.database.RedisKeys;
import io.ringside.simulator.PbxSimulator;
import io.ringside.support.Closing;
import io.ringside.support.Instance;
import io.ringside.support.PrivateRedis;
import io.ringside.telephony.Pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Phones change state while Redis holds every write ({@code CLIENT PAUSE ... WRITE}):
 * each phone's newest state is known to routing at once, not once Redis answers, and is
 * in Redis, for instances that start later, once Redis goes on. Before, each state waited
 * for the write of the one before it, so a slow Redis put routing behind the PBX and,
 * past the events' buffer, lost the states altogether (phones left busy that were free).
 * The pause is on a Redis server of the test's own where {@code redis-server} is on the
 * PATH.
 */
class PhoneStatesStallIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final long PAUSE_MS = 5_000;

	private static final int PHONES = 40;

	@RegisterExtension
	final Closing closing = new Closing();

	private PrivateRedis redis;

	private Instance ringside;

	@BeforeEach
	void ringsideOnARedisOfItsOwn() {
		redis = closing.add(PrivateRedis.start());
		ringside = closing.add(Instance.start(redis.settings("phone-stall")));
	}

	@Test
	void phonesChangingWhileRedisHoldsWritesAreKnownAtOnceAndWrittenOnceItGoesOn() {
		Presence presence = ringside.bean(Presence.class);
		RedisKeys keys = ringside.bean(RedisKeys.class);
		await().atMost(WAIT).until(ringside.bean(Pbx.class)::connected);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		// Each phone rings, is answered and hangs up; every other one is then unplugged.
		Map<String, DeviceState> newest = new LinkedHashMap<>();
		StringBuilder events = new StringBuilder();
		for (int i = 0; i < PHONES; i++) {
			String phone = "PJSIP/stall-" + tag + "-" + i;
			DeviceState last = i % 2 == 0 ? DeviceState.UNAVAILABLE : DeviceState.NOT_INUSE;
			for (String state : new String[] { "RINGING", "INUSE", "NOT_INUSE", last.name() }) {
				events.append("Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: ")
					.append(phone)
					.append("\r\nState: ")
					.append(state)
					.append("\r\n\r\n");
			}
			newest.put(phone, last);
		}

		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			long pausedAt = System.nanoTime();
			redis.pause(Duration.ofMillis(PAUSE_MS), "WRITE");
			ringside.bean(PbxSimulator.class).sendRaw(events.toString());

			await().atMost(WAIT)
				.until(() -> newest.entrySet()
					.stream()
					.allMatch(phone -> presence.deviceState(phone.getKey()).block(WAIT) == phone.getValue()));
			assertThat(Duration.ofNanos(System.nanoTime() - pausedAt))
				.as("every phone's newest state known while Redis still held the writes")
				.isLessThan(Duration.ofMillis(PAUSE_MS));

			await().atMost(WAIT)
				.until(() -> newest.entrySet()
					.stream()
					.allMatch(phone -> phone.getValue()
						.name()
						.equals(connection.sync().get(keys.key(Presence.DEVICE_KEY + phone.getKey())))));
		}
		finally {
			client.shutdownAsync();
		}
	}

}

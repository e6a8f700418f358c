package io.ringside.presence;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.ringside.database.Redis;
import io.ringside.database.RedisKeys;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence as another instance mirrors it, against the real Redis: statuses set anywhere
 * reach its memory and expire there as in Redis, after its connections are cut it reads
 * everything again, and phone states are each instance's own from the PBX, read from
 * Redis only by an instance that starts later.
 */
class PresenceMirrorIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	Presence presence;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	Redis commands;

	@Autowired
	ReactiveRedisConnectionFactory connections;

	@Autowired
	ClientResources resources;

	@Autowired
	RedisKeys keys;

	@Autowired
	PresenceSettings settings;

	private Presence otherInstance;

	@BeforeEach
	void anotherInstance() {
		otherInstance = mirrored(settings);
	}

	@AfterEach
	void stop() {
		otherInstance.stop();
	}

	@Test
	void aStatusSetOnOneInstanceIsReadFromMemoryOnAnother() {
		String login = "mirror-" + data.unique();

		presence.set(login, Availability.AWAY).block(WAIT);

		await().atMost(WAIT).until(() -> otherInstance.availability(login).block(WAIT) == Availability.AWAY);
		// From memory: a key removed behind Presence's back (no change published) is
		// still read as it was.
		redis.delete(keys.key("presence:" + login)).block(WAIT);
		assertThat(otherInstance.availability(login).block(WAIT)).isEqualTo(Availability.AWAY);

		presence.set(login, Availability.AVAILABLE).block(WAIT);
		await().atMost(WAIT).until(() -> otherInstance.availability(login).block(WAIT) == Availability.AVAILABLE);
		presence.set(login, Availability.OFFLINE).block(WAIT);
		await().atMost(WAIT).until(() -> otherInstance.availability(login).block(WAIT) == Availability.OFFLINE);
	}

	@Test
	void aPhoneThatRangWasAnsweredAndHungUpInOneBurstEndsFreeOnEveryInstance() {
		String phone = "PJSIP/burst-" + data.unique();
		await().atMost(WAIT).until(presence::mirrored);
		presence.setDeviceState(phone, DeviceState.NOT_INUSE).block(WAIT);

		// Events that waited behind a stall arrive together: each write starts before
		// the one ahead of it has answered, as the phone-state consumer runs them.
		Mono<Void> ringing = presence.setDeviceState(phone, DeviceState.RINGING);
		Mono<Void> talking = presence.setDeviceState(phone, DeviceState.INUSE);
		Mono<Void> free = presence.setDeviceState(phone, DeviceState.NOT_INUSE);
		Flux.concat(ringing, talking, free).blockLast(WAIT);

		assertThat(redis.opsForValue().get(keys.key("device:" + phone)).block(WAIT))
			.isEqualTo(DeviceState.NOT_INUSE.name());
		assertThat(presence.deviceState(phone).block(WAIT)).isEqualTo(DeviceState.NOT_INUSE);
		Presence startedLater = mirrored(settings);
		try {
			assertThat(startedLater.deviceState(phone).block(WAIT)).isEqualTo(DeviceState.NOT_INUSE);
		}
		finally {
			startedLater.stop();
		}
	}

	@Test
	void aPhoneStateIsWhatThePbxToldThisInstanceAndAnInstanceThatStartsLaterReadsItFromRedis() {
		String login = "phone-" + data.unique();
		String phone = "PJSIP/heard-" + data.unique();
		presence.set(login, Availability.AVAILABLE).block(WAIT);
		await().atMost(WAIT).until(() -> otherInstance.availability(login).block(WAIT) == Availability.AVAILABLE);

		presence.setDeviceState(phone, DeviceState.INUSE).block(WAIT);

		assertThat(redis.opsForValue().get(keys.key("device:" + phone)).block(WAIT))
			.isEqualTo(DeviceState.INUSE.name());
		assertThat(presence.reachability(login, phone).block(WAIT))
			.isEqualTo(new Presence.Reachability(Availability.AVAILABLE, DeviceState.INUSE));
		// Nothing is published: an instance already running hears the PBX itself.
		assertThat(otherInstance.deviceState(phone).block(WAIT)).isEqualTo(DeviceState.UNKNOWN);
		otherInstance.setDeviceState(phone, DeviceState.INUSE).block(WAIT);
		assertThat(otherInstance.reachability(login, phone).block(WAIT))
			.isEqualTo(new Presence.Reachability(Availability.AVAILABLE, DeviceState.INUSE));
		Presence startedLater = mirrored(settings);
		try {
			assertThat(startedLater.deviceState(phone).block(WAIT)).isEqualTo(DeviceState.INUSE);
		}
		finally {
			startedLater.stop();
		}

		// What this instance heard comes first, whatever Redis holds, mirrored or not.
		redis.opsForValue().set(keys.key("device:" + phone), DeviceState.NOT_INUSE.name()).block(WAIT);
		assertThat(presence.deviceState(phone).block(WAIT)).isEqualTo(DeviceState.INUSE);
		Presence unmirrored = new Presence(commands, settings, keys);
		assertThat(unmirrored.deviceState(phone).block(WAIT)).isEqualTo(DeviceState.NOT_INUSE);
		unmirrored.setDeviceState(phone, DeviceState.RINGING).block(WAIT);
		redis.opsForValue().set(keys.key("device:" + phone), DeviceState.NOT_INUSE.name()).block(WAIT);
		assertThat(unmirrored.reachabilities(List.of(new Presence.Person(login, phone))).block(WAIT))
			.containsExactly(new Presence.Reachability(Availability.AVAILABLE, DeviceState.RINGING));
	}

	@Test
	void theInstanceThatWritesReadsItsOwnChangeAtOnce() {
		String login = "mirror-" + data.unique();
		await().atMost(WAIT).until(presence::mirrored);

		for (Availability status : new Availability[] { Availability.AWAY, Availability.AVAILABLE,
				Availability.AWAY }) {
			presence.set(login, status).block(WAIT);
			assertThat(presence.availability(login).block(WAIT)).isEqualTo(status);
		}
		assertThat(presence.setIfAbsent(login, Availability.AVAILABLE).block(WAIT)).isFalse();
		assertThat(presence.availability(login).block(WAIT)).isEqualTo(Availability.AWAY);
	}

	@Test
	void aStatusExpiresInMemoryAsInRedis() {
		otherInstance.stop();
		otherInstance = mirrored(new PresenceSettings(Duration.ofSeconds(1)));
		String login = "mirror-" + data.unique();

		otherInstance.set(login, Availability.AVAILABLE).block(WAIT);
		assertThat(otherInstance.availability(login).block(WAIT)).isEqualTo(Availability.AVAILABLE);

		await().atMost(WAIT).until(() -> otherInstance.availability(login).block(WAIT) == Availability.OFFLINE);
		assertThat(redis.hasKey(keys.key("presence:" + login)).block(WAIT)).isFalse();
	}

	@Test
	void afterItsConnectionsAreCutItReadsEverythingAgain() {
		String login = "mirror-" + data.unique();
		// Written behind Presence's back: nothing is published, so no mirror hears of it.
		redis.opsForValue().set(keys.key("presence:" + login), "AWAY", Duration.ofMinutes(1)).block(WAIT);
		assertThat(otherInstance.availability(login).block(WAIT)).isEqualTo(Availability.OFFLINE);

		RedisClient client = RedisClient.create(TestServices.redis());
		try (StatefulRedisConnection<String, String> admin = client.connect()) {
			assertThat(admin.sync().clientKill(KillArgs.Builder.typePubsub())).isPositive();
		}
		finally {
			client.shutdown();
		}

		// While it does not serve it reads Redis; serving again, it must have read the
		// key written behind its back.
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(otherInstance.mirrored()).as("serving").isTrue();
			assertThat(otherInstance.availability(login).block(WAIT)).isEqualTo(Availability.AWAY);
		});
	}

	private Presence mirrored(PresenceSettings with) {
		Presence instance = new Presence(commands, with, keys, connections, resources);
		instance.start();
		await().atMost(WAIT).until(instance::mirrored);
		return instance;
	}

}

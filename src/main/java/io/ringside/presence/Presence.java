package io.ringside.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.KeyValue;
import io.lettuce.core.resource.ClientResources;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.stereotype.Component;

import io.ringside.database.Redis;
import io.ringside.database.RedisKeys;

/**
 * Availability of employees and state of their phones, in Redis, mirrored in each
 * instance's memory.
 * <p>
 * A status is stored with a time-to-live; whoever keeps an employee present (their
 * browser session, or a script through {@code PUT /api/presence/me}) refreshes it. When
 * it expires the employee is OFFLINE. Every change of status is one Lua script that
 * changes the key and publishes the change on {@code <prefix>presence-changes} in one
 * step; the {@link PresenceMirror} of every instance applies it, and the reads (what
 * routing asks for every call) are answered from that memory without a round trip, or
 * from Redis while the mirror does not serve (starting, or a Redis connection lost). A
 * Presence made with the three-argument constructor has no mirror and reads statuses from
 * Redis.
 * <p>
 * A phone's state is what the PBX last reported to this instance: every instance follows
 * the PBX and hears every change itself, so a state heard here is read from memory first,
 * and is written to Redis with a plain SET (no time-to-live, nothing published) only for
 * an instance that starts later, which reads it there for the phones it has not heard of
 * yet.
 */
@Component
public class Presence implements SmartLifecycle {

	static final String STATUS_KEY = "presence:";

	static final String DEVICE_KEY = "device:";

	static final String VERSION_KEY = "presence-version";

	/**
	 * The kinds of change on the channel: a status; a phone's state, which instances of
	 * Ringside before 2026-12 published (mirrored still, beneath what is heard here).
	 */
	static final String STATUS = "S";

	static final String DEVICE = "D";

	private final Redis redis;

	private final RedisKeys keys;

	private final @Nullable PresenceMirror mirror;

	private final PresenceWrites writes;

	private final HeardPhones phones;

	private final Sinks.Many<PresenceChanged> changes = Sinks.many().multicast().directBestEffort();

	private boolean running;

	/** Without a mirror: every read goes to Redis. */
	public Presence(Redis redis, PresenceSettings settings, RedisKeys keys) {
		this(redis, settings, keys, null);
	}

	@Autowired
	Presence(Redis redis, PresenceSettings settings, RedisKeys keys, ReactiveRedisConnectionFactory connections,
			ClientResources resources) {
		this(redis, settings, keys, new PresenceMirror(redis, connections, resources, keys));
	}

	private Presence(Redis redis, PresenceSettings settings, RedisKeys keys, @Nullable PresenceMirror mirror) {
		this.redis = redis;
		this.keys = keys;
		this.mirror = mirror;
		this.writes = new PresenceWrites(redis, settings, keys, mirror);
		this.phones = new HeardPhones(redis, this::deviceKey);
	}

	public Mono<Availability> availability(String login) {
		Reachability mirrored = mirror == null ? null : mirror.reachability(login, null);
		if (mirrored != null) {
			return Mono.just(mirrored.availability());
		}
		String key = availabilityKey(login);
		return redis.mono(commands -> commands.get(key)).map(Availability::parse).defaultIfEmpty(Availability.OFFLINE);
	}

	/** Sets an employee's status; OFFLINE removes it. */
	public Mono<Availability> set(String login, Availability availability) {
		Mono<Long> write = availability == Availability.OFFLINE
				? writes.write("delete", STATUS, availabilityKey(login), login, Availability.OFFLINE.name())
				: writes.write("set", STATUS, availabilityKey(login), login, availability.name());
		return write.thenReturn(availability)
			.doOnNext(status -> changes.tryEmitNext(new PresenceChanged(login, status, Instant.now())));
	}

	/**
	 * Sets a status only where there is none (an expired one counts as none); true when
	 * it was set.
	 */
	public Mono<Boolean> setIfAbsent(String login, Availability availability) {
		return writes.write("absent", STATUS, availabilityKey(login), login, availability.name())
			.map(version -> version > 0)
			.doOnNext(set -> {
				if (set) {
					changes.tryEmitNext(new PresenceChanged(login, availability, Instant.now()));
				}
			});
	}

	/**
	 * Keeps the current status for another time-to-live; false when there was none to
	 * keep.
	 */
	public Mono<Boolean> refresh(String login) {
		return writes.write("refresh", STATUS, availabilityKey(login), login, "").map(version -> version > 0);
	}

	/**
	 * A phone's state: as the PBX last reported it here, else as mirrored, else as Redis
	 * holds it.
	 */
	public Mono<DeviceState> deviceState(String device) {
		DeviceState known = phones.state(device);
		if (known == null && mirror != null) {
			known = mirror.deviceState(device);
		}
		if (known != null) {
			return Mono.just(known);
		}
		String key = deviceKey(device);
		return redis.mono(commands -> commands.get(key)).map(DeviceState::parse).defaultIfEmpty(DeviceState.UNKNOWN);
	}

	/**
	 * Sets a phone's state as the PBX reported it to this instance: read here at once,
	 * and written to Redis for instances that start later ({@link HeardPhones}), in a
	 * round with the other phones changed meanwhile.
	 * @return completes once written (at once if already); fails if that write fails,
	 * which is tried again
	 */
	public Mono<Void> setDeviceState(String device, DeviceState state) {
		return phones.heard(device, state);
	}

	/**
	 * Takes in a phone's state as the PBX reported it, as {@link #setDeviceState} does,
	 * without waiting for its write: a failed write is logged, and tried again, here.
	 */
	public void deviceStateHeard(String device, DeviceState state) {
		phones.take(device, state);
	}

	/**
	 * An employee's status and their phone's state: from memory while the mirror serves,
	 * else in one round trip to Redis. What routing asks for every call.
	 */
	public Mono<Reachability> reachability(String login, @Nullable String device) {
		Reachability mirrored = mirror == null ? null : mirror.reachability(login, device);
		if (mirrored != null) {
			return Mono.just(phones.over(mirrored, device));
		}
		String status = availabilityKey(login);
		String phone = device == null ? deviceKey("-") : deviceKey(device);
		return redis.mono(commands -> commands.mget(status, phone))
			.map(values -> phones.over(
					new Reachability(Availability.parse(value(values, 0)), DeviceState.parse(value(values, 1))),
					device));
	}

	/**
	 * Many employees' statuses and phone states, in the order asked: from memory while
	 * the mirror serves, else in one round trip (one MGET): a read per employee would
	 * queue that many commands on the one Redis connection, ahead of the routes' own
	 * reads.
	 * @param people each employee with their phone (null for none)
	 */
	public Mono<List<Reachability>> reachabilities(List<Person> people) {
		if (people.isEmpty()) {
			return Mono.just(List.of());
		}
		if (mirror != null && mirror.serving()) {
			List<Reachability> read = new ArrayList<>(people.size());
			for (Person person : people) {
				Reachability mirrored = mirror.reachability(person.login(), person.phone());
				if (mirrored == null) {
					return fromRedis(people);
				}
				read.add(phones.over(mirrored, person.phone()));
			}
			return Mono.just(read);
		}
		return fromRedis(people);
	}

	private Mono<List<Reachability>> fromRedis(List<Person> people) {
		String[] both = new String[people.size() * 2];
		for (int i = 0; i < people.size(); i++) {
			Person person = people.get(i);
			both[2 * i] = availabilityKey(person.login());
			both[2 * i + 1] = deviceKey(person.phone() == null ? "-" : person.phone());
		}
		return redis.mono(commands -> commands.mget(both)).map(values -> {
			List<Reachability> read = new ArrayList<>(people.size());
			for (int i = 0; i < people.size(); i++) {
				read.add(phones.over(new Reachability(Availability.parse(value(values, 2 * i)),
						DeviceState.parse(value(values, 2 * i + 1))), people.get(i).phone()));
			}
			return read;
		});
	}

	/** The value MGET answered at that place; null for none. */
	private static @Nullable String value(List<KeyValue<String, String>> values, int at) {
		return values.get(at).getValueOrElse(null);
	}

	/** Whether reads are answered from this instance's memory now. */
	public boolean mirrored() {
		return mirror != null && mirror.serving();
	}

	@Override
	public synchronized void start() {
		phones.start();
		if (mirror != null) {
			mirror.start();
		}
		running = true;
	}

	@Override
	public synchronized void stop() {
		phones.stop();
		if (mirror != null) {
			mirror.stop();
		}
		running = false;
	}

	@Override
	public synchronized boolean isRunning() {
		return running;
	}

	/** Changes of status made through this instance, for live views. */
	public Flux<PresenceChanged> changes() {
		return changes.asFlux();
	}

	private String availabilityKey(String login) {
		return keys.key(STATUS_KEY + login);
	}

	private String deviceKey(String device) {
		return keys.key(DEVICE_KEY + device);
	}

	/**
	 * An employee by login, with their phone's device (e.g. {@code PJSIP/101}; null for
	 * none).
	 */
	public record Person(String login, @Nullable String phone) {
	}

	/**
	 * Whether someone can take a call: what they said about themselves and what their
	 * phone is doing.
	 */
	public record Reachability(Availability availability, DeviceState deviceState) {

		public boolean canTakeACall() {
			return availability == Availability.AVAILABLE && deviceState.canTakeACall();
		}

	}

	/** An employee's status changed. */
	public record PresenceChanged(String login, Availability availability, Instant at) {
	}

}

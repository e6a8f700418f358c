package io.ringside.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Availability of employees and state of their phones, in Redis.
 * <p>
 * A status is stored with a time-to-live; whoever keeps an employee present (their browser session, or a script
 * through {@code PUT /api/presence/me}) refreshes it. When it expires the employee is OFFLINE. Device states have
 * no time-to-live: the PBX reports every change.
 */
@Component
public class Presence {

	private final ReactiveStringRedisTemplate redis;

	private final PresenceSettings settings;

	private final RedisKeys keys;

	private final Sinks.Many<PresenceChanged> changes = Sinks.many().multicast().directBestEffort();

	public Presence(ReactiveStringRedisTemplate redis, PresenceSettings settings, RedisKeys keys) {
		this.redis = redis;
		this.settings = settings;
		this.keys = keys;
	}

	public Mono<Availability> availability(String login) {
		return redis.opsForValue().get(availabilityKey(login)).map(Availability::valueOf).defaultIfEmpty(Availability.OFFLINE);
	}

	/** Sets an employee's status; OFFLINE removes it. */
	public Mono<Availability> set(String login, Availability availability) {
		Mono<Boolean> write = availability == Availability.OFFLINE ? redis.delete(availabilityKey(login)).map(n -> n > 0)
				: redis.opsForValue().set(availabilityKey(login), availability.name(), settings.ttl());
		return write.thenReturn(availability)
			.doOnNext(status -> changes.tryEmitNext(new PresenceChanged(login, status, Instant.now())));
	}

	/** Sets a status only where there is none (an expired one counts as none); true when it was set. */
	public Mono<Boolean> setIfAbsent(String login, Availability availability) {
		return redis.opsForValue()
			.setIfAbsent(availabilityKey(login), availability.name(), settings.ttl())
			.doOnNext(set -> {
				if (set) {
					changes.tryEmitNext(new PresenceChanged(login, availability, Instant.now()));
				}
			});
	}

	/** Keeps the current status for another time-to-live; false when there was none to keep. */
	public Mono<Boolean> refresh(String login) {
		return redis.expire(availabilityKey(login), settings.ttl());
	}

	public Mono<DeviceState> deviceState(String device) {
		return redis.opsForValue().get(deviceKey(device)).map(DeviceState::parse).defaultIfEmpty(DeviceState.UNKNOWN);
	}

	public Mono<Void> setDeviceState(String device, DeviceState state) {
		return redis.opsForValue().set(deviceKey(device), state.name()).then();
	}

	/**
	 * An employee's status and their phone's state in one round trip to Redis: what routing asks for every call.
	 */
	public Mono<Reachability> reachability(String login, String device) {
		List<String> both = new ArrayList<>(2);
		both.add(availabilityKey(login));
		both.add(device == null ? deviceKey("-") : deviceKey(device));
		return redis.opsForValue().multiGet(both).map(values -> new Reachability(
				values.get(0) == null ? Availability.OFFLINE : Availability.valueOf(values.get(0)),
				DeviceState.parse(values.get(1))));
	}

	/**
	 * Many employees' statuses and phone states in one round trip (one MGET), in the order asked: a read per employee
	 * would queue that many commands on the one Redis connection, ahead of the routes' own reads.
	 *
	 * @param people each employee's login and phone (null for none)
	 */
	public Mono<List<Reachability>> reachabilities(List<Map.Entry<String, String>> people) {
		if (people.isEmpty()) {
			return Mono.just(List.of());
		}
		List<String> both = new ArrayList<>(people.size() * 2);
		people.forEach(person -> {
			both.add(availabilityKey(person.getKey()));
			both.add(deviceKey(person.getValue() == null ? "-" : person.getValue()));
		});
		return redis.opsForValue().multiGet(both).map(values -> {
			List<Reachability> read = new ArrayList<>(people.size());
			for (int i = 0; i < people.size(); i++) {
				String status = values.get(2 * i);
				read.add(new Reachability(status == null ? Availability.OFFLINE : Availability.valueOf(status),
						DeviceState.parse(values.get(2 * i + 1))));
			}
			return read;
		});
	}

	/** Changes of status made through this instance, for live views. */
	public Flux<PresenceChanged> changes() {
		return changes.asFlux();
	}

	private String availabilityKey(String login) {
		return keys.key("presence:" + login);
	}

	private String deviceKey(String device) {
		return keys.key("device:" + device);
	}

	/** Whether someone can take a call: what they said about themselves and what their phone is doing. */
	public record Reachability(Availability availability, DeviceState deviceState) {

		public boolean canTakeACall() {
			return availability == Availability.AVAILABLE && deviceState.canTakeACall();
		}

	}

	/** An employee's status changed. */
	public record PresenceChanged(String login, Availability availability, Instant at) {
	}

}

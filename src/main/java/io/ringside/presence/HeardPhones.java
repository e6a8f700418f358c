package io.ringside.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.ringside.presence.Presence.Reachability;

/**
 * Each phone's state as the PBX last reported it to this instance, read before anything
 * read from Redis, and written there with a plain SET for an instance that starts later.
 * Never blocks; any thread.
 */
final class HeardPhones {

	private final ReactiveStringRedisTemplate redis;

	/** The state the PBX last reported to this instance for each phone. */
	private final Map<String, DeviceState> heard = new ConcurrentHashMap<>();

	/**
	 * The state this instance last wrote, or is writing, to Redis for each phone (a phone
	 * that fails to be written is forgotten, so its next state is written).
	 */
	private final Map<String, DeviceState> written = new ConcurrentHashMap<>();

	HeardPhones(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/** The phone's state as last heard here, or null. */
	@Nullable DeviceState state(String device) {
		return heard.get(device);
	}

	/**
	 * Every instance hears the PBX and writes the same states: a state this instance last
	 * wrote for the phone is not written again. What it last wrote, not what Redis holds:
	 * a phone that rang, was answered and hung up while the first of those writes was on
	 * its way (events arriving in a burst after a stall) would have had its last state
	 * skipped. The writes of one phone leave on the one connection in the order asked.
	 * @param key the phone's key in Redis
	 */
	Mono<Void> heard(String device, DeviceState state, String key) {
		heard.put(device, state);
		if (written.put(device, state) == state) {
			return Mono.empty();
		}
		return redis.opsForValue().set(key, state.name()).then().doOnError(failed -> written.remove(device, state));
	}

	/** The phone's state as last heard here, over what was read elsewhere. */
	Reachability over(Reachability read, @Nullable String device) {
		DeviceState known = device == null ? null : heard.get(device);
		return known == null || known == read.deviceState() ? read : new Reachability(read.availability(), known);
	}

}

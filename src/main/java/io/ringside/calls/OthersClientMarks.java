package io.ringside.calls;

import java.time.Duration;

import io.lettuce.core.SetArgs;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.ringside.database.Redis;
import io.ringside.database.RedisKeys;

/**
 * What every Ringside instance must agree on about calls to others' clients, kept in
 * Redis: which instance tells of a call the PBX shows (each instance sees it), and which
 * calls the PBX shows were click-to-calls already told of (the PBX shows those too).
 */
@Component
class OthersClientMarks {

	/** How long a click-to-call waits to be seen on the PBX. */
	static final Duration CLICKED = Duration.ofMinutes(2);

	/** Longer than any call's start is seen by all instances. */
	static final Duration CLAIMED = Duration.ofHours(1);

	private final Redis redis;

	private final RedisKeys keys;

	OthersClientMarks(Redis redis, RedisKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/**
	 * A click-to-call from this phone number (e.g. {@code 101}) to this number, already
	 * told of.
	 */
	Mono<Void> clicked(String phoneNumber, String e164) {
		String key = clickedKey(phoneNumber, e164);
		return redis.mono(commands -> commands.set(key, "1", SetArgs.Builder.px(CLICKED))).then();
	}

	/** The click-to-call was not placed after all: its sighting is not expected. */
	Mono<Void> notClicked(String phoneNumber, String e164) {
		String key = clickedKey(phoneNumber, e164);
		return redis.mono(commands -> commands.del(key)).then();
	}

	/**
	 * Whether a call from this phone number to this number was a click-to-call told of.
	 */
	Mono<Boolean> takeClicked(String phoneNumber, String e164) {
		String key = clickedKey(phoneNumber, e164);
		return redis.mono(commands -> commands.getdel(key)).hasElement();
	}

	/** True for the one instance that tells of this call. */
	Mono<Boolean> claim(String callId) {
		String key = keys.key("others-client:call:" + callId);
		return redis.mono(commands -> commands.set(key, "1", SetArgs.Builder.nx().px(CLAIMED))).hasElement();
	}

	private String clickedKey(String phoneNumber, String e164) {
		return keys.key("others-client:clicked:" + phoneNumber + ":" + e164);
	}

}

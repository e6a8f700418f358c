package io.ringside.presence;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.ringside.database.Redis;
import io.ringside.presence.Presence.Reachability;

/**
 * Each phone's state as the PBX last reported it to this instance, read before anything
 * read from Redis, and written there for an instance that starts later.
 * <p>
 * A state is taken in at once, whatever Redis does: a phone's state is what routing asks
 * for every call, and a state that waited for Redis (one write after another, each
 * waiting for its answer) fell behind the PBX as soon as Redis slowed, until the events
 * of calls overflowed and were lost, leaving phones busy that were not. The writes are
 * rounds: one {@code MSET} at a time carries the newest state of every phone changed
 * since the last round, so a phone that rang, was answered and hung up while Redis was
 * slow is written once, as it is now; a round that fails leaves its states to the next,
 * {@link #RETRY_AFTER} later. What waits is one state a phone at most. Rounds are at
 * least {@link #ROUNDS_APART} apart: with Redis answering at once, a round carried one or
 * two states, nearly three {@code MSET}s a call and a thirtieth of Ringside's CPU in the
 * whole-call benchmark. A phone's state reaches Redis that much later at most, which only
 * an instance that starts meanwhile could tell (every instance reads its own from
 * memory); a round that waits is one timer, at most twenty a second.
 * <p>
 * Never blocks; any thread.
 */
final class HeardPhones {

	private static final Log log = LogFactory.getLog(HeardPhones.class);

	/** After a failed round, the next waits this long. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	/** A round leaves at least this long after the one before it. */
	static final Duration ROUNDS_APART = Duration.ofMillis(50);

	private final Redis redis;

	/** A phone's key in Redis. */
	private final UnaryOperator<String> keyOf;

	/** The state the PBX last reported to this instance for each phone. */
	private final Map<String, DeviceState> heard = new ConcurrentHashMap<>();

	/**
	 * The state this instance last wrote, or is writing, to Redis for each phone: every
	 * instance hears the PBX and writes the same states, and one already written is not
	 * written again. Guarded by {@code this}.
	 */
	private final Map<String, DeviceState> written = new HashMap<>();

	/** States heard and not written yet, for the next round. Guarded by {@code this}. */
	private Map<String, DeviceState> waiting = new LinkedHashMap<>();

	/** Completes when the next round has written. Guarded by {@code this}. */
	private Sinks.Empty<Void> nextRound = Sinks.empty();

	/** A round is on its way to Redis, or waiting to retry. Guarded by {@code this}. */
	private boolean writing;

	/** When the last round left ({@link System#nanoTime}). Guarded by {@code this}. */
	private long lastRound = System.nanoTime() - ROUNDS_APART.toNanos();

	/** No more rounds: the application stops. Guarded by {@code this}. */
	private boolean stopped;

	HeardPhones(Redis redis, UnaryOperator<String> keyOf) {
		this.redis = redis;
		this.keyOf = keyOf;
	}

	/** The phone's state as last heard here, or null. */
	@Nullable DeviceState state(String device) {
		return heard.get(device);
	}

	/**
	 * Takes in a phone's state at once, for its write to Redis in the next round.
	 * @return completes once the round that writes it has (at once if this instance wrote
	 * it already); fails if that round fails, whose states are tried again
	 */
	Mono<Void> heard(String device, DeviceState state) {
		Sinks.Empty<Void> round = take(device, state);
		return round == null ? Mono.empty() : round.asMono();
	}

	/**
	 * Takes in a phone's state at once, for its write in the next round: the round, or
	 * null when this instance wrote that state already.
	 */
	Sinks.@Nullable Empty<Void> take(String device, DeviceState state) {
		heard.put(device, state);
		Sinks.Empty<Void> round;
		synchronized (this) {
			if (written.get(device) == state && !waiting.containsKey(device)) {
				return null;
			}
			waiting.put(device, state);
			round = nextRound;
			if (writing) {
				return round;
			}
			writing = true;
		}
		write();
		return round;
	}

	/** The phone's state as last heard here, over what was read elsewhere. */
	Reachability over(Reachability read, @Nullable String device) {
		DeviceState known = device == null ? null : heard.get(device);
		return known == null || known == read.deviceState() ? read : new Reachability(read.availability(), known);
	}

	/**
	 * Sends a round, once {@link #ROUNDS_APART} has passed since the last; called with
	 * {@code writing} set by the caller.
	 */
	private void write() {
		long early;
		synchronized (this) {
			if (waiting.isEmpty() || stopped) {
				writing = false;
				return;
			}
			early = lastRound + ROUNDS_APART.toNanos() - System.nanoTime();
		}
		if (early > 0) {
			Mono.delay(Duration.ofNanos(early)).subscribe(tick -> send());
		}
		else {
			send();
		}
	}

	/** Sends what waits as a round; called with {@code writing} set by the caller. */
	private void send() {
		Map<String, DeviceState> states;
		Sinks.Empty<Void> round;
		synchronized (this) {
			if (waiting.isEmpty() || stopped) {
				writing = false;
				return;
			}
			lastRound = System.nanoTime();
			states = waiting;
			waiting = new LinkedHashMap<>();
			round = nextRound;
			nextRound = Sinks.empty();
			written.putAll(states);
		}
		Map<String, String> values = new LinkedHashMap<>(states.size() * 2);
		states.forEach((device, state) -> values.put(keyOf.apply(device), state.name()));
		redis.mono(commands -> commands.mset(values)).subscribe(null, failed -> failed(states, round, failed), () -> {
			round.tryEmitEmpty();
			write();
		});
	}

	/**
	 * A round failed: its states go back in line (under any newer state of the same
	 * phone) and the next round waits {@link #RETRY_AFTER}.
	 */
	private void failed(Map<String, DeviceState> states, Sinks.Empty<Void> round, Throwable failure) {
		synchronized (this) {
			states.forEach((device, state) -> {
				written.remove(device, state);
				waiting.putIfAbsent(device, state);
			});
		}
		log.warn("The states of " + states.size() + " phones not written to Redis, tried again in "
				+ RETRY_AFTER.toMillis() + " ms: " + failure);
		round.tryEmitError(failure);
		Mono.delay(RETRY_AFTER).subscribe(tick -> write());
	}

	/**
	 * Sends no more rounds (a failed one is not tried again): what is still waiting is
	 * left to the instances that go on, which hear the same states.
	 */
	synchronized void stop() {
		stopped = true;
	}

	/** Sends rounds again (what waits goes with the next state heard). */
	synchronized void start() {
		stopped = false;
	}

}

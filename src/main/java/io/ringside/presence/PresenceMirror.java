package io.ringside.presence;

import java.util.List;

import io.lettuce.core.KeyValue;
import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import io.ringside.database.Mirror;
import io.ringside.database.Redis;
import io.ringside.database.RedisChannel;
import io.ringside.database.RedisKeys;
import io.ringside.presence.Presence.Reachability;

/**
 * What Redis holds about presence (each employee's status with its time-to-live, each
 * phone's state), mirrored in this instance's memory, so that routing reads the owner's
 * status and phone without a round trip to Redis.
 * <p>
 * Every change of status goes through {@link Presence}'s script, which writes and
 * publishes on {@code <prefix>presence-changes} in one step: the channel carries the
 * changes in the order Redis applied them, whichever instance made them. Phone states are
 * only read (for the phones this instance has not heard of from the PBX itself): nothing
 * publishes them now, though a change of one published by an earlier version is applied.
 * The listening, reading everything, applying in order and serving are the shared
 * {@link Mirror}'s, on a {@link RedisChannel}: after any lost Redis connection it stops
 * serving and reads everything again, and while it does not serve {@link Presence} reads
 * Redis. What is presence's own is here: how everything is read (every status with what
 * is left of its time-to-live, every phone state) and how a change is applied (by its
 * number, so that an older change never overwrites a newer one). Statuses expire here as
 * in Redis, by their time-to-live.
 * <p>
 * Threads: changes are applied on Lettuce's threads, and this instance's own writes where
 * their reply arrives, one at a time (a lock); the maps are read from any thread.
 */
final class PresenceMirror {

	private static final Log log = LogFactory.getLog(PresenceMirror.class);

	private static final int SCAN_BATCH = 500;

	/** The start of a mirror's own mark on the channel: {@code P<tab>mark}. */
	private static final String MARK = "P\t";

	private final Redis redis;

	private final RedisKeys keys;

	private final RedisChannel channel;

	/**
	 * Made on the starting thread: its marks start with a random UUID, which reads the
	 * system's entropy.
	 */
	private final Mirror<MirroredPresence> mirror;

	/**
	 * Held while what is mirrored changes: by the changes heard, and by this instance's
	 * own writes.
	 */
	private final Object lock = new Object();

	PresenceMirror(Redis redis, ReactiveRedisConnectionFactory connections, ClientResources resources, RedisKeys keys) {
		this.redis = redis;
		this.keys = keys;
		this.channel = new RedisChannel(redis, connections, resources, keys.key("presence-changes"));
		this.mirror = new Mirror<>("presence mirror", channel, MARK, this::readAll, this::apply);
	}

	boolean serving() {
		return mirror.serving() != null;
	}

	/**
	 * The status and the phone's state, from memory; null when the mirror does not serve.
	 */
	@Nullable Reachability reachability(String login, @Nullable String device) {
		MirroredPresence now = mirror.serving();
		if (now == null) {
			return null;
		}
		return new Reachability(now.availability(login), device == null ? DeviceState.UNKNOWN : now.phone(device));
	}

	/** The phone's state as mirrored, null when not serving. */
	@Nullable DeviceState deviceState(String device) {
		MirroredPresence now = mirror.serving();
		return now == null ? null : now.phone(device);
	}

	/**
	 * Subscribes (waiting, on the starting thread, until the subscription is in place),
	 * then reads everything.
	 */
	void start() {
		mirror.start();
	}

	/** Stops serving and unsubscribes; blocks, on the stopping thread. */
	void stop() {
		mirror.stop();
		channel.close();
	}

	/**
	 * A change this instance has just written, applied ahead of its echo on the channel
	 * (which its number then makes this ignore).
	 */
	void applied(String kind, long version, String name, long ttlMillis, String value) {
		MirroredPresence now = mirror.last();
		if (now != null) {
			synchronized (lock) {
				now.change(kind, version, name, ttlMillis, value);
			}
		}
	}

	/**
	 * Every status with what is left of its time-to-live and every phone state, as of the
	 * change counter read first: every change numbered up to it is in what is read; later
	 * ones are applied after.
	 */
	private Mono<MirroredPresence> readAll() {
		String statusPrefix = keys.key(Presence.STATUS_KEY);
		String devicePrefix = keys.key(Presence.DEVICE_KEY);
		String versionKey = keys.key(Presence.VERSION_KEY);
		return redis.mono(commands -> commands.get(versionKey))
			.map(Long::parseLong)
			.defaultIfEmpty(0L)
			.flatMap(version -> {
				MirroredPresence read = new MirroredPresence(version);
				Mono<Void> statusesRead = scan(statusPrefix).flatMap(key -> Mono
					.zip(redis.mono(commands -> commands.get(key)), redis.mono(commands -> commands.pttl(key)))
					.doOnNext(found -> {
						Availability availability = Availability.parse(found.getT1());
						long ttl = found.getT2();
						if (availability != Availability.OFFLINE && ttl > 0) {
							read.read(key.substring(statusPrefix.length()), availability, ttl);
						}
					}), 64).then();
				Mono<Void> devicesRead = scan(devicePrefix).buffer(SCAN_BATCH)
					.concatMap(batch -> redis.mono(commands -> commands.mget(batch.toArray(String[]::new)))
						.doOnNext(values -> {
							for (KeyValue<String, String> value : values) {
								if (value.hasValue()) {
									read.read(value.getKey().substring(devicePrefix.length()),
											DeviceState.parse(value.getValue()));
								}
							}
						}))
					.then();
				return statusesRead.then(devicesRead).thenReturn(read);
			})
			.doOnNext(read -> log.debug("Presence mirrored: " + read.statuses() + " statuses, " + read.phones()
					+ " phones, up to change " + read.readAt()));
	}

	private Flux<String> scan(String prefix) {
		return redis.scan(prefix + "*", SCAN_BATCH);
	}

	private Mono<MirroredPresence> apply(MirroredPresence now, List<String> changes) {
		return Mono.fromSupplier(() -> {
			synchronized (lock) {
				changes.forEach(change -> apply(now, change));
			}
			return now;
		});
	}

	/**
	 * Applies one change as {@link Presence}'s script publishes it:
	 * {@code kind<tab>number<tab>name<tab>ttl ms<tab>value}, kind {@code S} (a login's
	 * status; OFFLINE or ttl 0: none) or {@code D} (a phone's state, from an earlier
	 * version). A change older than what the mirror holds for that name is left out, so
	 * are those already in the last full read; one it cannot read is logged and left out.
	 */
	private void apply(MirroredPresence now, @Nullable String message) {
		String[] parts = message == null ? new String[0] : message.split("\t", 5);
		try {
			if (parts.length == 5) {
				long version = Long.parseLong(parts[1]);
				if (version > now.readAt()) {
					now.change(parts[0], version, parts[2], Long.parseLong(parts[3]), parts[4]);
				}
				return;
			}
		}
		catch (RuntimeException ex) {
			// falls through to the warning
		}
		log.warn("Ignored a presence change from Redis that could not be read: "
				+ (message == null ? null : message.substring(0, Math.min(message.length(), 80))));
	}

}

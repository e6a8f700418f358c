package io.ringside.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;

import io.ringside.database.ChangeFeed.Change;
import io.ringside.database.EchoMarks;
import io.ringside.database.RedisChannel;
import io.ringside.database.RedisKeys;
import io.ringside.presence.Presence.Reachability;

/**
 * What Redis holds about presence (each employee's status with its time-to-live, each phone's state), mirrored in
 * this instance's memory, so that routing reads the owner's status and phone without a round trip to Redis.
 * <p>
 * Every change goes through {@link Presence}'s script, which writes and publishes on {@code <prefix>presence-changes}
 * in one step: the channel carries the changes in the order Redis applied them, whichever instance made them. The
 * mirror subscribes ({@link RedisChannel}), then reads every status (with what is left of its time-to-live) and every
 * phone state, then applies what arrived meanwhile, and serves from then on. Statuses expire here as in Redis, by
 * their time-to-live.
 * <p>
 * Whenever the channel says messages may have been lost (a connection of the client went down or came back) the
 * mirror stops serving and reads everything again, once its own mark comes back on the channel ({@link EchoMarks}):
 * Lettuce subscribes again a moment after the connection is back. While it does not serve, {@link Presence} reads
 * Redis.
 * <p>
 * Threads: messages and connection events arrive on Lettuce's threads; the maps are read from any thread.
 */
final class PresenceMirror {

	private static final Log log = LogFactory.getLog(PresenceMirror.class);

	private static final int SCAN_BATCH = 500;

	private static final Duration RETRY = Duration.ofMillis(500);

	/** How long a read waits to hear its own mark back before it tries again (the subscription is not back yet). */
	private static final Duration HEARD_WITHIN = Duration.ofMillis(500);

	/** The start of a mirror's own mark on the channel: {@code P<tab>mark}. */
	private static final String MARK = "P\t";

	/** Set while reads fail, so that an outage is logged once, not every {@link #RETRY}. */
	private volatile boolean failing;

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisChannel channel;

	/** Made once, on the starting thread: a random UUID reads the system's entropy, a blocking call. */
	private final EchoMarks marks = new EchoMarks();

	private final Object lock = new Object();

	/** What is mirrored; replaced, and changed, holding {@link #lock}; read freely. */
	private volatile MirroredPresence held = new MirroredPresence(0);

	/** Messages that arrive while everything is being read, applied after it; null when not reading. */
	private List<String> arrivedWhileReading;

	private volatile boolean serving;

	private final Sinks.Many<Boolean> readRequests = Sinks.many().multicast().directBestEffort();

	private Disposable running;

	PresenceMirror(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections,
			ClientResources resources, RedisKeys keys) {
		this.redis = redis;
		this.keys = keys;
		this.channel = new RedisChannel(redis, connections, resources, keys.key("presence-changes"));
	}

	String channel() {
		return channel.name();
	}

	boolean serving() {
		return serving;
	}

	/** The status and the phone's state, from memory; null when the mirror does not serve. */
	Reachability reachability(String login, String device) {
		if (!serving) {
			return null;
		}
		MirroredPresence now = held;
		return new Reachability(now.availability(login), device == null ? DeviceState.UNKNOWN : now.phone(device));
	}

	/** The phone's state as mirrored, null when not serving. */
	DeviceState deviceState(String device) {
		return serving ? held.phone(device) : null;
	}

	/**
	 * Subscribes (waiting, on the starting thread, until the subscription is in place), then reads everything, again
	 * whenever the channel asks; a read that fails is tried again every {@link #RETRY}.
	 */
	synchronized void start() {
		Disposable reads = readRequests.asFlux()
			// Requests made while a read runs make one more read after it, not one each.
			.onBackpressureLatest()
			.concatMap(request -> Mono.defer(this::readEverything).onErrorResume(error -> {
				if (!failing) {
					failing = true;
					log.warn("Could not read presence from Redis, trying again every " + RETRY
							+ " until it answers; meanwhile reads go to Redis: " + error);
				}
				return Mono.delay(RETRY).doOnNext(tick -> readAgain()).then();
			}), 1)
			.subscribe();
		Disposable heard = channel.changes().subscribe(change -> {
			if (change instanceof Change.Heard message) {
				received(message.message());
			}
			else {
				stopServing();
				readAgain();
			}
		});
		running = Disposables.composite(heard, reads);
	}

	private void readAgain() {
		try {
			readRequests.emitNext(true, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
		}
		catch (RuntimeException stopped) {
			log.debug("No new read of presence: " + stopped);
		}
	}

	synchronized void stop() {
		stopServing();
		if (running != null) {
			running.dispose();
			running = null;
		}
		channel.close();
	}

	private void stopServing() {
		serving = false;
	}

	/**
	 * Once the mirror's own mark has come back on the channel (the subscription is in place, so nothing published
	 * from now on is missed): every status with what is left of its time-to-live and every phone state, replacing
	 * what is served; what arrived on the channel meanwhile is applied on top, in order.
	 */
	private Mono<Void> readEverything() {
		serving = false;
		return marks.echoed(mark -> channel.publish(MARK + mark), HEARD_WITHIN)
			.then(Mono.defer(this::readAfterSubscribed))
			.doOnError(error -> {
				synchronized (lock) {
					arrivedWhileReading = null;
				}
			});
	}

	private Mono<Void> readAfterSubscribed() {
		synchronized (lock) {
			arrivedWhileReading = new ArrayList<>();
		}
		String statusPrefix = keys.key(Presence.STATUS_KEY);
		String devicePrefix = keys.key(Presence.DEVICE_KEY);
		// Every change numbered up to the counter's value now is in what is read next; later ones arrive meanwhile.
		return redis.opsForValue().get(keys.key(Presence.VERSION_KEY)).map(Long::parseLong).defaultIfEmpty(0L)
			.flatMap(version -> {
				MirroredPresence read = new MirroredPresence(version);
				Mono<Void> statusesRead = scan(statusPrefix)
					.flatMap(key -> Mono.zip(redis.opsForValue().get(key), redis.getExpire(key)).doOnNext(found -> {
						Availability availability = Availability.parse(found.getT1());
						long ttl = found.getT2().toMillis();
						if (availability != Availability.OFFLINE && ttl > 0) {
							read.read(key.substring(statusPrefix.length()), availability, ttl);
						}
					}), 64)
					.then();
				Mono<Void> devicesRead = scan(devicePrefix).buffer(SCAN_BATCH)
					.concatMap(batch -> redis.opsForValue().multiGet(batch).doOnNext(values -> {
						for (int i = 0; i < batch.size(); i++) {
							if (values.get(i) != null) {
								read.read(batch.get(i).substring(devicePrefix.length()), DeviceState.parse(values.get(i)));
							}
						}
					}))
					.then();
				return statusesRead.then(devicesRead).then(Mono.fromRunnable(() -> serve(read)));
			});
	}

	private void serve(MirroredPresence read) {
		synchronized (lock) {
			held = read;
			arrivedWhileReading.forEach(this::apply);
			arrivedWhileReading = null;
			serving = true;
		}
		if (failing) {
			failing = false;
			log.info("Presence is mirrored again");
		}
		log.debug("Presence mirrored: " + read.statuses() + " statuses, " + read.phones() + " phones, up to change "
				+ read.readAt());
	}

	private Flux<String> scan(String prefix) {
		return redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(SCAN_BATCH).build());
	}

	private void received(String message) {
		synchronized (lock) {
			if (arrivedWhileReading != null) {
				arrivedWhileReading.add(message);
			}
			else {
				apply(message);
			}
		}
	}

	/**
	 * A change this instance has just written, applied ahead of its echo on the channel (which its number then
	 * makes this ignore).
	 */
	void applied(String kind, long version, String name, long ttlMillis, String value) {
		synchronized (lock) {
			held.change(kind, version, name, ttlMillis, value);
		}
	}

	/**
	 * Applies one change as {@link Presence}'s script publishes it: {@code kind<tab>number<tab>name<tab>ttl ms<tab>value},
	 * kind {@code S} (a login's status; OFFLINE or ttl 0: none) or {@code D} (a phone's state); {@code P<tab>mark} is
	 * a mirror's own check of its subscription. A change older than what the mirror holds for that name is left out,
	 * so are those already in the last full read; one it cannot read is logged and left out. Called holding
	 * {@link #lock}.
	 */
	private void apply(String message) {
		String[] parts = message.split("\t", 5);
		try {
			if (parts.length == 2 && parts[0].equals("P")) {
				marks.release(parts[1]);
				return;
			}
			if (parts.length == 5) {
				long version = Long.parseLong(parts[1]);
				MirroredPresence now = held;
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
				+ message.substring(0, Math.min(message.length(), 80)));
	}

}

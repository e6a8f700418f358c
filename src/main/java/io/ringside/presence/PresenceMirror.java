package io.ringside.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

import io.ringside.presence.Presence.Reachability;

/**
 * What Redis holds about presence (each employee's status with its time-to-live, each phone's state), mirrored in
 * this instance's memory, so that routing reads the owner's status and phone without a round trip to Redis.
 * <p>
 * Every change goes through {@link Presence}'s script, which writes and publishes on {@code <prefix>presence-changes}
 * in one step: the channel carries the changes in the order Redis applied them, whichever instance made them. The
 * mirror subscribes, then reads every status (with what is left of its time-to-live) and every phone state, then
 * applies what arrived meanwhile, and serves from then on. Statuses expire here as in Redis, by their time-to-live.
 * <p>
 * Lettuce resubscribes by itself after a lost connection, silently: messages published in between would be lost. So
 * when any of the client's connections goes down the mirror stops serving, and when one comes back it reads
 * everything again. While it does not serve, {@link Presence} reads Redis.
 * <p>
 * Threads: messages and connection events arrive on Lettuce's threads; the maps are read from any thread.
 */
final class PresenceMirror {

	private static final Log log = LogFactory.getLog(PresenceMirror.class);

	private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

	private static final int SCAN_BATCH = 500;

	private static final Duration RETRY = Duration.ofMillis(500);

	/** Set while reads fail, so that an outage is logged once, not every {@link #RETRY}. */
	private volatile boolean failing;

	/** How long a read waits to hear its own message back before it tries again (the subscription is not back yet). */
	private static final Duration HEARD_WITHIN = Duration.ofMillis(500);

	private final ReactiveStringRedisTemplate redis;

	private final ReactiveRedisConnectionFactory connections;

	private final ClientResources resources;

	private final RedisKeys keys;

	private final ChannelTopic channel;

	private final Object lock = new Object();

	/** Statuses by login; guarded by {@link #lock} for writes, read freely. */
	private volatile Map<String, Held> statuses = new ConcurrentHashMap<>();

	private volatile Map<String, Phone> devices = new ConcurrentHashMap<>();

	/** The counter's value when everything was last read: buffered changes up to it are in what was read. */
	private long readAt;

	/** Messages that arrive while everything is being read, applied after it; null when not reading. */
	private List<String> arrivedWhileReading;

	private volatile boolean serving;

	/** Messages of its own the mirror waits to hear back, by token. */
	private final Map<String, Sinks.Empty<Void>> pings = new ConcurrentHashMap<>();

	/** Made once, on the starting thread: a random UUID reads the system's entropy, a blocking call. */
	private final String instance = UUID.randomUUID().toString();

	private final AtomicLong pingsSent = new AtomicLong();

	private final Sinks.Many<Boolean> readRequests = Sinks.many().multicast().directBestEffort();

	private ReactiveRedisMessageListenerContainer container;

	private Disposable running;

	PresenceMirror(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections,
			ClientResources resources, RedisKeys keys) {
		this.redis = redis;
		this.connections = connections;
		this.resources = resources;
		this.keys = keys;
		this.channel = ChannelTopic.of(keys.key("presence-changes"));
	}

	String channel() {
		return channel.getTopic();
	}

	boolean serving() {
		return serving;
	}

	/** The status and the phone's state, from memory; null when the mirror does not serve. */
	Reachability reachability(String login, String device) {
		if (!serving) {
			return null;
		}
		return new Reachability(availability(login), device == null ? DeviceState.UNKNOWN : phone(device));
	}

	/** The phone's state as mirrored, null when not serving. */
	DeviceState deviceState(String device) {
		return serving ? phone(device) : null;
	}

	private DeviceState phone(String device) {
		Phone phone = devices.get(device);
		return phone == null ? DeviceState.UNKNOWN : phone.state();
	}

	private Availability availability(String login) {
		Held held = statuses.get(login);
		if (held == null) {
			return Availability.OFFLINE;
		}
		if (held.expired(System.nanoTime())) {
			return Availability.OFFLINE;
		}
		return held.availability();
	}

	/** Subscribes (waiting, on the starting thread, until the subscription is in place), then reads everything. */
	synchronized void start() {
		container = new ReactiveRedisMessageListenerContainer(connections);
		ReactiveRedisMessageListenerContainer listening = container;
		Flux<ReactiveSubscription.Message<String, String>> messages = listening.receiveLater(channel)
			.block(SUBSCRIBE_TIMEOUT);
		Disposable received = messages
			.onErrorResume(error -> {
				log.warn("Lost the presence channel in Redis, subscribing again: " + error);
				stopServing();
				readAgain();
				return Flux.defer(() -> listening.receive(channel))
					.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
						// a message received since the last failure starts the backoff again from its first step
						.transientErrors(true));
			})
			.subscribe(message -> received(message.getMessage()));
		// Events of different connections come on different threads, in no set order: any of them means read again
		// (a read waits until the subscription answers, and is tried again until Redis does).
		Disposable connectionEvents = resources.eventBus().get().subscribe(event -> {
			if (event instanceof ConnectionDeactivatedEvent || event instanceof ConnectionActivatedEvent) {
				stopServing();
				readAgain();
			}
		});
		Disposable reads = readRequests.asFlux()
			.startWith(true)
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
		running = Disposables.composite(received, connectionEvents, reads);
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
		if (container != null) {
			container.destroy();
			container = null;
		}
	}

	private void stopServing() {
		serving = false;
	}

	/**
	 * Every status with what is left of its time-to-live and every phone state, into new maps that replace the
	 * served ones; what arrived on the channel meanwhile is applied on top, in order.
	 */
	private Mono<Void> readEverything() {
		serving = false;
		return subscribed().then(Mono.defer(this::readAfterSubscribed)).doOnError(error -> {
			synchronized (lock) {
				arrivedWhileReading = null;
			}
		});
	}

	/**
	 * Completes once a message of its own has come back on the channel: the subscription is in place (after a
	 * reconnect, Lettuce subscribes again a moment after the connection is back), so nothing published from now on is
	 * missed.
	 */
	private Mono<Void> subscribed() {
		String token = instance + "/" + pingsSent.incrementAndGet();
		Sinks.Empty<Void> heard = Sinks.empty();
		pings.put(token, heard);
		return redis.convertAndSend(channel.getTopic(), "P\t" + token)
			.then(heard.asMono())
			.timeout(HEARD_WITHIN)
			.doFinally(signal -> pings.remove(token));
	}

	private Mono<Void> readAfterSubscribed() {
		synchronized (lock) {
			arrivedWhileReading = new ArrayList<>();
		}
		String statusPrefix = keys.key(Presence.STATUS_KEY);
		String devicePrefix = keys.key(Presence.DEVICE_KEY);
		Map<String, Held> readStatuses = new ConcurrentHashMap<>();
		Map<String, Phone> readDevices = new ConcurrentHashMap<>();
		// Every change numbered up to the counter's value now is in what is read next; later ones arrive meanwhile.
		return redis.opsForValue().get(keys.key(Presence.VERSION_KEY)).map(Long::parseLong).defaultIfEmpty(0L)
			.flatMap(version -> {
				Mono<Void> statusesRead = scan(statusPrefix)
					.flatMap(key -> Mono.zip(redis.opsForValue().get(key), redis.getExpire(key)).doOnNext(found -> {
						Availability availability = Presence.parseAvailability(found.getT1());
						long ttl = found.getT2().toMillis();
						if (availability != Availability.OFFLINE && ttl > 0) {
							readStatuses.put(key.substring(statusPrefix.length()),
									new Held(availability, System.nanoTime() + ttl * 1_000_000, version));
						}
					}), 64)
					.then();
				Mono<Void> devicesRead = scan(devicePrefix).buffer(SCAN_BATCH)
					.concatMap(batch -> redis.opsForValue().multiGet(batch).doOnNext(values -> {
						for (int i = 0; i < batch.size(); i++) {
							if (values.get(i) != null) {
								readDevices.put(batch.get(i).substring(devicePrefix.length()),
										new Phone(DeviceState.parse(values.get(i)), version));
							}
						}
					}))
					.then();
				return statusesRead.then(devicesRead).then(Mono.fromRunnable(() -> {
					synchronized (lock) {
						statuses = readStatuses;
						devices = readDevices;
						readAt = version;
						arrivedWhileReading.forEach(this::apply);
						arrivedWhileReading = null;
						serving = true;
					}
					if (failing) {
						failing = false;
						log.info("Presence is mirrored again");
					}
					log.debug("Presence mirrored: " + readStatuses.size() + " statuses, " + readDevices.size()
							+ " phones, up to change " + version);
				}));
			});
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
			change(kind, version, name, ttlMillis, value);
		}
	}

	/**
	 * Applies one change as {@link Presence}'s script publishes it: {@code kind<tab>number<tab>name<tab>ttl ms<tab>value},
	 * kind {@code S} (a login's status; OFFLINE or ttl 0: none) or {@code D} (a phone's state); {@code P<tab>token} is
	 * a mirror's own check of its subscription. A change older than what the mirror holds for that name is left out,
	 * so are those already in the last full read; one it cannot read is logged and left out.
	 */
	private void apply(String message) {
		String[] parts = message.split("\t", 5);
		try {
			if (parts.length == 2 && parts[0].equals("P")) {
				Sinks.Empty<Void> heard = pings.remove(parts[1]);
				if (heard != null) {
					heard.tryEmitEmpty();
				}
				return;
			}
			if (parts.length == 5) {
				long version = Long.parseLong(parts[1]);
				if (version > readAt) {
					change(parts[0], version, parts[2], Long.parseLong(parts[3]), parts[4]);
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

	/** Called holding {@link #lock}. */
	private void change(String kind, long version, String name, long ttlMillis, String value) {
		if (kind.equals(Presence.STATUS)) {
			Held held = statuses.get(name);
			if (held != null && held.version() >= version) {
				return;
			}
			Availability availability = Presence.parseAvailability(value);
			// A status removed is remembered with its number (expired at once), so that an older change cannot revive it.
			statuses.put(name, new Held(availability == Availability.OFFLINE || ttlMillis <= 0 ? Availability.OFFLINE
					: availability, System.nanoTime() + Math.max(0, ttlMillis) * 1_000_000, version));
		}
		else if (kind.equals(Presence.DEVICE)) {
			Phone phone = devices.get(name);
			if (phone == null || phone.version() < version) {
				devices.put(name, new Phone(DeviceState.parse(value), version));
			}
		}
		else {
			throw new IllegalArgumentException("kind " + kind);
		}
	}

	/** A status until it expires ({@link System#nanoTime()}), and the number of the change that set it. */
	private record Held(Availability availability, long expiresAt, long version) {

		boolean expired(long now) {
			return availability == Availability.OFFLINE || now - expiresAt >= 0;
		}

	}

	/** A phone's state, and the number of the change that set it. */
	private record Phone(DeviceState state, long version) {
	}

}

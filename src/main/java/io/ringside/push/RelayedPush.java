package io.ringside.push;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;

import io.ringside.database.Redis;
import io.ringside.database.RedisKeys;

/**
 * {@link Push} across instances: delivers to this instance's sessions at once, then,
 * while other instances are there ({@link OtherInstances}), publishes the message on the
 * Redis channel {@code <prefix>push}; every instance listens there and delivers what
 * other instances published to its own sessions. A message carries the publishing
 * instance's id, so the publisher ignores its own echo and each session gets a message
 * once. Order is kept for the messages one instance publishes; messages published on
 * different instances may reach a session in either order (the local one first).
 * <p>
 * Ending an employee's sessions ({@link #endSessions}) travels the same way, on the
 * channel {@code <prefix>push:ended}: three lines, the publishing instance's id, the
 * login and the message.
 * <p>
 * Started and stopped with the application: {@link #start()} waits (on the starting
 * thread) until the Redis subscription is in place, so an instance that is up receives
 * every message published after that. Redis messages arrive on Lettuce's threads and are
 * delivered from there.
 */
@Component
class RelayedPush implements Push, SmartLifecycle {

	private static final Log log = LogFactory.getLog(RelayedPush.class);

	private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

	private final String instance = UUID.randomUUID().toString();

	private final AtomicLong sequence = new AtomicLong();

	private final LocalSessions sessions;

	private final Redis redis;

	private final ReactiveRedisConnectionFactory redisConnections;

	private @Nullable ReactiveRedisMessageListenerContainer listeners;

	private final JsonMapper json;

	private final ChannelTopic channel;

	private final ChannelTopic endings;

	private @Nullable Disposable listening;

	private @Nullable Disposable saying;

	private final OtherInstances others = new OtherInstances(System::nanoTime);

	RelayedPush(LocalSessions sessions, Redis redis, ReactiveRedisConnectionFactory redisConnections, JsonMapper json,
			RedisKeys keys) {
		this.sessions = sessions;
		this.redis = redis;
		this.redisConnections = redisConnections;
		this.json = json;
		this.channel = ChannelTopic.of(keys.key("push"));
		this.endings = ChannelTopic.of(keys.key("push:ended"));
	}

	@Override
	public Mono<Void> toUser(String login, String queue, Object payload) {
		return toUserQueue(login, queue, () -> json.writeValueAsString(payload));
	}

	@Override
	public Mono<Void> toUserAsJson(String login, String queue, String asJson) {
		return toUserQueue(login, queue, () -> asJson);
	}

	private Mono<Void> toUserQueue(String login, String queue, Supplier<String> body) {
		String destination = Destinations.userQueue(queue, true);
		if (destination == null) {
			return Mono
				.error(new IllegalArgumentException("No user queue " + queue + "; there are " + Destinations.QUEUES));
		}
		return deliver(login, destination, body);
	}

	@Override
	public Mono<Void> toTopic(String topic, Object payload) {
		if (!Destinations.TOPICS.contains(topic)) {
			return Mono.error(new IllegalArgumentException("No topic " + topic + "; there are " + Destinations.TOPICS));
		}
		return deliver(null, topic, () -> json.writeValueAsString(payload));
	}

	@Override
	public Mono<Void> toTopicOnThisInstance(String topic, Object payload) {
		if (!Destinations.TOPICS.contains(topic)) {
			return Mono.error(new IllegalArgumentException("No topic " + topic + "; there are " + Destinations.TOPICS));
		}
		return Mono.fromRunnable(() -> sessions.toTopic(topic, instance + "-" + sequence.incrementAndGet(),
				json.writeValueAsBytes(payload)));
	}

	@Override
	public Flux<SessionsChanged> sessions() {
		return sessions.changes();
	}

	@Override
	public Mono<Void> endSessions(String login, String message) {
		if (login.indexOf('\n') >= 0 || message.indexOf('\n') >= 0) {
			return Mono.error(new IllegalArgumentException("A login or message with a line break"));
		}
		return Mono.fromRunnable(() -> {
			int ended = sessions.end(login, message);
			if (ended > 0) {
				log.info("Ended " + ended + " STOMP sessions of " + login + ": " + message);
			}
		}).then(redis.publish(endings.getTopic(), instance + "\n" + login + "\n" + message)).then();
	}

	@Override
	public int openSessions(String login) {
		return sessions.openSessions(login);
	}

	@Override
	public Set<String> loginsWithOpenSessions() {
		return sessions.logins();
	}

	/**
	 * @param body the payload as JSON, written when the message is made
	 */
	private Mono<Void> deliver(@Nullable String login, String destination, Supplier<String> body) {
		return Mono.fromCallable(() -> {
			Relayed message = new Relayed(instance, instance + "-" + sequence.incrementAndGet(), login, destination,
					body.get());
			deliverLocally(message);
			return message;
		})
			.filter(message -> others.present())
			.flatMap(message -> redis.publish(channel.getTopic(), message.encoded()))
			.doOnNext(others::reached)
			.then();
	}

	private void deliverLocally(Relayed message) {
		byte[] body = message.body().getBytes(StandardCharsets.UTF_8);
		String login = message.login();
		if (login == null) {
			sessions.toTopic(message.destination(), message.id(), body);
		}
		else {
			sessions.toUser(login, message.destination(), message.id(), body);
		}
	}

	private void received(ReactiveSubscription.Message<String, String> published) {
		String text = published.getMessage();
		if (Relayed.isFrom(instance, text)) {
			return;
		}
		others.heard();
		if (Relayed.saysHere(text)) {
			return;
		}
		if (endings.getTopic().equals(published.getChannel())) {
			String[] parts = text.split("\n", 3);
			if (parts.length == 3) {
				int ended = sessions.end(parts[1], parts[2]);
				if (ended > 0) {
					log.info("Ended " + ended + " STOMP sessions of " + parts[1] + ": " + parts[2]);
				}
			}
			return;
		}
		Relayed message = Relayed.decode(text);
		if (message == null) {
			log.warn("Ignored a push message from Redis that could not be read: "
					+ text.substring(0, Math.min(text.length(), 80)));
			return;
		}
		deliverLocally(message);
	}

	/**
	 * Subscribes to the channel with a listener container of its own: the container takes
	 * its Redis connection when made, and the connection factory closes its connections
	 * when the application stops (and reopens them when it starts again, as the test
	 * framework does with cached contexts), so the container lives from start to stop.
	 */
	@Override
	public synchronized void start() {
		ReactiveRedisMessageListenerContainer container = new ReactiveRedisMessageListenerContainer(redisConnections);
		listeners = container;
		// receiveLater gives the messages once subscribed, or fails: it never completes
		// empty.
		Flux<ReactiveSubscription.Message<String, String>> subscribed = Objects.requireNonNull(
				container.receiveLater(channel, endings).block(SUBSCRIBE_TIMEOUT), "subscribed without messages");
		listening = subscribed.onErrorResume(error -> {
			log.warn("Lost the push channel in Redis, subscribing again: " + error);
			return Flux.defer(() -> container.receive(channel, endings))
				.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
					.maxBackoff(Duration.ofSeconds(30))
					// a message received since the last failure starts the backoff again
					// from its first step
					.transientErrors(true));
		}).subscribe(this::received);
		saying = Flux.interval(Duration.ZERO, OtherInstances.SAY_EVERY)
			.onBackpressureDrop()
			.concatMap(tick -> redis.publish(channel.getTopic(), Relayed.here(instance))
				.doOnNext(others::reached)
				.onErrorResume(error -> Mono.empty()))
			.subscribe();
	}

	/**
	 * Starts before the web server takes sessions, and stops after it: an instance is
	 * subscribed, and has said so to the others, before any of its sessions can miss a
	 * message.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	@Override
	public synchronized void stop() {
		if (saying != null) {
			saying.dispose();
			saying = null;
		}
		if (listening != null) {
			listening.dispose();
			listening = null;
		}
		if (listeners != null) {
			listeners.destroy();
			listeners = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return listening != null;
	}

}

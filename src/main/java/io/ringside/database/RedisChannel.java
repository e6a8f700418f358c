package io.ringside.database;

import java.time.Duration;
import java.util.Objects;

import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

/**
 * A Redis pub/sub channel as a {@link ChangeFeed}.
 * <p>
 * Lettuce resubscribes by itself after a lost connection, silently: messages published in
 * between would be lost. So when any of the client's connections goes down or comes back,
 * and when the subscription fails (it is made again, backing off), this emits
 * {@link Change#READ_EVERYTHING}.
 * <p>
 * Threads: {@link #changes()} is subscribed on a thread that may block (the starting
 * one), which waits until the subscription is in place; messages and connection events
 * are then emitted on Lettuce's threads. {@link #close()} blocks too, on the stopping
 * thread.
 */
public final class RedisChannel implements ChangeFeed {

	private static final Log log = LogFactory.getLog(RedisChannel.class);

	private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

	private final Redis redis;

	private final ReactiveRedisConnectionFactory connections;

	private final ClientResources resources;

	private final ChannelTopic channel;

	private @Nullable ReactiveRedisMessageListenerContainer container;

	public RedisChannel(Redis redis, ReactiveRedisConnectionFactory connections, ClientResources resources,
			String channel) {
		this.redis = redis;
		this.connections = connections;
		this.resources = resources;
		this.channel = ChannelTopic.of(channel);
	}

	/** The channel's name. */
	public String name() {
		return channel.getTopic();
	}

	/**
	 * Subscribes once, waiting on the subscribing thread until the subscription is in
	 * place; never ends by itself.
	 */
	@Override
	public Flux<Change> changes() {
		return Flux.defer(() -> {
			ReactiveRedisMessageListenerContainer listening = open();
			// receiveLater gives the messages once subscribed, or fails: it never
			// completes
			// empty.
			Flux<ReactiveSubscription.Message<String, String>> messages = Objects.requireNonNull(
					listening.receiveLater(channel).block(SUBSCRIBE_TIMEOUT), "subscribed without messages");
			Flux<Change> heard = messages.<Change>map(message -> new Change.Heard(message.getMessage()))
				.onErrorResume(error -> {
					log.warn("Lost the channel " + channel.getTopic() + " in Redis, subscribing again: " + error);
					return Flux.just(Change.READ_EVERYTHING)
						.concatWith(Flux.defer(() -> listening.receive(channel))
							.<Change>map(message -> new Change.Heard(message.getMessage()))
							.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
								.maxBackoff(Duration.ofSeconds(30))
								// a message received since the last failure starts the
								// backoff again from its first step
								.transientErrors(true)));
				});
			// Events of different connections come on different threads, in no set order:
			// any of them means read again.
			Flux<Change> reconnected = resources.eventBus()
				.get()
				.filter(event -> event instanceof ConnectionDeactivatedEvent
						|| event instanceof ConnectionActivatedEvent)
				.map(event -> Change.READ_EVERYTHING);
			return Flux.merge(Flux.just(Change.READ_EVERYTHING).concatWith(heard), reconnected);
		});
	}

	@Override
	public Mono<Void> publish(String message) {
		return redis.publish(channel.getTopic(), message).then();
	}

	/**
	 * Unsubscribes and lets the subscription's connection go; blocks, on the stopping
	 * thread.
	 */
	public synchronized void close() {
		if (container != null) {
			container.destroy();
			container = null;
		}
	}

	private synchronized ReactiveRedisMessageListenerContainer open() {
		close();
		container = new ReactiveRedisMessageListenerContainer(connections);
		return container;
	}

}

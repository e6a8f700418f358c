package io.ringside.database;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The one Redis connection Ringside's own commands go through: Lettuce's commands on
 * strings, each one a command on the wire and a future, nothing in between. Spring Data
 * Redis's reactive template, which wrapped every command in a connection lookup, byte
 * buffer (de)serialization and conversions, was 7% of the profile's samples of whole
 * calls at 200 calls/s; it stays for what is not per call (subscriptions, the health
 * check, sessions).
 * <p>
 * The connection comes from the client Spring Boot configured (address, password, TLS,
 * timeouts, {@link RedisResilience#clientOptions()}): it is opened on the starting
 * thread, closed when the application stops and opened again when it starts (the client
 * is a new one then). One connection keeps the order of commands: what was written is
 * what a later read on it sees.
 * <p>
 * Threads: any; a command's result comes on Lettuce's thread. Nothing blocks but
 * {@link #start()} and {@link #stop()}, on the starting and stopping thread.
 */
@Component
public class Redis implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(Redis.class);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final LettuceConnectionFactory connections;

	private volatile @Nullable StatefulRedisConnection<String, String> connection;

	/** Opens the connection at once, on the constructing thread. */
	public Redis(LettuceConnectionFactory connections) {
		this.connections = connections;
		start();
	}

	/**
	 * A command, sent when subscribed to; empty when Redis answers nil. Fails at once
	 * while Redis is away or Ringside is stopped.
	 */
	public <T> Mono<T> mono(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
		return Mono.defer(() -> Mono.fromCompletionStage(command.apply(open().async())));
	}

	/** A command that answers a list, as its elements. */
	public <T> Flux<T> flux(Function<RedisAsyncCommands<String, String>, RedisFuture<List<T>>> command) {
		return mono(command).flatMapIterable(Function.identity());
	}

	/**
	 * Runs a script by its digest, and by its text when Redis does not know it yet (which
	 * then keeps it).
	 */
	public <T> Mono<T> run(LuaScript<T> script, List<String> keys, List<String> arguments) {
		String[] keyArray = keys.toArray(String[]::new);
		String[] argumentArray = arguments.toArray(String[]::new);
		return this.<T>mono(redis -> redis.evalsha(script.digest(), script.output(), keyArray, argumentArray))
			.onErrorResume(RedisNoScriptException.class,
					unknown -> mono(redis -> redis.eval(script.source(), script.output(), keyArray, argumentArray)));
	}

	/** The keys that match a pattern, read {@code batch} at a time (SCAN). */
	public Flux<String> scan(String pattern, int batch) {
		return Flux.defer(() -> ScanStream.scan(open().reactive(), ScanArgs.Builder.matches(pattern).limit(batch)));
	}

	/**
	 * The connection, or a failure while Ringside is stopped (inside a defer: an error).
	 */
	private StatefulRedisConnection<String, String> open() {
		StatefulRedisConnection<String, String> open = connection;
		if (open == null) {
			throw new RedisConnectionException("Ringside's Redis connection is closed (stopped)");
		}
		return open;
	}

	/** Publishes a message on a channel: how many subscribers received it. */
	public Mono<Long> publish(String channel, String message) {
		return mono(redis -> redis.publish(channel, message));
	}

	/** Opens the connection, on the starting thread, in a few attempts. */
	@Override
	public synchronized void start() {
		if (connection != null) {
			return;
		}
		AbstractRedisClient client = connections.getRequiredNativeClient();
		if (!(client instanceof RedisClient standalone)) {
			throw new IllegalStateException("Ringside needs a standalone Redis (or one behind Sentinel), not "
					+ client.getClass().getSimpleName());
		}
		connection = RedisResilience.connectWithAttempts(() -> standalone.connect(StringCodec.UTF8),
				RedisConnectionException.class);
	}

	/** Closes the connection, waiting on the stopping thread for what is in flight. */
	@Override
	public synchronized void stop() {
		StatefulRedisConnection<String, String> open = connection;
		connection = null;
		if (open != null) {
			try {
				open.closeAsync().orTimeout(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
			}
			catch (CompletionException ex) {
				log.warn("Ringside's Redis connection did not close within " + CLOSE_TIMEOUT + ": " + ex.getCause());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return connection != null;
	}

	/**
	 * After Spring's connection factory (phase 0), which makes a new client when it
	 * starts again, and before everything of Ringside that sends commands.
	 */
	@Override
	public int getPhase() {
		return 1;
	}

}

package io.ringside.database;

import java.time.Duration;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedRuntimeException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * How Ringside talks to Redis so that a Redis outage never stalls an event loop.
 * <ul>
 * <li>The shared connection is opened at start-up, on the starting thread (a few
 * attempts). Spring Data Redis would otherwise open it on first use, with a blocking
 * connect, on whatever thread asked (an event loop). Ringside does not start without
 * Redis.</li>
 * <li>While Redis is away, commands fail at once instead of queueing
 * ({@code REJECT_COMMANDS}); Lettuce reconnects in the background. Routing then answers
 * FALLBACK immediately.</li>
 * <li>Connect and command timeouts are short: Redis answers in well under a millisecond
 * when it is well.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class RedisResilience {

	private static final Log log = LogFactory.getLog(RedisResilience.class);

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

	/** How long a Redis command may wait for its answer before it fails. */
	public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

	/** The client options Ringside uses for every Redis connection. */
	public static ClientOptions clientOptions() {
		return ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
			.build();
	}

	/**
	 * A client configuration with {@link #clientOptions()}, for connection factories made
	 * by hand.
	 */
	public static LettuceClientConfiguration clientConfiguration() {
		return LettuceClientConfiguration.builder()
			.clientOptions(clientOptions())
			.commandTimeout(COMMAND_TIMEOUT)
			.build();
	}

	@Bean
	LettuceClientConfigurationBuilderCustomizer ringsideRedisClientOptions() {
		return builder -> builder.clientOptions(clientOptions()).commandTimeout(COMMAND_TIMEOUT);
	}

	/**
	 * Lettuce times every command into a latency histogram of its own (LatencyUtils is on
	 * the class path) that nothing here reads: a twentieth of its event loop in the
	 * whole-call benchmark. Off.
	 */
	@Bean
	ClientResourcesBuilderCustomizer ringsideRedisLatencyOff() {
		return builder -> builder.commandLatencyRecorder(CommandLatencyRecorder.disabled());
	}

	/**
	 * Attempts at the start-up connection; each may take {@link #CONNECT_TIMEOUT} plus
	 * the handshake's timeout.
	 */
	static final int STARTUP_ATTEMPTS = 5;

	@Bean
	static BeanPostProcessor connectRedisEagerly() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
				if (bean instanceof LettuceConnectionFactory factory && factory.getShareNativeConnection()) {
					connectAtStart(factory);
					// A context stopped and started again (as tests do with cached
					// contexts) reconnects eagerly too.
					factory.setEagerInitialization(true);
				}
				return bean;
			}

		};
	}

	/**
	 * Opens the shared connection on the starting thread. A JVM that is still loading
	 * classes on a busy machine can miss the one-second handshake once, so a few attempts
	 * are made before Ringside gives up starting.
	 */
	static void connectAtStart(LettuceConnectionFactory factory) {
		connectWithAttempts(() -> {
			factory.initConnection();
			return factory;
		}, RedisConnectionFailureException.class);
	}

	/**
	 * Connects on the starting thread, {@link #STARTUP_ATTEMPTS} attempts at most, each
	 * failure of that type logged: what {@link #connectAtStart} does for Spring's
	 * connection and {@link Redis} for Ringside's own.
	 */
	static <T> T connectWithAttempts(Supplier<T> connect, Class<? extends RuntimeException> failure) {
		for (int attempt = 1;; attempt++) {
			try {
				return connect.get();
			}
			catch (RuntimeException ex) {
				if (!failure.isInstance(ex) || attempt == STARTUP_ATTEMPTS) {
					throw ex;
				}
				Throwable cause = ex instanceof NestedRuntimeException nested ? nested.getMostSpecificCause() : ex;
				log.warn("Redis did not answer at start (attempt " + attempt + " of " + STARTUP_ATTEMPTS + "): "
						+ cause.getMessage());
			}
		}
	}

}

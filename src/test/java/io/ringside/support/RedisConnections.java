package io.ringside.support;

import io.lettuce.core.RedisURI;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.ringside.database.RedisResilience;

/**
 * Connection factories to the tests' Redis, made by hand, as Ringside configures its own.
 */
public final class RedisConnections {

	private RedisConnections() {
	}

	/** A factory to {@link TestServices#redis()}, started; the caller destroys it. */
	public static LettuceConnectionFactory started() {
		RedisURI redis = RedisURI.create(TestServices.redis());
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redis.getHost(), redis.getPort()),
				RedisResilience.clientConfiguration());
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}

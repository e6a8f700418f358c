package io.ringside.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import redis.embedded.RedisServer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.StringUtils;

/**
 * With neither {@code spring.data.redis.url} nor {@code spring.data.redis.host} set,
 * Ringside starts an embedded Redis on a free loopback port, so the demo needs no server.
 * It keeps nothing on disk: presence is short-lived by nature.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedRedisConfiguration.NoRedisConfigured.class)
class EmbeddedRedisConfiguration {

	private static final Log log = LogFactory.getLog(EmbeddedRedisConfiguration.class);

	@Bean(initMethod = "start", destroyMethod = "stop")
	RedisServer embeddedRedis() throws IOException {
		int port = freePort();
		log.info("No spring.data.redis.url configured: starting an embedded Redis on 127.0.0.1:" + port);
		return RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
	}

	@Bean
	LettuceConnectionFactory redisConnectionFactory(RedisServer embeddedRedis) {
		return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", embeddedRedis.ports().get(0)),
				RedisResilience.clientConfiguration());
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for the embedded Redis", ex);
		}
	}

	static final class NoRedisConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.data.redis.url"))
					&& !StringUtils.hasText(context.getEnvironment().getProperty("spring.data.redis.host"));
		}

	}

}

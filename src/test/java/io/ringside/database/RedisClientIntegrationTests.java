package io.ringside.database;

import java.time.Duration;

import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.ringside.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lettuce client as the application configures it, against the real Redis. */
class RedisClientIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	ClientResources resources;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Test
	void commandsAreNotTimedIntoAHistogramThatNothingReads() {
		assertThat(redis.opsForValue().set("ringside-test:latency", "1", WAIT).block(WAIT)).isTrue();

		assertThat(resources.commandLatencyRecorder().isEnabled()).isFalse();
	}

}

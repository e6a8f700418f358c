package io.ringside.database;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.ringside.support.RedisConnections;
import io.ringside.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ringside's own Redis connection against the real Redis: scripts Redis does not know
 * yet, nil answers, and a stop and start of the application.
 */
class RedisIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private LettuceConnectionFactory connections;

	private Redis redis;

	private String key;

	@BeforeEach
	void connect() {
		connections = RedisConnections.started();
		redis = new Redis(connections);
		key = TestServices.REDIS_KEY_PREFIX + "redis-" + UUID.randomUUID();
	}

	@AfterEach
	void close() {
		redis.start();
		redis.mono(commands -> commands.del(key)).block(WAIT);
		redis.stop();
		connections.destroy();
	}

	@Test
	void aScriptRedisDoesNotKnowIsSentAsTextOnceThenRunByItsDigest() {
		// a script no run has sent before: its text differs by the key in a comment
		LuaScript<Long> script = LuaScript.integer("-- " + key + "\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])");
		assertThat(redis.mono(commands -> commands.scriptExists(script.digest())).block(WAIT)).containsExactly(false);

		redis.run(script, List.of(key), List.of("2")).as(StepVerifier::create).expectNext(2L).verifyComplete();

		assertThat(redis.mono(commands -> commands.scriptExists(script.digest())).block(WAIT)).containsExactly(true);
		redis.run(script, List.of(key), List.of("3")).as(StepVerifier::create).expectNext(5L).verifyComplete();
	}

	@Test
	void aTableAnswerKeepsItsNumbersAndStrings() {
		LuaScript<List<Object>> script = LuaScript.table("return {1, ARGV[1]}");

		redis.run(script, List.of(), List.of("two"))
			.as(StepVerifier::create)
			.expectNext(List.of(1L, "two"))
			.verifyComplete();
	}

	@Test
	void nilIsEmptyAndAListIsItsElements() {
		redis.mono(commands -> commands.get(key)).as(StepVerifier::create).verifyComplete();

		redis.mono(commands -> commands.rpush(key, "a", "b")).block(WAIT);
		redis.flux(commands -> commands.lrange(key, 0, -1))
			.as(StepVerifier::create)
			.expectNext("a", "b")
			.verifyComplete();
	}

	@Test
	void whileStoppedCommandsFailAtOnceAndOnceStartedAgainTheyAreSent() {
		redis.stop();

		redis.mono(commands -> commands.set(key, "1"))
			.as(StepVerifier::create)
			.expectErrorSatisfies(failure -> assertThat(failure).isInstanceOf(RedisConnectionException.class)
				.hasMessageContaining("closed"))
			.verify(WAIT);
		assertThat(redis.isRunning()).isFalse();

		redis.start();
		redis.mono(commands -> commands.set(key, "1")).as(StepVerifier::create).expectNext("OK").verifyComplete();
		assertThat(redis.mono(commands -> commands.get(key)).block(WAIT)).isEqualTo("1");
	}

	@Test
	void scanFindsTheKeysOfAPattern() {
		redis.mono(commands -> commands.mset(Map.of(key + ":a", "1", key + ":b", "2"))).block(WAIT);
		try {
			assertThat(redis.scan(key + ":*", 1).collectList().block(WAIT)).containsExactlyInAnyOrder(key + ":a",
					key + ":b");
		}
		finally {
			redis.mono(commands -> commands.del(key + ":a", key + ":b")).block(WAIT);
		}
	}

}

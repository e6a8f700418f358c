package io.ringside.pops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.ringside.database.RedisKeys;
import io.ringside.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pops of calls in progress in the real Redis: stored with their time-to-live, gone
 * when the call is.
 */
class ActivePopsIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	ActivePops active;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Autowired
	PopSettings settings;

	@Autowired
	JsonMapper json;

	@Test
	void aRingingPopIsStoredWithItsTimeToLiveAndAnEndedOneRemoved() {
		String login = "pops-" + data.unique();
		Instant now = Instant.now();
		Pop ringing = new Pop("call-" + data.unique(), Pop.State.RINGING, "OWNER", "+74951234567", login, now, null,
				null, null, null, true, List.of(), "NORMAL", null, List.of(), 1);
		String key = keys.key("pops:" + login);

		active.save(ringing, json.writeValueAsString(ringing), true).block(WAIT);

		assertThat(redis.opsForHash().hasKey(key, ringing.callId()).block(WAIT)).isTrue();
		Duration ttl = redis.getExpire(key).block(WAIT);
		assertThat(ttl).isPositive().isLessThanOrEqualTo(settings.activeTtl());
		assertThat(active.snapshot(login).collectList().block(WAIT)).singleElement()
			.satisfies(pop -> assertThat(pop.path("callId").asString()).isEqualTo(ringing.callId()));

		Pop ended = ringing.with(Pop.State.ENDED, now.plusSeconds(30), null);
		active.save(ended, json.writeValueAsString(ended), false).block(WAIT);

		assertThat(redis.opsForHash().hasKey(key, ringing.callId()).block(WAIT)).isFalse();
		assertThat(active.snapshot(login).collectList().block(WAIT)).isEmpty();
	}

	@Test
	void anAnsweredPopThatRangSinceItsLastWriteSetsTheTimeToLiveToo() {
		String login = "pops-" + data.unique();
		Instant now = Instant.now();
		Pop answered = new Pop("call-" + data.unique(), Pop.State.ANSWERED, "OWNER", "+74951234567", login, now, now,
				null, login, null, true, List.of(), "NORMAL", null, List.of(), 2);
		String key = keys.key("pops:" + login);

		// its ringing write waited and was merged into this one (PopWrites)
		active.save(answered, json.writeValueAsString(answered), true).block(WAIT);

		assertThat(redis.opsForHash().hasKey(key, answered.callId()).block(WAIT)).isTrue();
		assertThat(redis.getExpire(key).block(WAIT)).isPositive().isLessThanOrEqualTo(settings.activeTtl());
	}

}

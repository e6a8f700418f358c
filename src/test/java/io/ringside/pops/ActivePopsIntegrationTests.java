package io.ringside.pops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
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
		Pop ringing = pop(login, Pop.State.RINGING, now, null, 1);
		String key = keys.key("pops:" + login);

		active.save(ringing, json.writeValueAsString(ringing), true).block(WAIT);

		assertKeptWithItsTimeToLive(key, ringing);
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
		Pop answered = pop(login, Pop.State.ANSWERED, Instant.now(), login, 2);

		// its ringing write waited and was merged into this one (PopWrites)
		active.save(answered, json.writeValueAsString(answered), true).block(WAIT);

		assertKeptWithItsTimeToLive(keys.key("pops:" + login), answered);
	}

	/**
	 * A pop of a new call on this person's screen; answered by {@code answeredBy} if
	 * given.
	 */
	private Pop pop(String login, Pop.State state, Instant now, @Nullable String answeredBy, long version) {
		return new Pop("call-" + data.unique(), state, "OWNER", "+74951234567", login, now,
				answeredBy == null ? null : now, null, answeredBy, null, true, List.of(), "NORMAL", null, List.of(),
				version);
	}

	private void assertKeptWithItsTimeToLive(String key, Pop pop) {
		assertThat(redis.opsForHash().hasKey(key, pop.callId()).block(WAIT)).isTrue();
		assertThat(redis.getExpire(key).block(WAIT)).isPositive().isLessThanOrEqualTo(settings.activeTtl());
	}

}

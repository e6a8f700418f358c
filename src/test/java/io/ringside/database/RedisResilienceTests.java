package io.ringside.database;

import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisResilienceTests {

	@Test
	void aConnectionThatFailsAFewTimesAtStartIsTriedAgain() {
		AtomicInteger attempts = new AtomicInteger();

		String connected = RedisResilience.connectWithAttempts(() -> {
			if (attempts.incrementAndGet() < RedisResilience.STARTUP_ATTEMPTS) {
				throw new RedisConnectionException("not yet");
			}
			return "connected";
		}, RedisConnectionException.class);

		assertThat(connected).isEqualTo("connected");
		assertThat(attempts).hasValue(RedisResilience.STARTUP_ATTEMPTS);
	}

	@Test
	void afterTheLastAttemptItsFailureIsThrown() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatThrownBy(() -> RedisResilience.connectWithAttempts(() -> {
			attempts.incrementAndGet();
			throw new RedisConnectionException("never");
		}, RedisConnectionException.class)).isInstanceOf(RedisConnectionException.class).hasMessage("never");
		assertThat(attempts).hasValue(RedisResilience.STARTUP_ATTEMPTS);
	}

	@Test
	void anotherFailureIsNotTriedAgain() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatIllegalStateException().isThrownBy(() -> RedisResilience.connectWithAttempts(() -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("misconfigured");
		}, RedisConnectionException.class));
		assertThat(attempts).hasValue(1);
	}

}

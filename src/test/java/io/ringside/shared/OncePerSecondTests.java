package io.ringside.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OncePerSecondTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now.get();
		}

	};

	@Test
	void saysYesToTheFirstCallerOfEachSecondOnly() {
		OncePerSecond once = new OncePerSecond(clock);

		assertThat(once.now()).isTrue();
		assertThat(once.now()).isFalse();
		now.set(now.get().plus(Duration.ofMillis(999)));
		assertThat(once.now()).isFalse();
		now.set(now.get().plus(Duration.ofMillis(1)));
		assertThat(once.now()).isTrue();
		assertThat(once.now()).isFalse();
	}

}

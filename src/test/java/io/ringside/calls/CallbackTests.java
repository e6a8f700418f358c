package io.ringside.calls;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a callback's state says at a moment: overdue only while not done past its
 * deadline, escalated once handed over, its response time once done.
 */
class CallbackTests {

	private static final Instant MISSED = Instant.parse("2026-12-05T10:00:00Z");

	private static final Instant DUE = MISSED.plus(Duration.ofMinutes(15));

	@Test
	void anOpenCallbackIsOverdueOncePastItsDeadline() {
		assertThat(open(null, DUE.minusSeconds(1)).overdue()).isFalse();
		assertThat(open(null, DUE.plusSeconds(1)).overdue()).isTrue();
		assertThat(open(null, DUE.plusSeconds(1)).responseTime()).isNull();
	}

	@Test
	void aCallbackHandedToTheHeadOfSalesIsEscalated() {
		assertThat(open(DUE.plusSeconds(30), DUE.plusSeconds(60)).escalated()).isTrue();
		assertThat(open(null, DUE.plusSeconds(60)).escalated()).isFalse();
	}

	@Test
	void aDoneCallbackIsNeverOverdueAndHasItsResponseTime() {
		Instant done = DUE.plus(Duration.ofMinutes(5));

		Callback callback = Callback.of(1, 2, "Client", "call-1", "+74951234567", "owner", "owner", MISSED, DUE, null,
				done, "owner", done.plus(Duration.ofHours(1)));

		assertThat(callback.overdue()).isFalse();
		assertThat(callback.responseTime()).isEqualTo(Duration.ofMinutes(20));
		assertThat(callback.doneBy()).isEqualTo("owner");
	}

	private static Callback open(Instant escalatedAt, Instant now) {
		return Callback.of(1, 2, "Client", "call-1", "+74951234567", "owner", "head", MISSED, DUE, escalatedAt, null,
				null, now);
	}

}

package io.ringside.simulator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a simulated phone does when it is called.
 *
 * @param kind answers, never answers, is busy, or is unavailable (not registered)
 * @param ringTime how long it rings before answering (only for {@link Kind#ANSWERS})
 * @param talkTime when not null, the phone's user hangs up this long after answering
 */
public record PhoneBehaviour(Kind kind, Duration ringTime, @Nullable Duration talkTime) {

	public enum Kind {

		ANSWERS, NEVER_ANSWERS, BUSY, UNAVAILABLE

	}

	public PhoneBehaviour {
		Objects.requireNonNull(kind, "kind");
		ringTime = ringTime == null ? Duration.ZERO : ringTime;
	}

	public static PhoneBehaviour answersAfter(Duration ringTime) {
		return new PhoneBehaviour(Kind.ANSWERS, ringTime, null);
	}

	public static PhoneBehaviour answersAfter(Duration ringTime, @Nullable Duration hangsUpAfter) {
		return new PhoneBehaviour(Kind.ANSWERS, ringTime, hangsUpAfter);
	}

	public static PhoneBehaviour neverAnswers() {
		return new PhoneBehaviour(Kind.NEVER_ANSWERS, Duration.ZERO, null);
	}

	public static PhoneBehaviour busy() {
		return new PhoneBehaviour(Kind.BUSY, Duration.ZERO, null);
	}

	public static PhoneBehaviour unavailable() {
		return new PhoneBehaviour(Kind.UNAVAILABLE, Duration.ZERO, null);
	}

}

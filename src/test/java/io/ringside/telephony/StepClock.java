package io.ringside.telephony;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A deterministic clock for captures without Timestamps: each reading is one step later
 * than the one before, so a capture's events get distinct, increasing times and durations
 * come out positive. Not thread-safe (tests only).
 */
public final class StepClock extends Clock {

	private Instant next;

	private final Duration step;

	public StepClock(Instant start, Duration step) {
		this.next = start;
		this.step = step;
	}

	@Override
	public Instant instant() {
		Instant now = next;
		next = next.plus(step);
		return now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

}

package io.ringside.shared;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a line may be logged now: once a second at most, so that a fault repeated at
 * every call or event (a full buffer, a store away) does not flood the log, nor slow the
 * thread that meets it. Thread-safe, without locks.
 */
public final class OncePerSecond {

	private final Clock clock;

	private final AtomicLong last = new AtomicLong(Long.MIN_VALUE / 2);

	public OncePerSecond(Clock clock) {
		this.clock = clock;
	}

	/** True for the first caller in a second, false for the others. */
	public boolean now() {
		long now = clock.millis();
		long before = last.get();
		return now - before >= 1_000 && last.compareAndSet(before, now);
	}

}

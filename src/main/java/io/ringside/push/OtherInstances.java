package io.ringside.push;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether other Ringside instances listen on the push channel, so that an instance alone
 * delivers to its own sessions only, without a Redis round trip and its own echo for each
 * message. Each instance says it is there at once when it has subscribed, then every
 * {@link #SAY_EVERY}; hearing another instance say so, or a publication reaching more
 * subscribers than this one, counts as others present for {@link #FORGET_AFTER}. An
 * instance that starts is therefore heard within a round trip of its subscription, which
 * comes before its web server takes sessions; one that has stopped is forgotten after
 * three missed turns. Thread-safe: its state is one volatile time.
 */
final class OtherInstances {

	/** How often an instance says it is there. */
	static final Duration SAY_EVERY = Duration.ofSeconds(1);

	/** How long another instance counts as present after it was last heard. */
	static final Duration FORGET_AFTER = SAY_EVERY.multipliedBy(3);

	private final LongSupplier nanoTime;

	/** Until when others count as present ({@link System#nanoTime()}); past at first. */
	private volatile long presentUntil;

	OtherInstances(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
		this.presentUntil = nanoTime.getAsLong();
	}

	/** A message from another instance arrived. */
	void heard() {
		presentUntil = nanoTime.getAsLong() + FORGET_AFTER.toNanos();
	}

	/** A publication reached this many subscribers, this instance's among them. */
	void reached(long subscribers) {
		if (subscribers > 1) {
			heard();
		}
	}

	/** Whether a message must go through Redis for other instances' sessions. */
	boolean present() {
		return presentUntil - nanoTime.getAsLong() > 0;
	}

}

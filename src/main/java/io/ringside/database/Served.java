package io.ringside.database;

import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link Mirror} serves and what it read last, and the rule between them: a state
 * is served only when no change may have been lost since the arrival it covers. Any
 * thread.
 */
final class Served<S> {

	/**
	 * The number of the latest arrival (or failure) after which changes may have been
	 * missed.
	 */
	private final AtomicLong lostAt = new AtomicLong();

	private final Object lock = new Object();

	private volatile @Nullable S serving;

	private volatile @Nullable S last;

	/** The state served, or null while the mirror does not serve. */
	@Nullable S serving() {
		return serving;
	}

	/**
	 * The state read or made last, even while not serving; null before the first read.
	 */
	@Nullable S last() {
		return last;
	}

	/**
	 * A read that covers the arrivals numbered up to {@code covered}: served unless
	 * changes were lost after it began.
	 */
	void read(S read, long covered) {
		synchronized (lock) {
			last = read;
			if (lostAt.get() <= covered) {
				serving = read;
			}
		}
	}

	/**
	 * What applying changes to {@code was} made: served unless serving stopped meanwhile.
	 */
	void applied(@Nullable S was, S next) {
		synchronized (lock) {
			last = next;
			if (serving == was) {
				serving = next;
			}
		}
	}

	/**
	 * Changes after this arrival may have been missed: not serving until a later read.
	 */
	void lost(long number) {
		lostAt.accumulateAndGet(number, Math::max);
		synchronized (lock) {
			serving = null;
		}
	}

}

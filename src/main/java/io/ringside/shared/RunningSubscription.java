package io.ringside.shared;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * The subscription of a lifecycle bean's pipeline: the bean subscribes in its
 * {@code start()} and hands the result here, disposes it in {@code stop()}, and is
 * running while one is held. What else a bean starts and stops (its thread, its queue,
 * its phase) stays in the bean. Thread-safe; {@link #isRunning()} never waits.
 */
public final class RunningSubscription {

	private volatile @Nullable Disposable subscription;

	/**
	 * Holds the pipeline's subscription: running from now on. One held before is
	 * disposed, so that it never outlives the bean's knowledge of it (Spring does not
	 * start a running bean, so there is none in practice).
	 */
	public synchronized void start(Disposable subscription) {
		Disposable before = this.subscription;
		this.subscription = subscription;
		if (before != null) {
			before.dispose();
		}
	}

	/** Disposes the subscription, if one is held; true when it was running. */
	public synchronized boolean stop() {
		Disposable held = subscription;
		subscription = null;
		if (held == null) {
			return false;
		}
		held.dispose();
		return true;
	}

	public boolean isRunning() {
		return subscription != null;
	}

}

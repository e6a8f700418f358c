package io.ringside.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * Time on the simulated core: the clock Uniqueids and durations read, tasks handed to the
 * core thread, and delays shortened by the speed factor. {@link #run} and {@link #after}
 * may be called from any thread and never block; once the simulator is closed they drop
 * the task, since nothing is left for it to act on.
 */
final class CoreTime {

	final CoreLoop loop;

	private final Clock clock;

	private final double speedFactor;

	CoreTime(Clock clock, double speedFactor) {
		this.clock = clock;
		this.speedFactor = speedFactor;
		this.loop = new CoreLoop("pbx-core");
	}

	Instant now() {
		return clock.instant();
	}

	/** Runs the task on the core thread, after those handed to it before. */
	void run(Runnable task) {
		try {
			loop.execute(task);
		}
		catch (RejectedExecutionException closed) {
			// the simulator is shut down; late FastAGI results and timers have nothing
			// left to act on
		}
	}

	/**
	 * Runs a task after a simulated delay, shortened by the speed factor; null once the
	 * simulator is closed.
	 */
	CoreLoop.@Nullable Timer after(Duration delay, Runnable task) {
		long nanos = (long) (delay.toNanos() / speedFactor);
		try {
			return loop.schedule(Math.max(0, nanos), task);
		}
		catch (RejectedExecutionException closed) {
			return null;
		}
	}

}

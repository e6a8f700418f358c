package io.ringside.simulator;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread the simulated PBX runs on: a lock-free inbox plus timers. Handing it
 * work never takes a lock, so Netty event loops and Reactor's parallel threads can post
 * to it without ever parking (a ScheduledThreadPoolExecutor takes its main lock in some
 * paths, and a park there under BlockHound corrupts the lock). Timers are only touched by
 * the loop's own thread.
 */
final class CoreLoop implements Executor {

	private static final Logger log = LoggerFactory.getLogger(CoreLoop.class);

	private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();

	private final PriorityQueue<Timer> timers = new PriorityQueue<>(
			Comparator.comparingLong((Timer timer) -> timer.deadline).thenComparingLong(timer -> timer.sequence));

	private final AtomicLong sequence = new AtomicLong();

	private final Thread thread;

	private volatile boolean running = true;

	CoreLoop(String name) {
		thread = new Thread(this::loop, name);
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Runs the task on the loop, after those posted before it; from any thread, never
	 * blocks.
	 */
	@Override
	public void execute(Runnable task) {
		if (!running) {
			throw new RejectedExecutionException("the simulated PBX is closed");
		}
		inbox.add(task);
		LockSupport.unpark(thread);
	}

	/** Runs the task on the loop once the delay has passed. */
	Timer schedule(long delayNanos, Runnable task) {
		Timer timer = new Timer(System.nanoTime() + delayNanos, sequence.incrementAndGet(), task);
		if (Thread.currentThread() == thread) {
			timers.add(timer);
		}
		else {
			execute(() -> timers.add(timer));
		}
		return timer;
	}

	boolean inLoop() {
		return Thread.currentThread() == thread;
	}

	void shutdown() {
		running = false;
		LockSupport.unpark(thread);
	}

	void awaitTermination(Duration timeout) throws InterruptedException {
		thread.join(timeout.toMillis());
	}

	private void loop() {
		while (running) {
			Runnable task;
			while (running && (task = inbox.poll()) != null) {
				run(task);
			}
			Timer next;
			while (running && (next = timers.peek()) != null && next.deadline - System.nanoTime() <= 0) {
				timers.poll();
				if (!next.cancelled) {
					run(next.task);
				}
			}
			if (!inbox.isEmpty()) {
				continue;
			}
			next = timers.peek();
			if (next == null) {
				LockSupport.park(this);
			}
			else {
				LockSupport.parkNanos(this, next.deadline - System.nanoTime());
			}
		}
		inbox.clear();
		timers.clear();
	}

	private static void run(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException | Error ex) {
			log.error("Simulated PBX step failed", ex);
		}
	}

	/**
	 * A scheduled task; cancelling it is only a flag, the loop skips it when it falls
	 * due.
	 */
	static final class Timer {

		final long deadline;

		final long sequence;

		final Runnable task;

		private volatile boolean cancelled;

		Timer(long deadline, long sequence, Runnable task) {
			this.deadline = deadline;
			this.sequence = sequence;
			this.task = task;
		}

		void cancel() {
			cancelled = true;
		}

	}

}

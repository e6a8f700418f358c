package io.ringside.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Sends requests on a fixed schedule, whatever the earlier ones are doing (open loop),
 * and measures each from the time it was due, not from when it was actually sent: a stall
 * of the system under test or of this sender then shows in the latencies of every request
 * it delayed (no coordinated omission).
 * <p>
 * The request itself starts on the scheduling thread, so it must return at once (hand
 * blocking work to a pool of its own); its future completes on any thread.
 */
final class OpenLoop {

	/** How long after {@link #run} is called the first request is due. */
	static final long START_DELAY_MILLIS = 10;

	private OpenLoop() {
	}

	/**
	 * @param requests how many requests (bounded)
	 * @param perSecond the schedule's rate
	 * @param request starts request i and returns its completion
	 */
	static Latencies run(int requests, double perSecond, IntFunction<CompletableFuture<?>> request)
			throws InterruptedException {
		long[] nanos = new long[requests];
		long[] late = new long[requests];
		AtomicLong failures = new AtomicLong();
		CountDownLatch done = new CountDownLatch(requests);
		long interval = (long) (1e9 / perSecond);
		long start = System.nanoTime() + START_DELAY_MILLIS * 1_000_000;
		for (int i = 0; i < requests; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			int index = i;
			CompletableFuture<?> completion;
			late[i] = System.nanoTime() - due;
			try {
				completion = request.apply(i);
			}
			catch (RuntimeException ex) {
				completion = CompletableFuture.failedFuture(ex);
			}
			completion.whenComplete((result, error) -> {
				nanos[index] = System.nanoTime() - due;
				if (error != null) {
					failures.incrementAndGet();
				}
				done.countDown();
			});
		}
		if (!done.await(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException(
					done.getCount() + " requests still unanswered 60 s after the last was sent");
		}
		return new Latencies(nanos, failures.get(), Duration.ofNanos(System.nanoTime() - start), late);
	}

	/**
	 * Latencies of one run, in nanoseconds, from each request's due time to its
	 * completion; and how late each request was sent (the load's own stalls, which the
	 * latencies include).
	 */
	record Latencies(long[] nanos, long failures, Duration took, long[] inOrder, long[] sentLate) {

		Latencies(long[] nanos, long failures, Duration took, long[] sentLate) {
			this(sorted(nanos), failures, took, nanos.clone(), sentLate);
		}

		private static long[] sorted(long[] nanos) {
			long[] sorted = nanos.clone();
			Arrays.sort(sorted);
			return sorted;
		}

		/** The indexes of the n slowest requests, slowest first. */
		int[] slowest(int n) {
			return IntStream.range(0, inOrder.length)
				.boxed()
				.sorted((a, b) -> Long.compare(inOrder[b], inOrder[a]))
				.limit(n)
				.mapToInt(Integer::intValue)
				.toArray();
		}

		double millis(int index) {
			return inOrder[index] / 1e6;
		}

		/** How late request {@code index} was sent, in milliseconds. */
		double sentLateMillis(int index) {
			return sentLate[index] / 1e6;
		}

		/** Nearest-rank percentile, in milliseconds. */
		double percentile(double p) {
			int rank = (int) Math.ceil(p / 100.0 * nanos.length);
			return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
		}

		double maxMillis() {
			return nanos[nanos.length - 1] / 1e6;
		}

		int count() {
			return nanos.length;
		}

	}

}

package io.ringside.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Work done on arrivals one batch at a time, each batch being what arrived while the
 * batch before it was worked on: a quiet stream is worked item by item at once, a burst
 * in few large batches, and nothing waits for a timer or for the next arrival.
 * <p>
 * Reactor's {@code bufferTimeout(size, time, fairBackpressure = true)} was meant for this
 * and is not used: in reactor-core 3.8.6 it can hold an item past its time until another
 * item arrives (seen here: a mark of the caller directory held until the next change, for
 * more than 20 seconds). {@code BatchesTests} checks this class for it.
 * <p>
 * At most {@code room} arrivals wait; past that the oldest make way, and the next batch
 * says how many did. Arrivals are taken on any thread, without blocking; the work runs
 * one batch at a time, subscribed on the thread that ended the previous batch (or on the
 * arriving one).
 */
final class Batches<T> {

	/**
	 * What one piece of work gets: the items in the order they arrived, and how many were
	 * dropped before them.
	 */
	record Batch<T>(List<T> items, long dropped) {
	}

	private final int most;

	private final int room;

	private final Queue<T> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final AtomicLong dropped = new AtomicLong();

	private Batches(int most, int room) {
		this.most = most;
		this.room = room;
	}

	/**
	 * The results of the work, one per batch of at most {@code most} items (a batch may
	 * have none when it only reports drops); an error of the work or of the arrivals ends
	 * it.
	 */
	static <T, R> Flux<R> worked(Flux<T> arrivals, int most, int room, Function<Batch<T>, Mono<R>> work) {
		return Flux.defer(() -> new Batches<T>(most, room).work(arrivals, work));
	}

	private <R> Flux<R> work(Flux<T> arrivals, Function<Batch<T>, Mono<R>> work) {
		return arrivals.doOnNext(this::arrived)
			// Each arrival asks for a turn after it is queued; asks made while a turn
			// runs make one more turn.
			.map(arrival -> Boolean.TRUE)
			.onBackpressureLatest()
			.concatMap(turn -> Mono.defer(() -> {
				Batch<T> batch = take();
				return batch == null ? Mono.<R>empty() : work.apply(batch);
			}).repeat(this::more), 1);
	}

	private void arrived(T item) {
		waiting.offer(item);
		if (size.incrementAndGet() > room && waiting.poll() != null) {
			size.decrementAndGet();
			dropped.incrementAndGet();
		}
	}

	/** The next batch, or null when nothing waits and nothing was dropped. */
	private @Nullable Batch<T> take() {
		long lost = dropped.getAndSet(0);
		List<T> items = new ArrayList<>(Math.min(most, Math.max(size.get(), 1)));
		T item;
		while (items.size() < most && (item = waiting.poll()) != null) {
			size.decrementAndGet();
			items.add(item);
		}
		return items.isEmpty() && lost == 0 ? null : new Batch<>(items, lost);
	}

	private boolean more() {
		return !waiting.isEmpty() || dropped.get() > 0;
	}

}

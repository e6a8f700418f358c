package io.ringside.database;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import io.ringside.database.Batches.Batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Work on arrivals one batch at a time: nothing is held back, a burst is gathered,
 * overflow is told.
 */
class BatchesTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final Sinks.Many<Integer> arrivals = Sinks.many().multicast().directBestEffort();

	private final Queue<Batch<Integer>> worked = new ConcurrentLinkedQueue<>();

	@Test
	void everyArrivalIsWorkedWithoutWaitingForAnotherAndInOrder() {
		// The work takes 0 to 2 ms on another thread, so arrivals come while it runs,
		// between batches, and at the
		// moment a batch ends; after some of them nothing else arrives until that one was
		// worked.
		Random random = new Random(42);
		AtomicInteger working = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		AtomicLong workedUpTo = new AtomicLong(-1);
		Disposable running = Batches.worked(arrivals.asFlux(), 64, 1_000, batch -> {
			if (working.incrementAndGet() > 1) {
				overlaps.incrementAndGet();
			}
			return Mono.delay(Duration.ofNanos(random.nextInt(2_000_000))).doOnNext(tick -> {
				worked.add(batch);
				batch.items().forEach(workedUpTo::set);
				working.decrementAndGet();
			});
		}).subscribe();
		try {
			for (int item = 0; item < 3_000; item++) {
				assertThat(arrivals.tryEmitNext(item).isSuccess()).isTrue();
				if (random.nextInt(4) == 0) {
					int last = item;
					await().atMost(WAIT)
						.pollInterval(Duration.ofMillis(1))
						.untilAsserted(() -> assertThat(workedUpTo.get()).as("worked up to").isEqualTo(last));
				}
				else if (random.nextBoolean()) {
					// spaces the arrivals (up to 0.5 ms); nothing is awaited here
					LockSupport.parkNanos(random.nextInt(500_000));
				}
			}
			await().atMost(WAIT).untilAsserted(() -> assertThat(workedUpTo.get()).isEqualTo(2_999));
		}
		finally {
			running.dispose();
		}
		assertThat(overlaps.get()).as("batches worked at the same time").isZero();
		assertThat(worked).allSatisfy(batch -> assertThat(batch.items()).hasSizeBetween(1, 64))
			.allSatisfy(batch -> assertThat(batch.dropped()).isZero());
		assertThat(worked.stream().flatMap(batch -> batch.items().stream()))
			.containsExactlyElementsOf(IntStream.range(0, 3_000).boxed().toList());
	}

	@Test
	void whatArrivesWhileABatchIsWorkedIsTheNextBatch() {
		Sinks.Empty<Void> gate = Sinks.empty();
		Disposable running = firstBatchHeldUntil(gate, 65_536);
		try {
			arrivals.tryEmitNext(0);
			for (int item = 1; item <= 1_000; item++) {
				arrivals.tryEmitNext(item);
			}
			gate.tryEmitEmpty();
			await().atMost(WAIT).until(() -> worked.size() == 2);
		}
		finally {
			running.dispose();
		}
		assertThat(worked).extracting(batch -> batch.items().size()).containsExactly(1, 1_000);
		assertThat(worked).extracting(Batch::dropped).containsExactly(0L, 0L);
	}

	@Test
	void pastItsRoomTheOldestMakeWayAndTheNextBatchSaysHowMany() {
		Sinks.Empty<Void> gate = Sinks.empty();
		Disposable running = firstBatchHeldUntil(gate, 10);
		try {
			for (int item = 0; item <= 15; item++) {
				arrivals.tryEmitNext(item);
			}
			gate.tryEmitEmpty();
			await().atMost(WAIT).until(() -> worked.size() == 2);
		}
		finally {
			running.dispose();
		}
		assertThat(worked).containsExactly(new Batch<>(List.of(0), 0),
				new Batch<>(List.of(6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 5));
	}

	@Test
	void aFailedBatchEndsTheWork() {
		Batches.worked(arrivals.asFlux(), 16, 16, batch -> Mono.error(new IllegalStateException("read failed")))
			.as(StepVerifier::create)
			.then(() -> arrivals.tryEmitNext(1))
			.expectErrorMessage("read failed")
			.verify(WAIT);
	}

	/**
	 * Works on batches of at most 4,096 with this much room, the first batch held until
	 * the gate opens.
	 */
	private Disposable firstBatchHeldUntil(Sinks.Empty<Void> gate, int room) {
		return Batches
			.worked(arrivals.asFlux(), 4_096, room,
					batch -> (worked.isEmpty() ? gate.asMono() : Mono.<Void>empty())
						.then(Mono.fromRunnable(() -> worked.add(batch))))
			.subscribe();
	}

}

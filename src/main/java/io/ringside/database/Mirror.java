package io.ringside.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import io.ringside.database.Batches.Batch;
import io.ringside.database.ChangeFeed.Change;

/**
 * Data of a store held in this instance's memory and kept current by a
 * {@link ChangeFeed}: the engine every mirror runs on (the caller directory, presence).
 * What is mirrored, how it is read whole and how a change is applied is each mirror's own
 * (the functions it is made with); the order of things is this class's:
 * <ol>
 * <li>Listen first. When the feed says listening is in place, publish a mark and wait to
 * hear it back (a feed may say so a moment before it really hears again, as Lettuce
 * resubscribes after a reconnect), then read everything. No change falls between
 * listening and reading.</li>
 * <li>Apply the changes heard, in the order heard, one batch at a time: a batch is what
 * arrived while the one before it was worked. A change heard before a read began is in
 * what was read, and is not applied again; one heard while it ran may be in it too, and
 * is applied (harmlessly, as applying must allow).</li>
 * <li>Serve ({@link #serving()}) once a read completed, until changes may have been
 * missed: the feed says so or fails (it is listened to again, backing off), or a read or
 * applying failed. Then stop serving at once and read everything again (after a failure,
 * backing off as {@link ReadRetries} says). When more changes arrive than
 * {@link #WAITING} wait in line, the oldest make way and the next batch reads everything,
 * serving meanwhile what it has (a burst, such as a bulk load, is not a lost
 * connection).</li>
 * <li>{@link #caughtUp} publishes a mark and completes when it is heard back after every
 * change before it was applied.</li>
 * </ol>
 * Marks are messages that start with the mirror's mark prefix; they are never applied.
 * <p>
 * Threads: changes arrive on the feed's threads and are applied, never blocking, on the
 * thread that ended the batch before or brought the change ({@link #start()} may block,
 * as a feed's subscription may). Readers: any thread.
 */
public final class Mirror<S> {

	private static final Log log = LogFactory.getLog(Mirror.class);

	/** Changes in one batch, at most. */
	static final int BATCH = 4096;

	/**
	 * Changes waiting while a batch is worked, at most; past this the oldest make way and
	 * everything is read again.
	 */
	static final int WAITING = 65_536;

	/** A batch (a read, or applying changes) that takes longer than this has failed. */
	static final Duration WORK_WITHIN = Duration.ofSeconds(60);

	/**
	 * How long a read waits to hear its mark back before it counts as failed (the feed
	 * hears nothing yet).
	 */
	static final Duration HEARD_WITHIN = Duration.ofMillis(500);

	private final String name;

	private final ChangeFeed feed;

	private final String markPrefix;

	private final Supplier<Mono<S>> readAll;

	private final BiFunction<S, List<String>, Mono<S>> apply;

	/**
	 * Marks a read waits for: released as soon as they are heard (listening is in place).
	 */
	private final EchoMarks listening = new EchoMarks();

	/**
	 * Marks {@link #caughtUp} waits for: released once what was heard before them is
	 * applied.
	 */
	private final EchoMarks applied = new EchoMarks();

	/** Requests of this mirror itself to read everything again, merged with the feed. */
	private final Sinks.Many<Change> own = Sinks.many().multicast().directBestEffort();

	/** Numbers every arrival, in the order heard. */
	private final AtomicLong arrived = new AtomicLong();

	/**
	 * Changes numbered up to this are in the last read. Worked on by one batch at a time.
	 */
	private long coveredUpTo;

	private final ReadRetries retries;

	private final Served<S> state = new Served<>();

	private @Nullable Disposable running;

	/**
	 * @param name what the logs call it, e.g. {@code "caller directory"}
	 * @param markPrefix the start of a mark on the feed: a change must never start with
	 * it
	 * @param readAll everything, as the store holds it now, into a new state
	 * @param apply applies changes, in the order heard, to the state served, and gives
	 * the state to serve from now on: the same, changed in place, or a new one (some
	 * changes are simpler to follow by reading everything); an error stops the serving
	 * until everything was read again. A change heard while that state was read may be in
	 * it already: applying it again must do no harm (presence numbers its changes, the
	 * directory reads rows again)
	 */
	public Mirror(String name, ChangeFeed feed, String markPrefix, Supplier<Mono<S>> readAll,
			BiFunction<S, List<String>, Mono<S>> apply) {
		this.name = name;
		this.feed = feed;
		this.markPrefix = markPrefix;
		this.readAll = readAll;
		this.apply = apply;
		this.retries = new ReadRetries(name);
	}

	/**
	 * What is served: the state, or null while the mirror does not serve (readers go to
	 * the store then).
	 */
	public @Nullable S serving() {
		return state.serving();
	}

	/**
	 * The state read or served last, even while not serving now (for a stale answer);
	 * null before the first read.
	 */
	public @Nullable S last() {
		return state.last();
	}

	/**
	 * Completes once every change published before the call is applied, at once when the
	 * mirror does not serve. When that takes longer than {@code within} the mirror stops
	 * serving until it has read everything again, and this completes.
	 */
	public Mono<Void> caughtUp(Duration within) {
		if (state.serving() == null) {
			return Mono.empty();
		}
		return applied.echoed(mark -> feed.publish(markPrefix + mark), within, Mono.fromRunnable(() -> {
			log.warn("The " + name + " did not catch up within " + within
					+ "; it does not serve until it has read everything again");
			readAgain();
		}));
	}

	/** Stops serving at once and reads everything again. Any thread; never blocks. */
	private void readAgain() {
		lost(arrived.incrementAndGet());
		try {
			own.emitNext(Change.READ_EVERYTHING, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
		}
		catch (RuntimeException notListening) {
			// Not running: starting again starts with reading everything.
		}
	}

	/**
	 * Listens (on the calling thread until the feed's subscription is in place) and reads
	 * everything.
	 */
	public synchronized void start() {
		running = Batches.worked(arrivals(), BATCH, WAITING, this::work)
			.subscribe(null, error -> log.error("The " + name + " stopped", error));
	}

	/** Stops listening and serving; whoever waits to catch up goes on. */
	public synchronized void stop() {
		if (running != null) {
			running.dispose();
			running = null;
		}
		lost(arrived.incrementAndGet());
	}

	public synchronized boolean isRunning() {
		return running != null;
	}

	private Flux<Arrival> arrivals() {
		Flux<Change> heard = Flux.defer(feed::changes).doOnError(error -> {
			log.warn("The " + name + " stopped listening; it does not serve until it listens again: " + error);
			lost(arrived.incrementAndGet());
		})
			// Something heard since the last failure starts the backoff again from its
			// first step.
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
				.maxBackoff(Duration.ofSeconds(30))
				.transientErrors(true));
		return Flux.merge(heard, own.asFlux()).map(this::arrived);
	}

	/**
	 * Numbers what arrived; a mark a read waits for goes on at once, a word of lost
	 * changes stops the serving.
	 */
	private Arrival arrived(Change change) {
		long number = arrived.incrementAndGet();
		String mark = change instanceof Change.Heard heard ? mark(heard.message()) : null;
		if (mark != null) {
			listening.release(mark);
		}
		else if (change instanceof Change.ReadEverything) {
			lost(number);
		}
		return new Arrival(number, change);
	}

	private Mono<Boolean> work(Batch<Arrival> batch) {
		S current = state.serving();
		boolean readAll = batch.dropped() > 0 || current == null;
		List<String> changes = new ArrayList<>();
		List<String> marks = new ArrayList<>();
		for (Arrival arrival : batch.items()) {
			if (!(arrival.change() instanceof Change.Heard heard)) {
				readAll = true;
				continue;
			}
			String mark = mark(heard.message());
			if (mark != null) {
				marks.add(mark);
			}
			else if (arrival.number() > coveredUpTo) {
				changes.add(heard.message());
			}
		}
		Mono<Void> work = readAll ? readEverything() : changes.isEmpty() ? Mono.<Void>empty()
				: apply.apply(current, changes).doOnNext(next -> state.applied(current, next)).then();
		return work.timeout(WORK_WITHIN).doOnSuccess(done -> {
			marks.forEach(applied::release);
			retries.succeeded();
		}).thenReturn(Boolean.TRUE).onErrorResume(this::failed);
	}

	/**
	 * Once its mark is heard back (the feed hears again), everything, served unless
	 * changes were lost meanwhile.
	 */
	private Mono<Void> readEverything() {
		return listening.echoed(mark -> feed.publish(markPrefix + mark), HEARD_WITHIN)
			.onErrorMap(TimeoutException.class,
					late -> new IllegalStateException("not listening yet: its mark did not " + "come back within "
							+ HEARD_WITHIN.toMillis() + " ms"))
			.then(Mono.defer(() -> {
				long covered = arrived.get();
				coveredUpTo = covered;
				return readAll.get().doOnNext(read -> state.read(read, covered));
			}))
			.then();
	}

	/** Stops serving and reads again later, as {@link ReadRetries} says. */
	private Mono<Boolean> failed(Throwable error) {
		lost(arrived.incrementAndGet());
		return Mono.delay(retries.failed(error)).doOnNext(tick -> readAgain()).thenReturn(Boolean.FALSE);
	}

	/**
	 * Changes after this arrival may have been missed: not serving, and nobody waits to
	 * catch up any more.
	 */
	private void lost(long number) {
		state.lost(number);
		applied.releaseAll();
	}

	/** The mark in a message, or null when it is a change. */
	private @Nullable String mark(@Nullable String message) {
		return message != null && message.startsWith(markPrefix) ? message.substring(markPrefix.length()) : null;
	}

	/**
	 * Something heard (or the mirror's own request), numbered in the order it arrived.
	 */
	private record Arrival(long number, Change change) {
	}

}

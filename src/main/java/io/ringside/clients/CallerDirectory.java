package io.ringside.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.ringside.database.ChangeFeed;
import io.ringside.database.ChangeFeed.Change;
import io.ringside.database.EchoMarks;
import io.ringside.database.PostgresChannel;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.team.TeamReader;

/**
 * Every client number with its client and owner, and the team, in this instance's memory: what routing needs for
 * every call, answered without a query.
 * <p>
 * PostgreSQL keeps it current: triggers (migration V3) notify on the channel {@value #CHANNEL} when a change to a
 * client, a number or the team commits, whoever made it. The directory listens on a connection of its own (not one
 * of the pool's), reads again what the notices name (some clients, the team, or everything) and applies it, a batch
 * at a time. Whenever it starts listening (at start, and again after the connection was lost) it listens first and
 * then reads everything, so that no change falls between the two.
 * <p>
 * It serves only while it listens and has read everything since: until then, and while the connection is down,
 * {@link #callerOf} and {@link #headOfSales} read the database, as routing did before; when that read fails or takes
 * longer than {@link #STALE_AFTER}, the listing served last answers (during a PostgreSQL outage calls still reach
 * their owners as they were when it began, rather than the fallback target). A change reaches the
 * directory a few milliseconds after it commits; {@link #caughtUp()} waits for that, so that whoever changes a client
 * through Ringside's API sees the next call routed by the change.
 * <p>
 * Notices arrive on the listening connection's thread; reads and their application run one batch at a time on the
 * database client's threads. Lookups are plain map reads on the caller's thread, safe from any thread.
 */
@Component
public class CallerDirectory implements SmartLifecycle, TeamReader {

	private static final Log log = LogFactory.getLog(CallerDirectory.class);

	/** The channel the triggers notify on. */
	static final String CHANNEL = "ringside_caller_directory";

	/** A batch of notices naming more clients than this is read whole, like a fresh start. */
	static final int READ_WHOLE_ABOVE = 512;

	/** Notices in one batch, at most: a batch is what arrived while the batch before it was read and applied. */
	private static final int BATCH = 4096;

	/** Notices waiting while a batch is read, at most. */
	private static final int WAITING = 65_536;

	/** How long {@link #caughtUp()} waits before it gives up serving from memory. */
	static final Duration CATCH_UP_WITHIN = Duration.ofSeconds(5);

	/** How long a lookup waits for the database, while the directory does not serve, before it takes the last listing. */
	static final Duration STALE_AFTER = Duration.ofMillis(300);

	/** A read that takes longer than this ends the listening, which starts again. */
	private static final Duration READ_WITHIN = Duration.ofSeconds(60);

	private final ChangeFeed channel;

	private final CallerReads reads;

	private final Clients clients;

	private final Employees employees;

	/** Marks this instance sent: marks of other instances are theirs to wait for. */
	private final EchoMarks marks = new EchoMarks();

	/** Numbers every notice as it arrives: a whole read covers those that arrived before it started. */
	private final AtomicLong arrived = new AtomicLong();

	/** Notices of the directory itself, merged with the database's: a request to read everything again. */
	private final Sinks.Many<DirectoryNotice> own = Sinks.many().multicast().directBestEffort();

	/** Applied by the one batch running at a time. */
	private long coveredUpTo;

	/** What is served; null while the directory does not serve. */
	private volatile CallerListing listing;

	/** What was served when serving last stopped; null before the first listing. */
	private volatile CallerListing lastServed;

	private Disposable running;

	public CallerDirectory(ConnectionFactory connections, DatabaseClient db, Clients clients, Employees employees) {
		this.channel = new PostgresChannel(connections, db, CHANNEL);
		this.reads = new CallerReads(db);
		this.clients = clients;
		this.employees = employees;
	}

	/**
	 * The client and owner a number (E.164) belongs to, empty when it is nobody's: from memory, at once and on the
	 * calling thread, while the directory serves; else from the database, or from the last listing when that fails or
	 * takes longer than {@link #STALE_AFTER}.
	 */
	public Mono<Optional<CallerMatch>> callerOf(String e164) {
		CallerListing serving = listing;
		Optional<CallerMatch> listed = serving == null ? null : serving.match(e164);
		if (listed != null) {
			return Mono.just(listed);
		}
		Mono<Optional<CallerMatch>> read = clients.callerOf(e164).map(Optional::of).defaultIfEmpty(Optional.empty());
		CallerListing last = lastServed;
		return last == null ? read : read.timeout(STALE_AFTER).onErrorResume(error -> {
			Optional<CallerMatch> stale = last.match(e164);
			return Mono.just(stale == null ? Optional.empty() : stale);
		});
	}

	/**
	 * The head of sales (the active one with a phone, the first made if several), empty when there is none: from
	 * memory while the directory serves, else from the database.
	 */
	public Mono<Optional<Employee>> headOfSales() {
		CallerListing serving = listing;
		if (serving != null) {
			return Mono.just(Optional.ofNullable(serving.team().head()));
		}
		Mono<Optional<Employee>> read = employees.headOfSales().map(Optional::of).defaultIfEmpty(Optional.empty());
		CallerListing last = lastServed;
		return last == null ? read
				: read.timeout(STALE_AFTER).onErrorResume(error -> Mono.just(Optional.ofNullable(last.team().head())));
	}

	/** Whether lookups are answered from memory now. */
	public boolean serving() {
		return listing != null;
	}

	/**
	 * Completes once every change committed before the call is in the directory (at once when it does not serve:
	 * lookups read the database then). It notifies a mark of its own on the channel and waits for the mark to come
	 * back after the notices before it; when that takes longer than {@link #CATCH_UP_WITHIN} the directory stops
	 * serving until it has read everything again.
	 */
	@Override
	public Mono<Void> caughtUp() {
		if (listing == null) {
			return Mono.empty();
		}
		return marks.echoed(mark -> channel.publish(DirectoryNotice.MARK + mark), CATCH_UP_WITHIN, Mono.fromRunnable(() -> {
			log.warn("The caller directory did not catch up within " + CATCH_UP_WITHIN
					+ "; routing reads the database until it has read everything again");
			stopServing();
			readEverythingAgain();
		}));
	}

	/**
	 * The change's result once the directory has caught up with it ({@link #caughtUp()}): what the API answers a
	 * change of a client, its numbers or the team with, so that the next call is routed by it.
	 */
	public <T> Mono<T> seen(Mono<T> change) {
		return change.flatMap(result -> caughtUp().thenReturn(result)).switchIfEmpty(caughtUp().then(Mono.empty()));
	}

	@Override
	public synchronized void start() {
		running = Flux.defer(this::listen)
			.doOnError(error -> {
				log.warn("The caller directory stopped listening; until it listens again routing reads the database, "
						+ "or the last listing when the database does not answer: " + error);
				stopServing();
			})
			// A batch applied since the last failure starts the backoff again from its first step.
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
				.transientErrors(true))
			.subscribe();
	}

	@Override
	public synchronized void stop() {
		if (running != null) {
			running.dispose();
			running = null;
		}
		stopServing();
	}

	@Override
	public synchronized boolean isRunning() {
		return running != null;
	}

	/**
	 * Listens on a connection of its own ({@link PostgresChannel}), then reads everything and applies the notices as
	 * they come, until the connection fails or is closed (an error either way, for the retry to start again). Emits
	 * once per batch applied.
	 */
	private Flux<Boolean> listen() {
		Flux<DirectoryNotice> notices = channel.changes().map(change -> change instanceof Change.Heard heard
				? DirectoryNotice.parse(heard.message()) : DirectoryNotice.all());
		return Batches.worked(Flux.merge(notices, own.asFlux()).map(notice -> notice.numbered(arrived.incrementAndGet())),
				// A burst (a bulk load: a notice per row) outruns the reads: past this many, the oldest notices make
				// way, and the next batch reads everything, which covers them. A mark among them times out.
				BATCH, WAITING, batch -> apply(batch).timeout(READ_WITHIN).thenReturn(Boolean.TRUE));
	}

	/**
	 * Reads what a batch of notices names, applies it, then releases the marks of this instance in it; notices
	 * dropped before the batch make it read everything.
	 */
	private Mono<Void> apply(Batches.Batch<DirectoryNotice> batch) {
		boolean all = batch.dropped() > 0;
		boolean team = false;
		Set<Long> changed = new HashSet<>();
		List<String> reached = new ArrayList<>();
		for (DirectoryNotice notice : batch.items()) {
			if (notice.kind() == DirectoryNotice.Kind.MARK) {
				reached.add(notice.mark());
			}
			else if (notice.number() > coveredUpTo) {
				all |= notice.kind() == DirectoryNotice.Kind.ALL;
				team |= notice.kind() == DirectoryNotice.Kind.TEAM;
				if (notice.kind() == DirectoryNotice.Kind.CLIENT) {
					changed.add(notice.clientId());
				}
			}
		}
		Mono<Void> read;
		if (all || changed.size() > READ_WHOLE_ABOVE || listing == null) {
			read = readAll();
		}
		else {
			CallerListing current = listing;
			read = (team ? reads.team().doOnNext(current::team).then() : Mono.<Void>empty())
				.then(changed.isEmpty() ? Mono.empty() : reads.clients(current, changed));
		}
		return read.doOnSuccess(done -> reached.forEach(marks::release));
	}

	/** Everything, into a new listing that replaces the served one when complete. */
	private Mono<Void> readAll() {
		coveredUpTo = arrived.get();
		long started = System.nanoTime();
		return reads.everything().doOnNext(read -> {
			boolean first = listing == null;
			listing = read;
			if (first) {
				log.info("The caller directory serves " + read.numbers() + " numbers of " + read.clients()
						+ " clients, read in " + (System.nanoTime() - started) / 1_000_000 + " ms");
			}
		}).then();
	}

	/** Asks the listening pipeline to read everything; several callers at once take turns briefly, never block long. */
	private void readEverythingAgain() {
		try {
			own.emitNext(DirectoryNotice.all(), Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
		}
		catch (RuntimeException notListening) {
			// Not listening now: listening again starts with reading everything.
		}
	}

	/** Stops serving; whoever waits to catch up goes on (lookups read the database now). */
	private void stopServing() {
		CallerListing stopped = listing;
		if (stopped != null) {
			lastServed = stopped;
		}
		listing = null;
		marks.releaseAll();
	}

}

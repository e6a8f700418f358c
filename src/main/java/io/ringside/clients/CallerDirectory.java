package io.ringside.clients;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.ringside.database.Mirror;
import io.ringside.database.PostgresChannel;
import io.ringside.shared.Deadline;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.team.TeamReader;

/**
 * Every client number with its client and owner, and the team, in this instance's memory:
 * what routing needs for every call, answered without a query.
 * <p>
 * PostgreSQL keeps it current: triggers (migration V3) notify on the channel
 * {@value #CHANNEL} when a change to a client, a number or the team commits, whoever made
 * it. The directory listens on a connection of its own (not one of the pool's), reads
 * again what the notices name (some clients, the team, or everything) and applies it, a
 * batch at a time. Whenever it starts listening (at start, and again after the connection
 * was lost) it listens first and then reads everything, so that no change falls between
 * the two. That order, and the serving, are the shared {@link Mirror}'s; what is the
 * directory's own is here: what it reads, and what each notice makes it read again.
 * <p>
 * It serves only while it listens and has read everything since: until then, and while
 * the connection is down, {@link #callerOf} and {@link #headOfSales} read the database,
 * as routing did before; when that read fails or takes longer than {@link #STALE_AFTER},
 * the listing served last answers (during a PostgreSQL outage calls still reach their
 * owners as they were when it began, rather than the fallback target), and goes on
 * answering without a read for {@link #TRUST_LAST_FOR}. A change reaches the directory a
 * few milliseconds after it commits; {@link #caughtUp()} waits for that, so that whoever
 * changes a client through Ringside's API sees the next call routed by the change.
 * <p>
 * Notices arrive on the listening connection's thread; reads and their application run
 * one batch at a time on the database client's threads. Lookups are plain map reads on
 * the caller's thread, safe from any thread.
 */
@Component
public class CallerDirectory implements SmartLifecycle, TeamReader {

	private static final Log log = LogFactory.getLog(CallerDirectory.class);

	/** The channel the triggers notify on. */
	static final String CHANNEL = "ringside_caller_directory";

	/**
	 * A batch of notices naming more clients than this is read whole, like a fresh start.
	 */
	static final int READ_WHOLE_ABOVE = 512;

	/** How long {@link #caughtUp()} waits before it gives up serving from memory. */
	static final Duration CATCH_UP_WITHIN = Duration.ofSeconds(5);

	/**
	 * How long a lookup waits for the database, while the directory does not serve,
	 * before it takes the last listing.
	 */
	static final Duration STALE_AFTER = Duration.ofMillis(300);

	/**
	 * How long the last listing answers at once, without a read of the database, after a
	 * read of it failed or was too slow.
	 */
	static final Duration TRUST_LAST_FOR = Duration.ofSeconds(2);

	/**
	 * When ({@link System#nanoTime()}) a read of the database last failed or was too
	 * slow; 0 once one succeeded.
	 */
	private final AtomicLong storeFailedAt = new AtomicLong();

	private final Mirror<CallerListing> mirror;

	private final CallerReads reads;

	private final Clients clients;

	private final Employees employees;

	public CallerDirectory(ConnectionFactory connections, DatabaseClient db, Clients clients, Employees employees) {
		this.mirror = new Mirror<>("caller directory", new PostgresChannel(connections, db, CHANNEL),
				DirectoryNotice.MARK, this::readAll, this::apply);
		this.reads = new CallerReads(db);
		this.clients = clients;
		this.employees = employees;
	}

	/**
	 * The client and owner a number (E.164) belongs to, empty when it is nobody's: from
	 * memory, at once and on the calling thread, while the directory serves; else from
	 * the database, or from the last listing when that fails or takes longer than
	 * {@link #STALE_AFTER}.
	 */
	public Mono<Optional<CallerMatch>> callerOf(String e164) {
		CallerListing serving = mirror.serving();
		Optional<CallerMatch> listed = serving == null ? null : serving.match(e164);
		if (listed != null) {
			return Mono.just(listed);
		}
		return readOrLast(clients.callerOf(e164).map(Optional::of).defaultIfEmpty(Optional.empty()), last -> {
			Optional<CallerMatch> stale = last.match(e164);
			return stale == null ? Optional.empty() : stale;
		});
	}

	/**
	 * The head of sales (the active one with a phone, the first made if several), empty
	 * when there is none: from memory while the directory serves, else from the database.
	 */
	public Mono<Optional<Employee>> headOfSales() {
		CallerListing serving = mirror.serving();
		if (serving != null) {
			return Mono.just(Optional.ofNullable(serving.team().head()));
		}
		return readOrLast(employees.headOfSales().map(Optional::of).defaultIfEmpty(Optional.empty()),
				last -> Optional.ofNullable(last.team().head()));
	}

	/**
	 * An employee by login (an owner's deputy), empty when nobody has it: from memory
	 * while the directory serves, else from the database, or from the last listing when
	 * that fails or takes longer than {@link #STALE_AFTER}.
	 */
	public Mono<Optional<Employee>> employee(String login) {
		CallerListing serving = mirror.serving();
		if (serving != null) {
			return Mono.just(Optional.ofNullable(serving.team().byLogin(login)));
		}
		return readOrLast(employees.byLogin(login).map(Optional::of).defaultIfEmpty(Optional.empty()),
				last -> Optional.ofNullable(last.team().byLogin(login)));
	}

	/**
	 * A read of the database while the directory does not serve: when it fails or takes
	 * longer than {@link #STALE_AFTER}, the last listing answers, and goes on answering
	 * at once for {@link #TRUST_LAST_FOR}, so that during an outage each call does not
	 * wait for the database first; then one read tries the database again.
	 */
	private <T> Mono<T> readOrLast(Mono<T> read, Function<CallerListing, T> fromLast) {
		CallerListing last = mirror.last();
		if (last == null) {
			return read;
		}
		long failedAt = storeFailedAt.get();
		if (failedAt != 0 && System.nanoTime() - failedAt < TRUST_LAST_FOR.toNanos()) {
			return Mono.fromSupplier(() -> fromLast.apply(last));
		}
		return read.timeout(STALE_AFTER, Deadline.passed(STALE_AFTER))
			.doOnSuccess(found -> storeFailedAt.set(0))
			.onErrorResume(error -> {
				storeFailedAt.set(System.nanoTime());
				return Mono.fromSupplier(() -> fromLast.apply(last));
			});
	}

	/**
	 * Which read of the team the directory serves, 0 while it does not serve: a number
	 * that changes whenever the team is read again (a change to it was heard, or
	 * everything was read), so that whoever shows the team need read it only then.
	 */
	public long teamRead() {
		CallerListing serving = mirror.serving();
		return serving == null ? 0 : serving.team().read();
	}

	/** Whether lookups are answered from memory now. */
	public boolean serving() {
		return mirror.serving() != null;
	}

	/**
	 * Completes once every change committed before the call is in the directory (at once
	 * when it does not serve: lookups read the database then). It notifies a mark of its
	 * own on the channel and waits for the mark to come back after the notices before it;
	 * when that takes longer than {@link #CATCH_UP_WITHIN} the directory stops serving
	 * until it has read everything again.
	 */
	@Override
	public Mono<Void> caughtUp() {
		return mirror.caughtUp(CATCH_UP_WITHIN);
	}

	/**
	 * The change's result once the directory has caught up with it ({@link #caughtUp()}):
	 * what the API answers a change of a client, its numbers or the team with, so that
	 * the next call is routed by it.
	 */
	public <T> Mono<T> seen(Mono<T> change) {
		return change.flatMap(result -> caughtUp().thenReturn(result)).switchIfEmpty(caughtUp().then(Mono.empty()));
	}

	@Override
	public void start() {
		mirror.start();
	}

	@Override
	public void stop() {
		mirror.stop();
	}

	@Override
	public boolean isRunning() {
		return mirror.isRunning();
	}

	/**
	 * Reads what the notices name, into the listing served: some clients, the team, or
	 * (for a notice that says so, or more than {@link #READ_WHOLE_ABOVE} clients)
	 * everything, into a new listing.
	 */
	private Mono<CallerListing> apply(CallerListing current, List<String> changes) {
		boolean all = false;
		boolean team = false;
		Set<Long> changed = new HashSet<>();
		for (String change : changes) {
			DirectoryNotice notice = DirectoryNotice.parse(change);
			all |= notice.kind() == DirectoryNotice.Kind.ALL;
			team |= notice.kind() == DirectoryNotice.Kind.TEAM;
			if (notice.kind() == DirectoryNotice.Kind.CLIENT) {
				changed.add(notice.clientId());
			}
		}
		if (all || changed.size() > READ_WHOLE_ABOVE) {
			return readAll();
		}
		return (team ? reads.team().doOnNext(current::team).then() : Mono.<Void>empty())
			.then(changed.isEmpty() ? Mono.empty() : reads.clients(current, changed))
			.thenReturn(current);
	}

	/** Everything, into a new listing. */
	private Mono<CallerListing> readAll() {
		long started = System.nanoTime();
		return reads.everything().doOnNext(read -> {
			if (mirror.last() == null) {
				log.info("The caller directory serves " + read.numbers() + " numbers of " + read.clients()
						+ " clients, read in " + (System.nanoTime() - started) / 1_000_000 + " ms");
			}
		});
	}

}

package io.ringside.crm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
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
public class CallerDirectory implements SmartLifecycle {

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

	private static final String NUMBERS = "select p.e164, c.id, c.name, c.vip, c.owner_id from phone_numbers p "
			+ "join clients c on c.id = p.client_id ";

	private final ConnectionFactory connections;

	private final DatabaseClient db;

	private final Clients clients;

	private final Employees employees;

	/** Marks this instance sent start with it: marks of other instances are theirs to wait for. */
	private final String instance = UUID.randomUUID().toString();

	private final AtomicLong marks = new AtomicLong();

	private final Map<String, Sinks.Empty<Void>> waiting = new ConcurrentHashMap<>();

	/** Numbers every notice as it arrives: a whole read covers those that arrived before it started. */
	private final AtomicLong arrived = new AtomicLong();

	/** Notices of the directory itself, merged with the database's: a request to read everything again. */
	private final Sinks.Many<Notice> own = Sinks.many().multicast().directBestEffort();

	/** Applied by the one batch running at a time. */
	private long coveredUpTo;

	/** What is served; null while the directory does not serve. */
	private volatile Listing listing;

	/** What was served when serving last stopped; null before the first listing. */
	private volatile Listing lastServed;

	private Disposable running;

	public CallerDirectory(ConnectionFactory connections, DatabaseClient db, Clients clients, Employees employees) {
		this.connections = connections;
		this.db = db;
		this.clients = clients;
		this.employees = employees;
	}

	/**
	 * The client and owner a number (E.164) belongs to, empty when it is nobody's: from memory, at once and on the
	 * calling thread, while the directory serves; else from the database, or from the last listing when that fails or
	 * takes longer than {@link #STALE_AFTER}.
	 */
	public Mono<Optional<CallerMatch>> callerOf(String e164) {
		Listing serving = listing;
		Optional<CallerMatch> listed = serving == null ? null : match(serving, e164);
		if (listed != null) {
			return Mono.just(listed);
		}
		Mono<Optional<CallerMatch>> read = clients.callerOf(e164).map(Optional::of).defaultIfEmpty(Optional.empty());
		Listing last = lastServed;
		return last == null ? read : read.timeout(STALE_AFTER).onErrorResume(error -> {
			Optional<CallerMatch> stale = match(last, e164);
			return Mono.just(stale == null ? Optional.empty() : stale);
		});
	}

	/** The number's client and owner in this listing, empty when it is nobody's, null when the owner is not in it. */
	private static Optional<CallerMatch> match(Listing listing, String e164) {
		Listed listed = listing.numbers.get(e164);
		if (listed == null) {
			return Optional.empty();
		}
		Employee owner = listing.team.byId().get(listed.ownerId());
		return owner == null ? null
				: Optional.of(new CallerMatch(listed.clientId(), listed.name(), listed.vip(), owner));
	}

	/**
	 * The head of sales (the active one with a phone, the first made if several), empty when there is none: from
	 * memory while the directory serves, else from the database.
	 */
	public Mono<Optional<Employee>> headOfSales() {
		Listing serving = listing;
		if (serving != null) {
			return Mono.just(Optional.ofNullable(serving.team.head()));
		}
		Mono<Optional<Employee>> read = employees.headOfSales().map(Optional::of).defaultIfEmpty(Optional.empty());
		Listing last = lastServed;
		return last == null ? read
				: read.timeout(STALE_AFTER).onErrorResume(error -> Mono.just(Optional.ofNullable(last.team.head())));
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
	public Mono<Void> caughtUp() {
		if (listing == null) {
			return Mono.empty();
		}
		String mark = instance + "/" + marks.incrementAndGet();
		Sinks.Empty<Void> done = Sinks.empty();
		waiting.put(mark, done);
		return db.sql("select pg_notify('" + CHANNEL + "', :mark)")
			.bind("mark", Notice.MARK + mark)
			.fetch()
			.rowsUpdated()
			.then(done.asMono())
			.timeout(CATCH_UP_WITHIN, Mono.fromRunnable(() -> {
				log.warn("The caller directory did not catch up within " + CATCH_UP_WITHIN
						+ "; routing reads the database until it has read everything again");
				stopServing();
				readEverythingAgain();
			}))
			.doFinally(signal -> waiting.remove(mark));
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
	 * Listens on a connection of its own, then reads everything and applies the notices as they come, until the
	 * connection fails or is closed (an error either way, for the retry to start again). Emits once per batch applied.
	 */
	private Flux<Boolean> listen() {
		return Flux.usingWhen(listeningConnection(), connection -> Batches.worked(Flux
			.from(connection.createStatement("LISTEN " + CHANNEL).execute())
			.concatMap(result -> result.getRowsUpdated())
			.thenMany(Flux.merge(Flux.just(Notice.all()).concatWith(connection.getNotifications()
				.filter(notification -> CHANNEL.equals(notification.getName()))
				.map(notification -> Notice.parse(notification.getParameter()))
				.concatWith(Mono.error(() -> new IllegalStateException("the listening connection closed")))),
					own.asFlux()))
			.map(notice -> notice.numbered(arrived.incrementAndGet())),
				// A burst (a bulk load: a notice per row) outruns the reads: past this many, the oldest notices make
				// way, and the next batch reads everything, which covers them. A mark among them times out.
				BATCH, WAITING, batch -> apply(batch).timeout(READ_WITHIN).thenReturn(Boolean.TRUE)),
				Connection::close);
	}

	private Mono<PostgresqlConnection> listeningConnection() {
		ConnectionFactory factory = connections;
		while (factory instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
				&& inner != factory) {
			factory = inner;
		}
		return Mono.from(factory.create()).flatMap(connection -> connection instanceof PostgresqlConnection postgres
				? Mono.just(postgres)
				: Mono.from(connection.close()).then(Mono.error(new IllegalStateException(
						"The caller directory listens with PostgreSQL's driver, not " + connection.getClass()))));
	}

	/**
	 * Reads what a batch of notices names, applies it, then releases the marks of this instance in it; notices
	 * dropped before the batch make it read everything.
	 */
	private Mono<Void> apply(Batches.Batch<Notice> batch) {
		boolean all = batch.dropped() > 0;
		boolean team = false;
		Set<Long> changed = new HashSet<>();
		List<String> reached = new ArrayList<>();
		for (Notice notice : batch.items()) {
			if (notice.kind() == Notice.Kind.MARK) {
				reached.add(notice.mark());
			}
			else if (notice.number() > coveredUpTo) {
				all |= notice.kind() == Notice.Kind.ALL;
				team |= notice.kind() == Notice.Kind.TEAM;
				if (notice.kind() == Notice.Kind.CLIENT) {
					changed.add(notice.clientId());
				}
			}
		}
		Mono<Void> reads;
		if (all || changed.size() > READ_WHOLE_ABOVE || listing == null) {
			reads = readAll();
		}
		else {
			Listing current = listing;
			reads = (team ? readTeam().doOnNext(read -> current.team = read).then() : Mono.<Void>empty())
				.then(changed.isEmpty() ? Mono.empty() : readClients(current, changed));
		}
		return reads.doOnSuccess(done -> reached.forEach(this::release));
	}

	/** Everything, into a new listing that replaces the served one when complete. */
	private Mono<Void> readAll() {
		coveredUpTo = arrived.get();
		long started = System.nanoTime();
		Map<String, Listed> numbers = new HashMap<>();
		Map<Long, List<String>> byClient = new HashMap<>();
		return readTeam().flatMap(team -> db.sql(NUMBERS).map(CallerDirectory::listed).all().doOnNext(listed -> {
			numbers.put(listed.e164(), listed);
			byClient.computeIfAbsent(listed.clientId(), id -> new ArrayList<>(1)).add(listed.e164());
		}).then(Mono.fromRunnable(() -> {
			boolean first = listing == null;
			listing = new Listing(numbers, byClient, team);
			if (first) {
				log.info("The caller directory serves " + numbers.size() + " numbers of " + byClient.size()
						+ " clients, read in " + (System.nanoTime() - started) / 1_000_000 + " ms");
			}
		})));
	}

	/** Some clients again: their numbers now replace the ones they had. */
	private Mono<Void> readClients(Listing current, Set<Long> ids) {
		return db.sql(NUMBERS + "where c.id = any(:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.map(CallerDirectory::listed)
			.all()
			.collectList()
			.flatMap(found -> {
				boolean ownerUnknown = found.stream().anyMatch(listed -> !current.team.byId().containsKey(listed.ownerId()));
				Mono<Void> team = ownerUnknown ? readTeam().doOnNext(read -> current.team = read).then() : Mono.empty();
				return team.then(Mono.fromRunnable(() -> current.replace(ids, found)));
			});
	}

	private Mono<Team> readTeam() {
		return db.sql("select " + Employees.COLUMNS + " from employees").map(Employees::read).all().collectList()
			.map(Team::of);
	}

	private static Listed listed(io.r2dbc.spi.Readable row) {
		return new Listed(row.get("e164", String.class), row.get("id", Long.class), row.get("name", String.class),
				Boolean.TRUE.equals(row.get("vip", Boolean.class)), row.get("owner_id", Long.class));
	}

	/** Asks the listening pipeline to read everything; several callers at once take turns briefly, never block long. */
	private void readEverythingAgain() {
		try {
			own.emitNext(Notice.all(), Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
		}
		catch (RuntimeException notListening) {
			// Not listening now: listening again starts with reading everything.
		}
	}

	private void release(String mark) {
		Sinks.Empty<Void> done = waiting.remove(mark);
		if (done != null) {
			done.tryEmitEmpty();
		}
	}

	/** Stops serving; whoever waits to catch up goes on (lookups read the database now). */
	private void stopServing() {
		Listing stopped = listing;
		if (stopped != null) {
			lastServed = stopped;
		}
		listing = null;
		new ArrayList<>(waiting.keySet()).forEach(this::release);
	}

	/** What the directory serves: the numbers, each client's numbers, and the team. */
	private static final class Listing {

		private final ConcurrentHashMap<String, Listed> numbers;

		private final ConcurrentHashMap<Long, List<String>> byClient;

		private volatile Team team;

		Listing(Map<String, Listed> numbers, Map<Long, List<String>> byClient, Team team) {
			this.numbers = new ConcurrentHashMap<>(numbers);
			this.byClient = new ConcurrentHashMap<>(byClient);
			this.team = team;
		}

		/** The clients' numbers as read now; clients that were read without numbers have none any more. */
		void replace(Set<Long> ids, List<Listed> found) {
			Map<Long, List<String>> now = new HashMap<>();
			found.forEach(listed -> now.computeIfAbsent(listed.clientId(), id -> new ArrayList<>(1)).add(listed.e164()));
			for (Long id : ids) {
				List<String> before = byClient.remove(id);
				if (before != null) {
					before.forEach(e164 -> numbers.computeIfPresent(e164, (number, listed) -> listed.clientId() == id ? null : listed));
				}
			}
			found.forEach(listed -> numbers.put(listed.e164(), listed));
			byClient.putAll(now);
		}

	}

	/** The team by id, and the head of sales among them (null when there is none). */
	private record Team(Map<Long, Employee> byId, Employee head) {

		/** The head of sales is chosen as {@link Employees#headOfSales()} chooses. */
		static Team of(List<Employee> everyone) {
			Map<Long, Employee> byId = new HashMap<>();
			everyone.forEach(employee -> byId.put(employee.id(), employee));
			Employee head = everyone.stream()
				.filter(employee -> employee.role() == Role.HEAD_OF_SALES && employee.active())
				.min(Comparator.comparing((Employee employee) -> employee.extension() == null)
					.thenComparingLong(Employee::id))
				.orElse(null);
			return new Team(Map.copyOf(byId), head);
		}

	}

	/** A number as listed: whose it is. */
	private record Listed(String e164, long clientId, String name, boolean vip, long ownerId) {
	}

	/**
	 * One notice from the channel, numbered as it arrived: a client changed, the team changed, everything (a table
	 * was truncated, or the directory starts), or a mark someone waits for.
	 */
	record Notice(Kind kind, long clientId, String mark, long number) {

		static final String MARK = "mark:";

		enum Kind {

			CLIENT, TEAM, ALL, MARK

		}

		static Notice all() {
			return new Notice(Kind.ALL, 0, null, 0);
		}

		/** Reads a notice; one it does not know is read as everything, which is never wrong. */
		static Notice parse(String text) {
			if (text == null) {
				return all();
			}
			if (text.startsWith(MARK)) {
				return new Notice(Kind.MARK, 0, text.substring(MARK.length()), 0);
			}
			if (text.equals("employees")) {
				return new Notice(Kind.TEAM, 0, null, 0);
			}
			if (text.startsWith("client:")) {
				try {
					return new Notice(Kind.CLIENT, Long.parseLong(text.substring("client:".length())), null, 0);
				}
				catch (NumberFormatException ex) {
					return all();
				}
			}
			return all();
		}

		Notice numbered(long arrival) {
			return new Notice(kind, clientId, mark, arrival);
		}

	}

}

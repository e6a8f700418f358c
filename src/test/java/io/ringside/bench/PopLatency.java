package io.ringside.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;

import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;
import io.ringside.presence.Presence;
import io.ringside.routing.FastAgiAddress;

/**
 * Part {@code pops}: how long a screen pop takes from the dialplan's FastAGI
 * {@code route} request to the STOMP MESSAGE at the page of the employee the call is
 * routed to, with {@code bench.pops.sessions} (1,000) sessions open, one per manager,
 * each manager owning one client, all AVAILABLE with an idle phone. Calls come at
 * {@code bench.pops.rate} (50/s), open loop ({@link OpenLoop}: measured from the time
 * each request was due), each from the next manager's client in turn, so each pop goes to
 * one session. The AGI conversation runs on a blocking pool as Asterisk's channel threads
 * would; the pop is timed when its frame is read on the client's event loop. The pop's
 * own {@code callId} is the first in its JSON (the callbacks riding along come after it,
 * in either property order).
 */
final class PopLatency {

	private static final Pattern CALL_ID = Pattern.compile("\"callId\":\"([^\"]+)\"");

	private static final Pattern REASON = Pattern.compile("\"reason\":\"([A-Z_]+)\"");

	/**
	 * The pop a call's routing makes: the benchmark plays only the FastAGI side of the
	 * PBX, so 10 s later each pop is withdrawn (the PBX never showed the call); those
	 * later pops are counted apart.
	 */
	private static final String WITHDRAWN = "\"state\":\"WITHDRAWN\"";

	private static final Duration POP_TIMEOUT = Duration.ofSeconds(10);

	private final Consumer<String> report;

	private final Consumer<String> note;

	PopLatency(Consumer<String> report, Consumer<String> note) {
		this.report = report;
		this.note = note;
	}

	void run(BenchDatabase db, String redis, int sessions, double rate, int requests, int warmUp) throws Exception {
		try (SessionsCompany company = new SessionsCompany(db, redis)) {
			long seeding = System.nanoTime();
			company.seed(sessions, 10);
			note.accept(String.format(Locale.ROOT,
					"Pops: seeded %,d managers with a client each (%,d interactions) " + "in %.1f s", sessions,
					db.count("interactions"), (System.nanoTime() - seeding) / 1e9));
			Presence presence = company.app().getBean(Presence.class);
			Flux.range(1, sessions)
				.flatMap(e -> presence.set(SessionsCompany.login(e), Availability.AVAILABLE)
					.then(presence.setDeviceState(SessionsCompany.extension(e), DeviceState.NOT_INUSE)), 32)
				.then()
				.block(Duration.ofSeconds(120));

			Map<String, CompletableFuture<Long>> pending = new ConcurrentHashMap<>();
			Map<String, String> expectedLogin = new ConcurrentHashMap<>();
			LongAdder pops = new LongAdder();
			LongAdder wrongSession = new LongAdder();
			LongAdder unexpected = new LongAdder();
			LongAdder withdrawn = new LongAdder();
			Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
			StompSessions.Listener listener = (login, body, received) -> {
				if (body.contains(WITHDRAWN)) {
					withdrawn.increment();
					return;
				}
				pops.increment();
				Matcher id = CALL_ID.matcher(body);
				if (!id.find()) {
					unexpected.increment();
					return;
				}
				CompletableFuture<Long> waiting = pending.remove(id.group(1));
				if (waiting == null) {
					unexpected.increment();
					return;
				}
				if (!login.equals(expectedLogin.remove(id.group(1)))) {
					wrongSession.increment();
				}
				Matcher reason = REASON.matcher(body);
				reasons.computeIfAbsent(reason.find() ? reason.group(1) : "none", r -> new LongAdder()).increment();
				waiting.complete(received);
			};
			try (StompSessions clients = new StompSessions(company.stomp())) {
				long opening = System.nanoTime();
				clients.open(sessions, sessions, 4, 64, i -> SessionsCompany.login(i + 1), SessionsCompany.PASSWORD,
						List.of("/user/queue/pops", "/user/queue/notifications"), listener, Duration.ofMinutes(5));
				note.accept(String.format(Locale.ROOT, "Pops: %,d STOMP sessions signed in and subscribed in %.1f s",
						clients.size(), (System.nanoTime() - opening) / 1e9));

				FastAgiAddress agi = company.app().getBean(FastAgiAddress.class);
				AgiCaller asterisk = new AgiCaller(agi.dialHost(), agi.port());
				ExecutorService channels = new ThreadPoolExecutor(0, 512, 10, TimeUnit.SECONDS,
						new SynchronousQueue<>(), runnable -> {
							Thread thread = new Thread(runnable, "bench-asterisk-channel");
							thread.setDaemon(true);
							return thread;
						});
				LongAdder agiFailures = new LongAdder();
				try {
					Call call = (first, i) -> {
						int employee = 1 + (first + i) % sessions;
						long callNumber = 50_000_000L + first + i;
						String callId = "1781800000." + callNumber;
						CompletableFuture<Long> pop = new CompletableFuture<>();
						pending.put(callId, pop);
						expectedLogin.put(callId, SessionsCompany.login(employee));
						CompletableFuture.runAsync(() -> {
							try {
								asterisk.route(callNumber, SessionsCompany.number(employee), null);
							}
							catch (IOException ex) {
								throw new UncheckedIOException(ex);
							}
						}, channels).whenComplete((done, error) -> {
							if (error != null) {
								agiFailures.increment();
								pop.completeExceptionally(error);
							}
						});
						return pop.orTimeout(POP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
					};
					String loadBefore = SessionsCompany.loadAverage();
					// Each round's calls are new calls (their own Linkedids); the
					// measured ones come after them all.
					Benchmark.WarmedUp warmedUp = Benchmark.warmUntilQuiet(warmUp,
							round -> OpenLoop.run(warmUp, rate, i -> call.start(round * warmUp, i)));
					note.accept("Pops: " + warmedUp.description());
					int measuredFrom = warmedUp.rounds() * warmUp;
					reasons.clear();
					long popsBefore = pops.sum();
					long unexpectedBefore = unexpected.sum();
					long wrongBefore = wrongSession.sum();
					OpenLoop.Latencies latencies = OpenLoop.run(requests, rate, i -> call.start(measuredFrom, i));
					String loadAfter = SessionsCompany.loadAverage();

					report.accept("## Pop latency (FastAGI `route` request to the STOMP MESSAGE at the page)");
					report.accept("");
					report.accept(String.format(Locale.ROOT, "%,d STOMP sessions open (one per manager, each owning "
							+ "one client with 10 interactions), %,d calls at %.0f/s after %s, each from the "
							+ "next manager's client, open loop, measured from the time the AGI request was due to the "
							+ "MESSAGE read at the client.", sessions, requests, rate, warmedUp.description()));
					report.accept("");
					report.accept("| measure | p50 ms | p90 ms | p99 ms | max ms | failed |");
					report.accept("|---|---:|---:|---:|---:|---:|");
					report.accept(String.format(Locale.ROOT,
							"| pop: AGI route request to STOMP MESSAGE | %.2f | %.2f | %.2f | %.2f | %d |",
							latencies.percentile(50), latencies.percentile(90), latencies.percentile(99),
							latencies.maxMillis(), latencies.failures()));
					report.accept("");
					StringBuilder byReason = new StringBuilder();
					new java.util.TreeMap<>(reasons)
						.forEach((reason, count) -> byReason.append(byReason.isEmpty() ? "" : ", ")
							.append(reason)
							.append(' ')
							.append(count.sum()));
					report.accept(String.format(Locale.ROOT, "Pops received: %,d (%s); at a session other than the "
							+ "routed manager's: %d; pops of no pending call: %d; AGI conversations failed: %d; "
							+ "pops withdrawn 10 s after their routing (the benchmark plays no AMI side, so the PBX never "
							+ "shows the calls), during the whole run: %,d.", pops.sum() - popsBefore, byReason,
							wrongSession.sum() - wrongBefore, unexpected.sum() - unexpectedBefore, agiFailures.sum(),
							withdrawn.sum()));
					report.accept("");
					report.accept(String.format(Locale.ROOT, "Target pop p99 <= 10 ms: **%s** (p99 %.2f ms). Bare "
							+ "limit on this machine: Reactor Netty delivers a 3 KB message to one of 1,000 sessions at "
							+ "p99 0.57 ms. Load average before/after: %s / %s.",
							latencies.percentile(99) <= 10.0 ? "met" : "missed", latencies.percentile(99), loadBefore,
							loadAfter));
					report.accept("");
				}
				finally {
					channels.shutdownNow();
				}
			}
		}
	}

	/** Starts call {@code first + i} and returns its pop's arrival. */
	private interface Call {

		CompletableFuture<Long> start(int first, int i);

	}

}

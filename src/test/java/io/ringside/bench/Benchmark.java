package io.ringside.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.HangupEvent;
import reactor.core.Disposable;

import org.awaitility.Awaitility;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.RingsideApplication;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;
import io.ringside.presence.Presence;
import io.ringside.routing.FastAgiAddress;
import io.ringside.telephony.AmiEndpoint;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.Pbx;
import io.ringside.telephony.PbxSettings;

/**
 * The benchmark: how long Ringside takes to answer the dialplan's FastAGI {@code route}
 * request, and how many AMI events per second its call pipeline follows, each next to a
 * bare baseline measured in the same run on the same machine, so the results read as
 * ratios. Run with {@code ./mvnw -B verify -Pbenchmark}; it prints a table and writes it
 * to {@code target/benchmark-results.md}.
 * <ol>
 * <li>A fresh PostgreSQL database on the machine's server (dropped at the end) and a
 * Redis key prefix of its own (deleted at the end); the whole application starts on them
 * and migrates, then {@link BenchDatabase#seed} fills in 100,000 clients and 1,000,000
 * interactions.</li>
 * <li>Route latency: FastAGI requests at a fixed rate, open loop, each on its own
 * connection as Asterisk makes them, measured from the time each was due to the moment
 * the script closed the connection.</li>
 * <li>Route floor: the same requests, same rate, against a bare Asterisk-Java FastAGI
 * server whose script sends the same commands and answers a constant ({@link BareAgi}):
 * what FastAGI itself costs here. {@code -Dbench.floors=} {@code current} (default),
 * {@code current,earlier} (also the five-to-six-command conversation of before) or
 * empty.</li>
 * <li>Route baseline: one R2DBC query for the caller's client, owner and last 10
 * interactions, at the same rate, on the application's own connection pool.</li>
 * <li>AMI throughput: {@link AmiStream} writes interleaved call events as fast as the
 * client reads them into Ringside's AmiConnection (Asterisk-Java, the event mapping, the
 * bounded buffer, the call tracker), then at the target rate; the baseline is
 * Asterisk-Java with a listener that only counts.</li>
 * </ol>
 * Settings are system properties ({@code -Dbench.requests=...}, see {@link #main}); every
 * loop is bounded and every socket is on loopback.
 */
public final class Benchmark {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final List<String> report = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private Benchmark() {
	}

	public static void main(String[] args) throws Exception {
		Benchmark benchmark = new Benchmark();
		try {
			benchmark.run();
		}
		catch (Throwable failure) {
			failure.printStackTrace();
			System.exit(1);
		}
		// Asterisk-Java and Reactor leave non-daemon threads behind; the benchmark is
		// over.
		System.exit(0);
	}

	private void run() throws Exception {
		String postgres = setting("bench.postgres.url",
				env("RINGSIDE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"));
		String postgresUser = setting("bench.postgres.user", env("RINGSIDE_TEST_POSTGRES_USER", "postgres"));
		String redis = setting("bench.redis.url", env("RINGSIDE_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
		int clients = Integer.parseInt(setting("bench.clients", "100000"));
		int interactionsPerClient = Integer.parseInt(setting("bench.interactions-per-client", "10"));
		double rate = Double.parseDouble(setting("bench.rate", "50"));
		int requests = Integer.parseInt(setting("bench.requests", "3000"));
		int warmUp = Integer.parseInt(setting("bench.warm-up", "500"));
		long amiEvents = Long.parseLong(setting("bench.ami.events", "600000"));
		double amiTarget = Double.parseDouble(setting("bench.ami.target", "35000"));
		int amiSeconds = Integer.parseInt(setting("bench.ami.paced-seconds", "10"));
		int concurrentCalls = Integer.parseInt(setting("bench.ami.concurrent-calls", "200"));
		List<String> parts = List.of(setting("bench.parts", "route,ami").split(","));

		String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		note("Run " + started + " on " + Runtime.getRuntime().availableProcessors() + " cores, Java "
				+ System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
				+ " MiB; load average at start " + loadAverage());

		if (parts.contains("route")) {
			route(postgres, postgresUser, redis, clients, interactionsPerClient, rate, requests, warmUp);
		}
		if (parts.contains("ami")) {
			amiThroughput(amiEvents, amiTarget, amiSeconds, concurrentCalls);
		}
		if (parts.contains("pops")) {
			try (BenchDatabase db = new BenchDatabase(postgres, postgresUser)) {
				new PopLatency(report::add, this::note).run(db, redis,
						Integer.parseInt(setting("bench.pops.sessions", "1000")),
						Double.parseDouble(setting("bench.pops.rate", "50")),
						Integer.parseInt(setting("bench.pops.requests", "3000")),
						Integer.parseInt(setting("bench.pops.warm-up", "500")));
			}
		}
		if (parts.contains("idle-sessions")) {
			try (BenchDatabase db = new BenchDatabase(postgres, postgresUser)) {
				new IdleSessions(report::add, this::note).run(db, redis,
						Integer.parseInt(setting("bench.idle.sessions", "10000")),
						Integer.parseInt(setting("bench.idle.employees", "1000")));
			}
		}
		if (parts.contains("soak")) {
			try (BenchDatabase db = new BenchDatabase(postgres, postgresUser)) {
				new Soak(report::add, this::note).run(db, redis,
						Duration.ofMinutes(Long.parseLong(setting("bench.soak.minutes", "30"))),
						Double.parseDouble(setting("bench.soak.rate", "20")));
			}
		}
		if (parts.contains("calls")) {
			try (BenchDatabase db = new BenchDatabase(postgres, postgresUser)) {
				new WholeCalls(report::add, this::note).run(db, redis,
						setting("bench.calls.jvm", "-Xms256m -Xmx1g -XX:+UseG1GC"),
						Integer.parseInt(setting("bench.calls.sessions", "1000")),
						java.util.Arrays.stream(setting("bench.calls.rates", "50,100,150,200,300").split(","))
							.map(Double::parseDouble)
							.toList(),
						Integer.parseInt(setting("bench.calls.seconds", "20")),
						Duration.ofMillis(Long.parseLong(setting("bench.calls.ring-ms", "500"))),
						Duration.ofMillis(Long.parseLong(setting("bench.calls.talk-ms", "1000"))));
			}
		}
		if (parts.contains("drain")) {
			try (BenchDatabase db = new BenchDatabase(postgres, postgresUser)) {
				new Drain(report::add, this::note).run(db, redis,
						Integer.parseInt(setting("bench.drain.calls", "10000")),
						Double.parseDouble(setting("bench.drain.rate", "100")));
			}
		}
		note("Load average at the end " + loadAverage());
		write();
	}

	private void route(String postgres, String postgresUser, String redis, int clients, int interactionsPerClient,
			double rate, int requests, int warmUp) throws Exception {
		try (BenchDatabase db = new BenchDatabase(postgres, postgresUser)) {
			String prefix = "ringside-bench-" + UUID.randomUUID().toString().substring(0, 8) + ":";
			ConfigurableApplicationContext app = startRingside(db, redis, prefix);
			try {
				long seeding = System.nanoTime();
				db.seed(clients, interactionsPerClient);
				note(String.format(Locale.ROOT,
						"Seeded %,d clients, %,d phone numbers, %,d interactions, %,d "
								+ "employees in %.1f s (database %s)",
						db.count("clients"), db.count("phone_numbers"), db.count("interactions"), db.count("employees"),
						(System.nanoTime() - seeding) / 1e9, db.name()));
				routeLatency(app, db, rate, requests, warmUp);
			}
			finally {
				ReactiveStringRedisTemplate template = app.getBean(ReactiveStringRedisTemplate.class);
				Long deleted = template
					.delete(template.scan(org.springframework.data.redis.core.ScanOptions.scanOptions()
						.match(prefix + "*")
						.count(1000)
						.build()))
					.block(WAIT);
				note("Removed " + deleted + " Redis keys under " + prefix + "; dropped database " + db.name());
				app.close();
			}
		}
	}

	/**
	 * Settings go in as command-line arguments: default properties would lose to
	 * application.yml's port 8080.
	 */
	private ConfigurableApplicationContext startRingside(BenchDatabase db, String redis, String prefix) {
		return startRingside(db, redis, prefix, Map.of());
	}

	/**
	 * The application on this database and Redis prefix, the simulator as its PBX, and
	 * these settings on top.
	 */
	static ConfigurableApplicationContext startRingside(BenchDatabase db, String redis, String prefix,
			Map<String, String> more) {
		Map<String, String> settings = new HashMap<>(Map.ofEntries(Map.entry("spring.r2dbc.url", db.r2dbcUrl()),
				Map.entry("spring.r2dbc.username", db.user()), Map.entry("spring.r2dbc.password", ""),
				Map.entry("spring.data.redis.url", redis), Map.entry("ringside.redis.key-prefix", prefix),
				Map.entry("server.port", "0"), Map.entry("ringside.pbx.mode", "simulator"),
				Map.entry("ringside.pbx.agi.port", "0"), Map.entry("ringside.presence.ttl", "PT30M"),
				Map.entry("spring.main.banner-mode", "off")));
		settings.putAll(more);
		return new SpringApplicationBuilder(RingsideApplication.class).run(settings.entrySet()
			.stream()
			.map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
			.toArray(String[]::new));
	}

	// ---------------------------------------------------------------- route latency

	private void routeLatency(ConfigurableApplicationContext app, BenchDatabase db, double rate, int requests,
			int warmUp) throws Exception {
		Presence presence = app.getBean(Presence.class);
		List<String[]> numbers = db.numbersAndOwners();
		int availableManagers = BenchDatabase.MANAGERS * 7 / 10;
		for (int m = 1; m <= BenchDatabase.MANAGERS; m++) {
			presence.set("bench-m" + m, m <= availableManagers ? Availability.AVAILABLE : Availability.AWAY)
				.block(WAIT);
			presence.setDeviceState("PJSIP/" + (1000 + m), DeviceState.NOT_INUSE).block(WAIT);
		}
		presence.set("bench-head", Availability.AVAILABLE).block(WAIT);
		List<String[]> withAvailableOwner = numbers.stream()
			.filter(row -> Integer.parseInt(row[1].substring("bench-m".length())) <= availableManagers)
			.toList();
		FastAgiAddress agi = app.getBean(FastAgiAddress.class);
		AgiCaller asterisk = new AgiCaller(agi.dialHost(), agi.port());
		ExecutorService channels = new ThreadPoolExecutor(0, 512, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
				runnable -> {
					Thread thread = new Thread(runnable, "bench-asterisk-channel");
					thread.setDaemon(true);
					return thread;
				});
		try {
			Random random = new Random(20260508);
			RoutePlan warm = RoutePlan.of(random, warmUp, numbers, withAvailableOwner, availableManagers, 0);
			RoutePlan plan = RoutePlan.of(random, requests, numbers, withAvailableOwner, availableManagers, warmUp);
			String load = loadAverage();
			String warmedUp = warmUntilQuiet(warmUp,
					round -> OpenLoop.run(warmUp, rate, i -> warm.send(i, asterisk, channels)))
				.description();
			note(warmedUp);
			long cpuBefore = cpuNanos();
			long uptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime();
			OpenLoop.Latencies route = OpenLoop.run(requests, rate, i -> plan.send(i, asterisk, channels));
			List<String> cpu = new ArrayList<>();
			cpu.add(String.format(Locale.ROOT, "route %.2f ms", (cpuNanos() - cpuBefore) / 1e6 / requests));
			String routeLoad = loadAverage();
			// The decisions are recorded asynchronously; wait (bounded) until the last
			// measured one is written.
			awaitUntil(() -> db.number("select count(*) " + measured(warmUp, requests)) >= requests);
			String routerShare = routerShare(db, warmUp, requests);
			int slowest = Integer.parseInt(setting("bench.slowest", "0"));
			if (slowest > 0) {
				// For finding what the tail waits for: when the slowest were due, and the
				// router's own share of each.
				StringBuilder slow = new StringBuilder("slowest route requests (due at s after JVM uptime "
						+ uptimeAtStart / 1000.0 + " s: total ms / router ms):");
				for (int index : route.slowest(slowest)) {
					long us = db.number("select coalesce(max(took_us), -1000) " + measured(warmUp + index, 1));
					slow.append(String.format(Locale.ROOT, " %.2f: %.1f / %.1f;", index / rate, route.millis(index),
							us / 1e3));
				}
				note(slow.toString());
			}

			List<String> floorRows = new ArrayList<>();
			for (String floor : setting("bench.floors", "current").split(",")) {
				if (floor.isBlank()) {
					continue;
				}
				boolean current = floor.trim().equals("current");
				try (BareAgi bare = new BareAgi(current)) {
					AgiCaller bareAsterisk = new AgiCaller("127.0.0.1", bare.port());
					OpenLoop.run(warmUp, rate, i -> warm.sendTo(i, bareAsterisk, channels));
					long floorCpu = cpuNanos();
					OpenLoop.Latencies floorRun = OpenLoop.run(requests, rate,
							i -> plan.sendTo(i, bareAsterisk, channels));
					cpu.add(String.format(Locale.ROOT, "floor (%s) %.2f ms", floor.trim(),
							(cpuNanos() - floorCpu) / 1e6 / requests));
					floorRows.add(row(current
							? "floor: bare Asterisk-Java FastAGI, constant answer, 1 round trip, 2 on a retry "
									+ "(Ringside's conversation)"
							: "floor: bare Asterisk-Java FastAGI, constant answer, 5–6 round "
									+ "trips (the earlier conversation)",
							floorRun));
				}
			}

			DatabaseClient sql = app.getBean(DatabaseClient.class);
			List<String> known = numbers.stream().map(row -> row[0]).toList();
			OpenLoop.run(warmUp, rate, i -> cardQuery(sql, known.get(random.nextInt(known.size()))));
			List<String> baselineNumbers = random.ints(requests, 0, known.size()).mapToObj(known::get).toList();
			long baselineCpu = cpuNanos();
			OpenLoop.Latencies baseline = OpenLoop.run(requests, rate, i -> cardQuery(sql, baselineNumbers.get(i)));
			cpu.add(String.format(Locale.ROOT, "baseline %.2f ms", (cpuNanos() - baselineCpu) / 1e6 / requests));

			report.add("## Route latency (FastAGI `route`, open loop)");
			report.add("");
			report.add(String.format(Locale.ROOT,
					"%d requests at %.0f/s after %s, each on its own "
							+ "TCP connection, measured from its due time to the script closing the connection.",
					requests, rate, warmedUp));
			report.add("");
			report.add("| measure | p50 ms | p90 ms | p99 ms | max ms | failed |");
			report.add("|---|---:|---:|---:|---:|---:|");
			report.add(row("AGI route (Ringside)", route));
			report.addAll(floorRows);
			report.add(row("baseline: one R2DBC query (client, owner, last 10 interactions)", baseline));
			report.add(String.format(Locale.ROOT, "| ratio route / baseline | %.1f× | %.1f× | %.1f× | %.1f× | |",
					route.percentile(50) / baseline.percentile(50), route.percentile(90) / baseline.percentile(90),
					route.percentile(99) / baseline.percentile(99), route.maxMillis() / baseline.maxMillis()));
			report.add("");
			report.add("The router's share (its own clock, `route_decisions.took_us`: from the start of its database "
					+ "and Redis reads, which overlap the first AGI round trip, to the decision): " + routerShare
					+ ".");
			report.add("");
			report.add("CPU time of this process per request (Ringside and the benchmark's own client; PostgreSQL and "
					+ "Redis not included): " + String.join(", ", cpu) + ".");
			report.add("");
			report.add("Answers: " + plan.summary() + ".");
			report.add("");
			report.add(String.format(Locale.ROOT,
					"Target route p99 <= 5 ms: **%s** (p99 %.2f ms). "
							+ "Load average before/after the route run: %s / %s.",
					route.percentile(99) <= 5.0 ? "met" : "missed", route.percentile(99), load, routeLoad));
			report.add("");
			if (route.failures() > 0 || plan.missingTarget.sum() > 0 || plan.wrongReason.sum() > 0) {
				notes.add("ROUTE CHECK FAILED: " + route.failures() + " failed, " + plan.missingTarget.sum()
						+ " without RINGSIDE_TARGET, " + plan.wrongReason.sum() + " with an unexpected reason");
			}
		}
		finally {
			channels.shutdownNow();
		}
	}

	/**
	 * The router's own measure of the decisions of the measured requests, from what it
	 * recorded.
	 */
	private static String measured(int firstCall, int requests) {
		return "from route_decisions where split_part(call_id, '.', 2)::int between " + firstCall + " and "
				+ (firstCall + requests - 1);
	}

	private static String routerShare(BenchDatabase db, int firstCall, int requests) {
		String measured = measured(firstCall, requests);
		long[] us = new long[4];
		String[] quantiles = { "0.5", "0.9", "0.99", "1" };
		for (int i = 0; i < 4; i++) {
			us[i] = db.number("select coalesce(percentile_disc(" + quantiles[i]
					+ ") within group (order by took_us), 0) " + measured);
		}
		return String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms over %d decisions",
				us[0] / 1e3, us[1] / 1e3, us[2] / 1e3, us[3] / 1e3, db.number("select count(*) " + measured));
	}

	private static CompletableFuture<?> cardQuery(DatabaseClient sql, String e164) {
		return sql.sql("select c.id, c.name, e.login, e.extension, i.kind, i.occurred_at, i.text "
				+ "from phone_numbers p join clients c on c.id = p.client_id join employees e on e.id = c.owner_id "
				+ "left join lateral (select x.kind, x.occurred_at, x.text from interactions x where x.client_id = c.id "
				+ "order by x.occurred_at desc, x.id desc limit 10) i on true where p.e164 = :e164")
			.bind("e164", e164)
			.fetch()
			.all()
			.collectList()
			.doOnNext(rows -> {
				if (rows.size() != 10) {
					throw new IllegalStateException("expected 10 interactions for " + e164 + ", got " + rows.size());
				}
			})
			.toFuture();
	}

	/** Who calls, in what order, and what Ringside should answer each. */
	private static final class RoutePlan {

		final String[] callers;

		final String[] previousReasons;

		final String[] expected;

		final int firstCall;

		final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();

		final LongAdder missingTarget = new LongAdder();

		final LongAdder wrongReason = new LongAdder();

		private RoutePlan(int size, int firstCall) {
			this.callers = new String[size];
			this.previousReasons = new String[size];
			this.expected = new String[size];
			this.firstCall = firstCall;
		}

		/**
		 * 15% unknown numbers, 10% second requests after the owner rang out, the rest
		 * known callers, whose owners are available for 70% of the clients and away for
		 * the others; half the numbers spelled as a Russian trunk presents them
		 * ({@code 8 495 ...}), half in E.164.
		 */
		static RoutePlan of(Random random, int size, List<String[]> numbers, List<String[]> withAvailableOwner,
				int availableManagers, int firstCall) {
			RoutePlan plan = new RoutePlan(size, firstCall);
			for (int i = 0; i < size; i++) {
				int kind = random.nextInt(100);
				String e164;
				if (kind < 15) {
					e164 = "+7495" + (3_000_000 + random.nextInt(1_000_000));
					plan.expected[i] = "UNKNOWN_CALLER";
				}
				else if (kind < 25) {
					e164 = withAvailableOwner.get(random.nextInt(withAvailableOwner.size()))[0];
					plan.previousReasons[i] = "OWNER";
					plan.expected[i] = "OWNER_NO_ANSWER";
				}
				else {
					String[] row = numbers.get(random.nextInt(numbers.size()));
					e164 = row[0];
					boolean available = Integer.parseInt(row[1].substring("bench-m".length())) <= availableManagers;
					plan.expected[i] = available ? "OWNER" : "OWNER_ABSENT";
				}
				plan.callers[i] = random.nextBoolean() ? e164 : "8" + e164.substring(2);
			}
			return plan;
		}

		CompletableFuture<?> send(int i, AgiCaller asterisk, ExecutorService channels) {
			return CompletableFuture.runAsync(() -> {
				Map<String, String> variables;
				try {
					variables = asterisk.route(firstCall + i, callers[i], previousReasons[i]);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
				String target = variables.get("RINGSIDE_TARGET");
				String reason = variables.getOrDefault("RINGSIDE_REASON", "none");
				if (previousReasons[i] != null && reason.equals(previousReasons[i])) {
					reason = "none";
				}
				reasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
				if (target == null || target.isBlank()) {
					missingTarget.increment();
				}
				if (!reason.equals(expected[i])) {
					wrongReason.increment();
				}
			}, channels);
		}

		/**
		 * The same conversation against another FastAGI server (the floor); fails only
		 * without an answer.
		 */
		CompletableFuture<?> sendTo(int i, AgiCaller asterisk, ExecutorService channels) {
			return CompletableFuture.runAsync(() -> {
				try {
					if (asterisk.route(firstCall + i, callers[i], previousReasons[i]).get("RINGSIDE_TARGET") == null) {
						throw new IllegalStateException("no RINGSIDE_TARGET");
					}
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}, channels);
		}

		String summary() {
			StringBuilder text = new StringBuilder();
			new java.util.TreeMap<>(reasons).forEach((reason,
					count) -> text.append(text.isEmpty() ? "" : ", ").append(reason).append(' ').append(count.sum()));
			return text + "; without RINGSIDE_TARGET " + missingTarget.sum() + "; reason other than expected "
					+ wrongReason.sum() + "; FALLBACK "
					+ (reasons.containsKey("FALLBACK") ? reasons.get("FALLBACK").sum() : 0);
		}

	}

	// ---------------------------------------------------------------- AMI throughput

	private void amiThroughput(long events, double target, int pacedSeconds, int concurrentCalls) throws Exception {
		long warm = Math.min(events, 100_000);
		AtomicLong nextCall = new AtomicLong();
		report.add("## AMI throughput (events into the call tracker)");
		report.add("");
		report.add(String.format(Locale.ROOT, "Inbound calls, %d in progress at once, their events interleaved "
				+ "(answered: 18 events, caller hangs up while ringing: 9; full Asterisk 20 channel snapshots with "
				+ "Timestamp), rendered beforehand and written on loopback by a minimal AMI server after a %,d-event warm-up "
				+ "on the same connection (Ringside's at a third of the target rate).", concurrentCalls, warm));
		report.add("");
		report.add("| run | events | events/s | buffer high-water | dropped | calls ended / started |");
		report.add("|---|---:|---:|---:|---:|---:|");
		try (AmiStream server = new AmiStream()) {
			AmiRun bare = asteriskJavaAlone(server, nextCall, warm, events, concurrentCalls);
			AmiRun flood;
			List<AmiRun> paced = new ArrayList<>();
			AnnotationConfigApplicationContext telephony = telephony(server.port());
			try {
				server.awaitClient(true);
				Pbx pbx = telephony.getBean(Pbx.class);
				MeterRegistry meters = telephony.getBean(MeterRegistry.class);
				// Warm up well below the target: cold code overflowing would leave calls
				// whose Hangup was lost.
				ringside(server, pbx, meters, nextCall, warm, target / 3, concurrentCalls);
				// Paced steps up from the target, each as long, until the buffer grows or
				// anything is lost.
				for (double step = target; step <= 2 * target; step += target / 7) {
					AmiRun run = ringside(server, pbx, meters, nextCall, (long) (step * pacedSeconds), step,
							concurrentCalls);
					paced.add(run);
					if (!run.kept(step)) {
						break;
					}
				}
				flood = ringside(server, pbx, meters, nextCall, events, 0, concurrentCalls);
			}
			finally {
				telephony.close();
				server.disconnect();
			}
			// Again after Ringside's runs: other work on a shared machine comes and goes,
			// so bracket it.
			AmiRun bareAfter = asteriskJavaAlone(server, nextCall, warm, events, concurrentCalls);
			report.add(bare.row("baseline: Asterisk-Java, no-op listener, as fast as it reads (before)"));
			report.add(bareAfter.row("baseline: Asterisk-Java, no-op listener, as fast as it reads (after)"));
			double baseline = (bare.perSecond() + bareAfter.perSecond()) / 2;
			for (AmiRun run : paced) {
				report.add(run.row(String.format(Locale.ROOT, "Ringside AmiConnection, paced at %,.0f/s", run.rate())));
			}
			report.add(flood.row("Ringside AmiConnection, as fast as it reads"));
			AmiRun best = paced.stream().filter(run -> run.kept(run.rate())).reduce((a, b) -> b).orElse(null);
			report.add(String.format(Locale.ROOT,
					"| ratio Ringside / mean baseline (%,.0f/s) | | %.2f× sustained, "
							+ "%.2f× as fast as it reads | | | |",
					baseline, best == null ? 0 : best.perSecond() / baseline, flood.perSecond() / baseline));
			report.add("");
			boolean met = best != null && best.perSecond() >= target * 0.99;
			report.add(String.format(Locale.ROOT, "Target >= %,.0f events/s without loss: **%s**%s. A paced rate "
					+ "counts as sustained when every call ended, nothing was dropped and the buffer's high-water mark "
					+ "stayed under 1,000 (it is sampled every millisecond; dropped is ringside.ami.events.dropped over "
					+ "the run; calls ended / started also catches events lost before that buffer, in Asterisk-Java's "
					+ "own queue).", target, met ? "met" : "missed",
					best == null ? "" : String.format(Locale.ROOT, " (highest sustained step %,.0f events/s)",
							best.perSecond())));
			report.add("");
		}
	}

	private AmiRun asteriskJavaAlone(AmiStream server, AtomicLong nextCall, long warm, long events, int concurrentCalls)
			throws Exception {
		ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", server.port(), "ringside", "ringside")
			.createManagerConnection();
		AtomicLong hangups = new AtomicLong();
		AtomicLong last = new AtomicLong();
		connection.addEventListener(event -> {
			if (event instanceof HangupEvent) {
				hangups.incrementAndGet();
			}
			last.set(System.nanoTime());
		});
		connection.login();
		server.awaitClient(false);
		try {
			AmiRun result = null;
			for (long size : new long[] { warm, events }) {
				CallEvents calls = new CallEvents((int) nextCall.getAndAdd(10_000_000), size, concurrentCalls);
				long before = hangups.get();
				List<byte[]> stream = AmiStream.render(calls);
				long start = server.stream(stream, 0);
				awaitUntil(() -> hangups.get() - before == 2L * calls.calls());
				result = new AmiRun(0, calls.produced(), (last.get() - start) / 1e9, 0, 0, calls.calls(),
						calls.calls());
			}
			return result;
		}
		finally {
			connection.logoff();
			server.disconnect();
		}
	}

	/**
	 * Ringside's AmiConnection as the application wires it, without the rest of the
	 * application.
	 */
	private static AnnotationConfigApplicationContext telephony(int port) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean(Clock.class, Clock::systemUTC);
		context.registerBean(MeterRegistry.class, SimpleMeterRegistry::new);
		context.registerBean(PbxSettings.class,
				() -> new PbxSettings(PbxSettings.Mode.ASTERISK,
						new PbxSettings.Ami("127.0.0.1", port, "ringside", "ringside", Duration.ofSeconds(1),
								Duration.ofSeconds(30), 10_000, Duration.ofSeconds(60)),
						new PbxSettings.Agi(0, "127.0.0.1", 16, Duration.ofSeconds(5), 1024, 64, List.of()),
						Duration.ofSeconds(20)));
		context.registerBean(AmiEndpoint.class, () -> new AmiEndpoint("127.0.0.1", port, "ringside", "ringside"));
		context.scan("io.ringside.telephony.ami");
		context.refresh();
		return context;
	}

	private AmiRun ringside(AmiStream server, Pbx pbx, MeterRegistry meters, AtomicLong nextCall, long events,
			double rate, int concurrentCalls) throws Exception {
		AtomicLong ended = new AtomicLong();
		AtomicLong last = new AtomicLong();
		Disposable subscription = pbx.events().subscribe(event -> {
			if (event instanceof CallEvent.CallEnded) {
				ended.incrementAndGet();
			}
			last.set(System.nanoTime());
		});
		double droppedBefore = meters.get("ringside.ami.events.dropped").counter().count();
		AtomicLong highWater = new AtomicLong();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				long now = (long) meters.get("ringside.ami.events.buffered").gauge().value();
				highWater.accumulateAndGet(now, Math::max);
				java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
			}
		}, "bench-buffer-sampler");
		sampler.setDaemon(true);
		sampler.start();
		try {
			CallEvents calls = new CallEvents((int) nextCall.getAndAdd(10_000_000), events, concurrentCalls);
			List<byte[]> stream = AmiStream.render(calls);
			long start = server.stream(stream, rate);
			// Lost events leave calls that never end: then wait only until the pipeline
			// has gone quiet.
			awaitUntil(() -> ended.get() == calls.calls() || System.nanoTime() - last.get() > 2_000_000_000L);
			double dropped = meters.get("ringside.ami.events.dropped").counter().count() - droppedBefore;
			if (ended.get() != calls.calls()) {
				notes.add(String.format(Locale.ROOT,
						"AMI run at %s: %,d of %,d calls ended, %,d events dropped by "
								+ "Ringside's buffer (the rest were lost in Asterisk-Java's own queue; see its log)",
						rate == 0 ? "full speed" : String.format(Locale.ROOT, "%,.0f/s", rate), ended.get(),
						calls.calls(), (long) dropped));
			}
			return new AmiRun(rate, calls.produced(), (last.get() - start) / 1e9, highWater.get(), (long) dropped,
					ended.get(), calls.calls());
		}
		finally {
			sampler.interrupt();
			subscription.dispose();
		}
	}

	/**
	 * Waits (bounded, polling every 5 ms) until the condition holds, then until it has
	 * held for 200 ms, so that stragglers of the measured run are not counted in the next
	 * one.
	 */
	private static void awaitUntil(BooleanSupplier condition) {
		Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
		Awaitility.await()
			.atMost(WAIT)
			.pollInterval(Duration.ofMillis(5))
			.during(Duration.ofMillis(200))
			.until(condition::getAsBoolean);
	}

	/** One AMI run. */
	private record AmiRun(double rate, long events, double seconds, long highWater, long dropped, long ended,
			long started) {

		double perSecond() {
			return events / seconds;
		}

		/**
		 * Kept up with the rate: all processed at (nearly) that rate, nothing lost, the
		 * buffer never filling.
		 */
		boolean kept(double rate) {
			return complete() && dropped == 0 && highWater < 1_000 && perSecond() >= rate * 0.98;
		}

		boolean complete() {
			return ended == started;
		}

		String row(String name) {
			return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,d | %,d | %,d / %,d |", name, events, perSecond(),
					highWater, dropped, ended, started);
		}

	}

	// ---------------------------------------------------------------- report

	private static String row(String name, OpenLoop.Latencies latencies) {
		return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %d |", name, latencies.percentile(50),
				latencies.percentile(90), latencies.percentile(99), latencies.maxMillis(), latencies.failures());
	}

	private void note(String line) {
		System.out.println("[bench] " + line);
		notes.add(line);
	}

	private void write() throws IOException {
		List<String> text = new ArrayList<>();
		text.add("# Ringside benchmark results");
		text.add("");
		text.addAll(report);
		text.add("## Run");
		text.add("");
		notes.forEach(line -> text.add("- " + line));
		String markdown = String.join(System.lineSeparator(), text) + System.lineSeparator();
		Path out = Path.of("target", "benchmark-results.md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, markdown);
		System.out.println();
		System.out.println(markdown);
		System.out.println("[bench] written to " + out.toAbsolutePath());
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	/** One round of warm-up requests; {@code round} counts from 0. */
	interface WarmUpRound {

		void run(int round) throws Exception;

	}

	/** How a warm-up went: the rounds run, and what it says of them. */
	record WarmedUp(int rounds, String description) {
	}

	/**
	 * Warms up until the JIT is done with the code under measure: in rounds of
	 * {@code perRound} requests, until a round costs the compiler less than
	 * {@code bench.warm-up.quiet-jit-ms} (60), at most {@code bench.warm-up.max-rounds}
	 * (30) rounds. 500 requests were not enough here: the C2 compiler threads took more
	 * CPU than Ringside during the whole first minute of measuring. Nor was 250 ms a
	 * round: with that the compiler threads still took about a third of the process's CPU
	 * in the measured minute (3.5 s in 50 s), and the CPU a route fell from 4.3–5.4 ms to
	 * 3.3 ms with 60 ms.
	 */
	static WarmedUp warmUntilQuiet(int perRound, WarmUpRound round) throws Exception {
		int maxRounds = Integer.parseInt(setting("bench.warm-up.max-rounds", "30"));
		long quietJit = Long.parseLong(setting("bench.warm-up.quiet-jit-ms", "60"));
		int rounds = 0;
		long compiled;
		do {
			long compiledBefore = compilationMillis();
			round.run(rounds);
			compiled = compilationMillis() - compiledBefore;
			rounds++;
		}
		while (compiled >= quietJit && rounds < maxRounds);
		return new WarmedUp(rounds,
				String.format(Locale.ROOT,
						"%d warm-up round%s of %d requests; JIT compilation in "
								+ "the last round %d ms (quiet below %d ms, at most %d rounds)",
						rounds, rounds == 1 ? "" : "s", perRound, compiled, quietJit, maxRounds));
	}

	/** Time the JIT compilers have spent so far, in milliseconds. */
	private static long compilationMillis() {
		java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
		return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
	}

	/** CPU time this process has used, all threads. */
	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static String setting(String name, String fallback) {
		return System.getProperty(name, fallback);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}

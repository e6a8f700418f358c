package io.ringside.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import reactor.core.publisher.Mono;

import io.ringside.push.Push;
import io.ringside.simulator.CallQueue;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.ScriptedPhones;
import io.ringside.simulator.SimulatedCall;
import io.ringside.simulator.SimulatorConfig;

/**
 * Part {@code calls} (issue #15): whole calls as a PBX makes them, at rising rates, with
 * {@code bench.calls.sessions} (1,000) STOMP sessions open. Ringside runs in a process of
 * its own ({@link RingsideProcess}, flags {@code bench.calls.jvm}), connected over AMI
 * and FastAGI to the PBX simulator in this JVM, which plays every call's events in the
 * shapes of the real captures: the inbound channel, the FastAGI {@code route} request,
 * the dial to the phone Ringside names, its answer after {@code bench.calls.ring} (500
 * ms), the talk ({@code bench.calls.talk}, 1 s), the hangup; one call in ten is a FreePBX
 * queue call over Local channels to three agents instead. So the tracker, the projection,
 * the recorder, the board and the pops' ANSWERED and ENDED updates all run while it
 * measures.
 * <p>
 * Each of managers 1-800 owns one client and has one session; their clients' calls go to
 * them in turn, so a pop goes to one session and no owner has two calls at once. Managers
 * 801-1,000 answer the queue calls. {@code bench.calls.supervisors} (5) supervisors watch
 * the live board. Measured per step ({@code bench.calls.rates}, 50, 100, 150, 200, 300
 * calls/s, for {@code bench.calls.seconds} (20 s) each, open loop): the pop, from when
 * the call was due to the first MESSAGE of its call at the owner's page; the CPU time of
 * Ringside's process per call, from the step's start until its last call is recorded; and
 * calls made against calls recorded. Warm-up: rounds of 2,000 calls at 150/s until the
 * JIT's compiler threads spend 0.1 ms a call or less in a round (at most
 * {@code bench.calls.warm-up-rounds}), then {@code bench.calls.rehearsals} (1) plays of
 * every step, unmeasured: each rate takes paths of its own (fuller batches, longer
 * queues), which the compiler would otherwise compile during the measure.
 */
final class WholeCalls {

	private static final Pattern CALL_ID = Pattern.compile("\"callId\":\"([^\"]+)\"");

	private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z]+)\"");

	private static final Pattern COMMAND_STAT = Pattern.compile("^cmdstat_([^:]+):calls=(\\d+)");

	private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final Duration POP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration WAIT = Duration.ofMinutes(3);

	private static final int AGENTS = 200;

	private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.calls.warm-up-rounds", 12);

	/** Plays of every step before the measured one. */
	private static final int REHEARSALS = Integer.getInteger("bench.calls.rehearsals", 1);

	/**
	 * Supervisors watching the live board ({@code /topic/dashboard}) during the steps.
	 */
	private static final int SUPERVISORS = Integer.getInteger("bench.calls.supervisors", 5);

	/** Messages the supervisors' pages received. */
	private final LongAdder boardMessages = new LongAdder();

	/**
	 * Calls a second in the warm-up rounds: the middle of the steps, so that their paths
	 * are compiled.
	 */
	private static final double WARM_UP_RATE = 150;

	/**
	 * The JIT has settled once its compiler threads spend no more than this a call in a
	 * round: a tenth of a millisecond, a thirtieth of the target.
	 */
	private static final double SETTLED_COMPILER_MILLIS = 0.1;

	private final Consumer<String> report;

	private final Consumer<String> note;

	/** The first pop of each call, by Linkedid, as it arrives. */
	private final Map<String, CompletableFuture<Long>> pops = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> states = new ConcurrentHashMap<>();

	private int next;

	private String redisUrl = "";

	private String keyPrefix = "";

	/** Ringside's CPU time per second with the sessions open and no calls, in ns. */
	private double idleCpuPerSecond;

	WholeCalls(Consumer<String> report, Consumer<String> note) {
		this.report = report;
		this.note = note;
	}

	void run(BenchDatabase db, String redis, String jvm, int sessions, List<Double> rates, int seconds, Duration ring,
			Duration talk) throws Exception {
		this.redisUrl = redis;
		String prefix = "ringside-calls-" + UUID.randomUUID().toString().substring(0, 8) + ":";
		this.keyPrefix = prefix;
		int agiPort = RingsideProcess.freePort();
		ScriptedPhones phones = new ScriptedPhones(PhoneBehaviour.answersAfter(ring));
		try (PbxSimulator simulator = new PbxSimulator(
				SimulatorConfig.defaults().withAmiPort(RingsideProcess.freePort()).withFastAgi("127.0.0.1", agiPort),
				Clock.systemUTC(), phones)) {
			simulator.start();
			Map<String, String> settings = Map.ofEntries(Map.entry("spring.r2dbc.url", db.r2dbcUrl()),
					Map.entry("spring.r2dbc.username", db.user()), Map.entry("spring.r2dbc.password", ""),
					Map.entry("spring.data.redis.url", redis), Map.entry("ringside.redis.key-prefix", prefix),
					Map.entry("ringside.pbx.mode", "asterisk"),
					Map.entry("ringside.pbx.ami.port", String.valueOf(simulator.amiPort())),
					Map.entry("ringside.pbx.agi.port", String.valueOf(agiPort)),
					Map.entry("ringside.presence.ttl", "PT30M"), Map.entry("ringside.push.idle-timeout", "PT30M"),
					Map.entry("spring.main.banner-mode", "off"));
			try (RingsideProcess ringside = RingsideProcess.start(jvm, settings, "bench-calls-ringside.log")) {
				Awaitility.await().atMost(WAIT).until(() -> simulator.connectedClients() > 0);
				SessionsCompany.seed(db, sessions, 10);
				note.accept(String.format(Locale.ROOT,
						"Calls: Ringside in its own process (pid %d, flags `%s`), %,d managers seeded", ringside.pid(),
						jvm, sessions));
				SessionsCompany.seedSupervisors(db, SUPERVISORS);
				try (StompSessions pages = new StompSessions(ringside.stomp());
						StompSessions board = new StompSessions(ringside.stomp())) {
					// The supervisors watch the live board, as in a contact center at
					// work: its
					// changes are written and sent while the calls are measured.
					board.open(SUPERVISORS, SUPERVISORS, 2, 8, i -> SessionsCompany.supervisor(i + 1),
							SessionsCompany.PASSWORD, List.of(Push.DASHBOARD),
							(login, body, received) -> boardMessages.increment(), Duration.ofMinutes(1));
					pages.open(sessions, sessions, 4, 64, i -> SessionsCompany.login(i + 1), SessionsCompany.PASSWORD,
							List.of("/user/queue/pops", "/user/queue/notifications"), this::message,
							Duration.ofMinutes(5));
					note.accept(String.format(Locale.ROOT, "Calls: %,d STOMP sessions open", pages.size()));
					warmUp(db, ringside, simulator, sessions, talk);
					// before the rehearsals, which absorb the plans made again
					boolean autovacuum = db.analyze();
					note.accept("Calls: tables analyzed after the warm-up (autovacuum is " + (autovacuum ? "on" : "off")
							+ " on this server)");
					rehearse(db, ringside, simulator, sessions, rates, seconds, talk);
					idleCpuPerSecond = idle(ringside);
					boolean profiled = Boolean.getBoolean("bench.calls.jfr");
					if (profiled) {
						ringside.jcmd("JFR.start", "name=calls",
								"settings=" + System.getProperty("bench.calls.jfr.settings", "profile"),
								"filename=target/bench-calls.jfr");
					}
					report
						.accept("## Whole calls (AMI and FastAGI from the PBX simulator, Ringside in its own process)");
					report.accept("");
					report.accept(String.format(Locale.ROOT, "%,d STOMP sessions open; each call rings %d ms and "
							+ "talks %.1f s; one in ten is a FreePBX queue call. Pop: from when the call was due to its "
							+ "first MESSAGE at the owner's page. CPU: Ringside's process, from the step's start until "
							+ "its last call is recorded, per call. JVM flags `%s`.", sessions, ring.toMillis(),
							talk.toMillis() / 1000.0, jvm));
					report.accept("");
					report.accept("| calls/s | calls made | recorded | pops | pop p50 ms | p90 ms | p99 ms | max ms "
							+ "| no pop in 10 s | CPU ms per call | over idle | of which JIT | load average after |");
					report.accept("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
					double knee = 0;
					for (double rate : rates) {
						Step step = step(db, ringside, simulator, sessions, rate, (int) Math.round(rate * seconds),
								talk);
						report.accept(step.row(rate));
						if (step.pops().percentile(99) <= 10.0 && step.pops().failures() == 0
								&& step.recorded() == step.made()) {
							knee = rate;
						}
					}
					if (profiled) {
						ringside.jcmd("JFR.stop", "name=calls");
						note.accept("Calls: profiled the steps with JFR into target/bench-calls.jfr");
					}
					report.accept("");
					report.accept(String.format(Locale.ROOT,
							"Knee (highest rate with pop p99 <= 10 ms, every pop and every call recorded): **%.0f "
									+ "calls/s** (target 200). Pop updates received by state: %s. Board messages received "
									+ "by the %d supervisors: %,d. Resident memory of Ringside after: %.0f MiB.",
							knee, new TreeMap<>(states), SUPERVISORS, boardMessages.sum(),
							ringside.residentBytes() / 1048576.0));
					report.accept("");
				}
			}
			finally {
				deleteKeys(redis, prefix);
			}
		}
	}

	private void warmUp(BenchDatabase db, RingsideProcess ringside, PbxSimulator simulator, int sessions, Duration talk)
			throws Exception {
		for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
			Step step = step(db, ringside, simulator, sessions, WARM_UP_RATE, 2000, talk);
			note.accept(String.format(Locale.ROOT,
					"Calls warm-up round %d: 2,000 calls at %.0f/s, %.2f ms CPU a call (the JIT compiler's %.2f), "
							+ "pop p99 %.2f ms",
					round, WARM_UP_RATE, step.cpuMillisPerCall(), step.compilerMillisPerCall(),
					step.pops().percentile(99)));
			if (step.compilerMillisPerCall() <= SETTLED_COMPILER_MILLIS) {
				return;
			}
		}
	}

	/**
	 * Plays every step, unmeasured, {@link #REHEARSALS} times, noting what the JIT's
	 * compiler still spends at each rate.
	 */
	private void rehearse(BenchDatabase db, RingsideProcess ringside, PbxSimulator simulator, int sessions,
			List<Double> rates, int seconds, Duration talk) throws Exception {
		for (int rehearsal = 1; rehearsal <= REHEARSALS; rehearsal++) {
			StringBuilder compiler = new StringBuilder();
			for (double rate : rates) {
				Step step = step(db, ringside, simulator, sessions, rate, (int) Math.round(rate * seconds), talk);
				compiler.append(String.format(Locale.ROOT, " %.0f/s %.2f ms (pop p99 %.1f ms);", rate,
						step.compilerMillisPerCall(), step.pops().percentile(99)));
			}
			note.accept(String.format(Locale.ROOT,
					"Calls rehearsal %d of the steps: the JIT compiler's CPU a call at%s", rehearsal, compiler));
		}
	}

	/**
	 * Plays {@code calls} calls at {@code rate}, waits until all are recorded, and
	 * measures.
	 */
	private Step step(BenchDatabase db, RingsideProcess ringside, PbxSimulator simulator, int sessions, double rate,
			int calls, Duration talk) throws Exception {
		Set<String> made = ConcurrentHashMap.newKeySet();
		List<Mono<?>> ends = Collections.synchronizedList(new ArrayList<>());
		int first = next;
		next += calls;
		note.accept(String.format(Locale.ROOT,
				"Calls at %.0f/s: machine speed before the step, a fixed work (SHA-256 of 16 MiB) in %.1f ms", rate,
				MachineCpu.referenceMillis()));
		note.accept(String.format(Locale.ROOT,
				"Calls at %.0f/s: the machine's wake-ups before the step, 1 ms sleeps for 2 s late by p50 / p99 / max %s ms",
				rate, MachineCpu.sleepLateness(Duration.ofSeconds(2))));
		note.accept(String.format(Locale.ROOT,
				"Calls at %.0f/s: the machine's cores withheld before the step, every core spinning for 2 s: %s", rate,
				MachineCpu.withheld(Duration.ofSeconds(2))));
		Map<String, Long> redisBefore = redisCommands();
		long transactionsBefore = db
			.number("select xact_commit from pg_stat_database where datname = current_database()");
		long cpuBefore = ringside.cpuNanos();
		Map<String, Long> threadsBefore = MachineCpu.byThread(ringside.pid());
		long self = ProcessHandle.current().pid();
		Map<String, Long> benchBefore = MachineCpu.byThread(self);
		Map<String, Long> machineBefore = MachineCpu.byCommand();
		long stepStarted = System.nanoTime();
		long stepStartedAt = System.currentTimeMillis();
		// One call in ten is a queue call, on a schedule of its own (no pop to time).
		int queueCalls = calls / 10;
		CompletableFuture<OpenLoop.Latencies> queued = CompletableFuture.supplyAsync(() -> {
			try {
				return OpenLoop.run(queueCalls, rate / 10, i -> {
					InboundCall call = InboundCall.from(SessionsCompany.number(1 + (first + i) % (sessions - AGENTS)))
						.talkingFor(talk);
					SimulatedCall placed = simulator.queueCall(call,
							CallQueue.ringAll("400", agents(first + i, sessions)));
					made.add(placed.linkedid());
					ends.add(placed.ended());
					return CompletableFuture.completedFuture(placed);
				});
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
		String[] ids = new String[calls - queueCalls];
		OpenLoop.Latencies latencies = OpenLoop.run(calls - queueCalls, rate - rate / 10, i -> {
			int owner = 1 + Math.floorMod(first + i, sessions - AGENTS);
			SimulatedCall placed = simulator
				.inboundCall(InboundCall.from(SessionsCompany.number(owner)).talkingFor(talk));
			made.add(placed.linkedid());
			ends.add(placed.ended());
			ids[i] = placed.linkedid();
			return pops.computeIfAbsent(placed.linkedid(), id -> new CompletableFuture<>())
				.orTimeout(POP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		});
		queued.join();
		Mono.when(ends).block(WAIT);
		long recorded = recorded(db, made);
		long cpuUsed = ringside.cpuNanos() - cpuBefore;
		Map<String, Long> threadsAfter = MachineCpu.byThread(ringside.pid());
		Map<String, Long> benchAfter = MachineCpu.byThread(self);
		Map<String, Long> machineAfter = MachineCpu.byCommand();
		double cpu = cpuUsed / 1e6 / calls;
		double busy = (cpuUsed - idleCpuPerSecond * (System.nanoTime() - stepStarted) / 1e9) / 1e6 / calls;
		long transactions = db.number("select xact_commit from pg_stat_database where datname = current_database()")
				- transactionsBefore;
		Map<String, Long> redisAfter = redisCommands();
		note.accept(String.format(Locale.ROOT,
				"Calls at %.0f/s: phones by state in Redis once the step's calls had ended %s", rate, phoneStates()));
		note.accept(String.format(Locale.ROOT,
				"Calls at %.0f/s: per call, PostgreSQL transactions %.1f; Redis commands (the whole server's)%s", rate,
				transactions / (double) calls, MachineCpu.grown(redisBefore, redisAfter, calls, 20)));
		note.accept(String.format(Locale.ROOT,
				"Calls at %.0f/s: the router's own time per decision " + "(route_decisions.took_us) p50/p99 %s us",
				rate,
				db.strings("select percentile_disc(0.5) within group (order by took_us) || '/' || "
						+ "percentile_disc(0.99) within group (order by took_us) from route_decisions where call_id in ('"
						+ String.join("','", made) + "')")));
		note.accept(String.format(Locale.ROOT, "Calls at %.0f/s: Ringside's CPU ms a call by thread%s", rate,
				MachineCpu.grown(threadsBefore, threadsAfter, calls * 1e6, 12)));
		// the simulated PBX runs every call on one thread: a busy one delays calls, and
		// that counts in the pops
		note.accept(String.format(Locale.ROOT, "Calls at %.0f/s: the benchmark's own CPU ms a call by thread%s", rate,
				MachineCpu.grown(benchBefore, benchAfter, calls * 1e6, 8)));
		note.accept(String.format(Locale.ROOT, "Calls at %.0f/s: the machine's CPU ms a call by process%s", rate,
				MachineCpu.grown(machineBefore, machineAfter, calls * 1e6, 6)));
		note.accept(String.format(Locale.ROOT, "Calls at %.0f/s: first route decisions by reason %s", rate, db
			.strings("select reason || ' ' || count(*) from route_decisions where attempt = 'FIRST' and call_id in ('"
					+ String.join("','", made) + "') group by reason")));
		slowest(db, latencies, ids, rate - rate / 10, stepStartedAt);
		split(db, latencies, ids, rate - rate / 10, stepStartedAt);
		made.forEach(pops::remove);
		long compiler = threadsAfter.entrySet()
			.stream()
			.filter(entry -> entry.getKey().contains("CompilerThre"))
			.mapToLong(entry -> entry.getValue() - threadsBefore.getOrDefault(entry.getKey(), 0L))
			.sum();
		return new Step(latencies, made.size(), recorded, cpu, busy, compiler / 1e6 / calls,
				SessionsCompany.loadAverage());
	}

	/**
	 * With {@code bench.slowest} > 0, notes the slowest pops with the wall-clock time
	 * each was due (to the millisecond, as a GC log's {@code time} decoration prints it),
	 * to lay beside the collectors' logs of both processes.
	 */
	private void slowest(BenchDatabase db, OpenLoop.Latencies latencies, String[] ids, double rate,
			long stepStartedAt) {
		int slowest = Integer.getInteger("bench.slowest", 0);
		if (slowest <= 0) {
			return;
		}
		StringBuilder slow = new StringBuilder(String.format(Locale.ROOT,
				"Calls at %.0f/s: slowest pops (due at: ms; sent late, request in at, routed at, ms after due)",
				rate / 0.9));
		for (int index : latencies.slowest(slowest)) {
			long due = dueAt(stepStartedAt, index, rate);
			// the router's time runs from the request's headers in to its decision
			String first = "from route_decisions where call_id = '" + ids[index] + "' and attempt = 'FIRST'";
			long routed = db
				.number("select coalesce(min((extract(epoch from decided_at) * 1000)::bigint), 0) " + first);
			long routing = db.number("select coalesce(min(took_us), 0) / 1000 " + first);
			slow.append(String.format(Locale.ROOT, " %s: %.1f (%.1f, %d, %d);", DUE.format(Instant.ofEpochMilli(due)),
					latencies.millis(index), latencies.sentLateMillis(index), routed == 0 ? -1 : routed - routing - due,
					routed == 0 ? -1 : routed - due));
		}
		note.accept(slow.toString());
	}

	/**
	 * Each pop split at the moment Ringside had its FastAGI request's headers in (the
	 * router's lookup start, {@code decided_at - took_us}): before it, the PBX simulator,
	 * the benchmark's own threads and the connection; after it, Ringside up to the page.
	 * Times to the millisecond, from the step's start by the wall clock.
	 */
	private void split(BenchDatabase db, OpenLoop.Latencies latencies, String[] ids, double rate, long stepStartedAt) {
		Map<String, Long> requestIn = new ConcurrentHashMap<>();
		for (String row : db.strings("select call_id || ' ' || ((extract(epoch from decided_at) * 1000000)::bigint "
				+ "- took_us) / 1000 from route_decisions where attempt = 'FIRST' and call_id in ('"
				+ String.join("','", ids) + "')")) {
			String[] parts = row.split(" ");
			requestIn.put(parts[0], Long.parseLong(parts[1]));
		}
		List<Long> before = new ArrayList<>();
		List<Long> after = new ArrayList<>();
		for (int i = 0; i < ids.length; i++) {
			Long in = requestIn.get(ids[i]);
			if (in != null) {
				long due = dueAt(stepStartedAt, i, rate);
				before.add(in - due);
				after.add(due + Math.round(latencies.millis(i)) - in);
			}
		}
		note.accept(String.format(Locale.ROOT,
				"Calls at %.0f/s: pops split where Ringside had the FastAGI request (%,d): before it p50/p90/p99 %s ms, "
						+ "after it %s ms",
				rate / 0.9, before.size(), percentiles(before), percentiles(after)));
	}

	/**
	 * When the open loop's call {@code index} was due, by the wall clock, to the
	 * millisecond: {@code perSecond} is the rate of the loop that placed it.
	 */
	private static long dueAt(long stepStartedAt, int index, double perSecond) {
		return stepStartedAt + OpenLoop.START_DELAY_MILLIS + Math.round(index * 1000 / perSecond);
	}

	private static String percentiles(List<Long> values) {
		if (values.isEmpty()) {
			return "-";
		}
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		StringBuilder out = new StringBuilder();
		for (double p : new double[] { 50, 90, 99 }) {
			int rank = (int) Math.ceil(p / 100 * sorted.size());
			out.append(out.length() == 0 ? "" : "/").append(sorted.get(Math.max(0, rank - 1)));
		}
		return out.toString();
	}

	/**
	 * Ringside's CPU time a second without calls, in nanoseconds: read every 5 s until
	 * two readings in a row agree within 10% or 4 ms (once what the last calls set off is
	 * done), at most for a minute, then the last reading.
	 */
	private double idle(RingsideProcess ringside) throws Exception {
		double[] last = { -1, -1 };
		long[] from = { ringside.cpuNanos(), System.nanoTime() };
		// the clock ticks of /proc make a 5 s reading good to 2 ms a second
		try {
			Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(5)).until(() -> {
				long cpu = ringside.cpuNanos();
				long now = System.nanoTime();
				double perSecond = (cpu - from[0]) / ((now - from[1]) / 1e9);
				from[0] = cpu;
				from[1] = now;
				last[1] = last[0];
				last[0] = perSecond;
				return last[1] >= 0 && Math.abs(last[0] - last[1]) <= Math.max(0.1 * last[1], 4e6);
			});
		}
		catch (ConditionTimeoutException unsettled) {
			note.accept("Calls: idle CPU did not settle within a minute; the last 5 s reading is taken");
		}
		note.accept(String.format(Locale.ROOT, "Calls: idle, with the sessions open, Ringside uses %.1f ms of CPU a "
				+ "second; the column \"over idle\" takes that off each step", last[0] / 1e6));
		return last[0];
	}

	/** Three agents for queue call {@code n}: managers 801-1,000, in turn. */
	private static List<String> agents(int n, int sessions) {
		List<String> agents = new ArrayList<>(3);
		for (int k = 0; k < 3; k++) {
			int agent = sessions - AGENTS + 1 + Math.floorMod(n * 3 + k, AGENTS);
			agents.add(SessionsCompany.extension(agent).substring("PJSIP/".length()));
		}
		return agents;
	}

	/**
	 * Waits until every call made is in {@code calls}, or none more was recorded for 30
	 * s; returns how many are.
	 */
	private static long recorded(BenchDatabase db, Set<String> made) {
		String ids = String.join("','", made);
		String count = "select count(*) from calls where id in ('" + ids + "')";
		long[] last = { -1 };
		long[] since = { System.nanoTime() };
		Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
			long now = db.number(count);
			if (now != last[0]) {
				last[0] = now;
				since[0] = System.nanoTime();
			}
			return now == made.size() || System.nanoTime() - since[0] > 30e9;
		});
		return db.number(count);
	}

	/** Called on a Netty event loop for every MESSAGE at a page. */
	private void message(String login, String body, long received) {
		Matcher state = STATE.matcher(body);
		states.computeIfAbsent(state.find() ? state.group(1) : "none", s -> new LongAdder()).increment();
		Matcher id = CALL_ID.matcher(body);
		if (id.find()) {
			pops.computeIfAbsent(id.group(1), call -> new CompletableFuture<>()).complete(received);
		}
	}

	/** Calls of each command the Redis server has run ({@code INFO commandstats}). */
	private Map<String, Long> redisCommands() {
		Map<String, Long> calls = new TreeMap<>();
		RedisClient client = RedisClient.create(redisUrl);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			for (String line : connection.sync().info("commandstats").split("\\r?\\n")) {
				Matcher stat = COMMAND_STAT.matcher(line);
				if (stat.find()) {
					calls.put(stat.group(1), Long.parseLong(stat.group(2)));
				}
			}
		}
		finally {
			client.shutdown();
		}
		return calls;
	}

	/** The phone states Ringside holds in Redis, counted by state. */
	private Map<String, Long> phoneStates() {
		Map<String, Long> states = new TreeMap<>();
		RedisClient client = RedisClient.create(redisUrl);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			ScanIterator<String> keys = ScanIterator.scan(connection.sync(),
					ScanArgs.Builder.matches(keyPrefix + "device:*").limit(1000));
			while (keys.hasNext()) {
				String state = connection.sync().get(keys.next());
				states.merge(String.valueOf(state), 1L, Long::sum);
			}
		}
		finally {
			client.shutdown();
		}
		return states;
	}

	private static void deleteKeys(String redis, String prefix) {
		RedisClient client = RedisClient.create(redis);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			ScanIterator<String> keys = ScanIterator.scan(connection.sync(),
					ScanArgs.Builder.matches(prefix + "*").limit(1000));
			while (keys.hasNext()) {
				connection.sync().del(keys.next());
			}
		}
		finally {
			client.shutdown();
		}
	}

	/** One step's figures. */
	private record Step(OpenLoop.Latencies pops, int made, long recorded, double cpuMillisPerCall,
			double cpuMillisPerCallOverIdle, double compilerMillisPerCall, String load) {

		String row(double rate) {
			return String.format(Locale.ROOT,
					"| %.0f | %,d | %,d | %,d | %.2f | %.2f | %.2f | %.2f | %d | %.2f | %.2f | %.2f | %s |", rate, made,
					recorded, pops.nanos().length - pops.failures(), pops.percentile(50), pops.percentile(90),
					pops.percentile(99), pops.maxMillis(), pops.failures(), cpuMillisPerCall, cpuMillisPerCallOverIdle,
					compilerMillisPerCall, load);
		}

	}

}

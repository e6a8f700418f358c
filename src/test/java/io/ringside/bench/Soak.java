package io.ringside.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;

import io.ringside.dashboard.Dashboard;
import io.ringside.presence.Availability;
import io.ringside.presence.Presence;
import io.ringside.simulator.CallQueue;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.ScriptedPhones;
import io.ringside.simulator.SimulatedCall;
import io.ringside.telephony.RecentMemory;

/**
 * The soak (issue #11): whole calls through the PBX simulator, over real AMI and FastAGI,
 * for a long time at a steady rate, then a count of what Ringside recorded. Each call is
 * one of: routed to an owner who answers; routed to an owner who never answers (to the
 * head of sales, then voicemail); a caller who hangs up while it rings; a FreePBX queue
 * over Local members answered by one of them; a FreePBX queue nobody answers, abandoned;
 * a routed call answered and then blind-transferred to another manager. Reported: calls
 * made and calls recorded (each made call's Linkedid in {@code calls}, and once in the
 * client's history), the calls still on the board and still followed by the tracker once
 * traffic has stopped, and the heap after full collections before and after (the first
 * measured after a {@link #WARM_UP} of the same traffic and a drain, so that both are
 * warm and idle).
 * <p>
 * {@code -Dbench.parts=soak -Dbench.soak.minutes=30 -Dbench.soak.rate=20}. Open loop:
 * calls start on schedule whatever the earlier ones do.
 */
final class Soak {

	private static final Duration WAIT = Duration.ofMinutes(3);

	/**
	 * Traffic before the first heap measure: longer than Ringside remembers ended calls
	 * ({@link RecentMemory#WINDOW}), so that the memory of recent calls is as full at the
	 * first measure as at the last.
	 */
	private static final Duration WARM_UP = RecentMemory.WINDOW.plusMinutes(1);

	private static final int ANSWERING = 150;

	private static final int NEVER_ANSWERING = 30;

	private final Consumer<String> report;

	private final Consumer<String> note;

	Soak(Consumer<String> report, Consumer<String> note) {
		this.report = report;
		this.note = note;
	}

	void run(BenchDatabase db, String redis, Duration length, double rate) throws Exception {
		String prefix = "ringside-soak-" + UUID.randomUUID().toString().substring(0, 8) + ":";
		ConfigurableApplicationContext app = Benchmark.startRingside(db, redis, prefix,
				Map.of("ringside.pbx.ring-timeout", "PT4S"));
		try {
			db.seed(2_000, 2);
			List<String[]> numbers = db.numbersAndOwners();
			PbxSimulator simulator = app.getBean(PbxSimulator.class);
			prepareTeam(app.getBean(Presence.class), simulator);
			MeterRegistry meters = app.getBean(MeterRegistry.class);
			Awaitility.await().atMost(WAIT).until(() -> simulator.connectedClients() > 0);

			Set<String> warmUp = ConcurrentHashMap.newKeySet();
			play("warm-up", simulator, numbers, (int) WARM_UP.toSeconds(), rate, warmUp);
			drain(db, warmUp);
			long heapBefore = IdleSessions.heapAfterGc();
			Map<String, Long> classesBefore = histogram();
			note.accept(String.format(Locale.ROOT, "Soak warm-up: %d calls, then heap %.1f MiB after GC", warmUp.size(),
					heapBefore / 1048576.0));

			Tally tally = soak(app, db, simulator, numbers, length, rate, warmUp);
			// measured once the soak's own record of the calls it made is gone: only
			// Ringside's (and the simulator's) heap
			long heapAfter = IdleSessions.heapAfterGc();
			noteGrowth(classesBefore, histogram());

			report.accept("| soak | calls made | recorded | recorded not made | in the history once (more than once) "
					+ "| on the board after | tracked after | heap before MiB | heap after MiB | change |");
			report.accept("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
			report.accept(String.format(Locale.ROOT,
					"| %.0f min at %.0f calls/s | %,d | %,d | %d | %,d (%d) | %d | %.0f " + "| %.1f | %.1f | %+.1f%% |",
					tally.playedSeconds() / 60, rate, tally.made(), tally.recorded(), tally.extra(), tally.once(),
					tally.moreThanOnce(), tally.live(), tally.tracked(), heapBefore / 1048576.0, heapAfter / 1048576.0,
					100.0 * (heapAfter - heapBefore) / heapBefore));
			report.accept("");
			report.accept("Outcomes recorded: " + tally.outcomes() + ". Reconciled (Hangup lost): "
					+ (long) meters.counter("ringside.calls.reconciled").count() + ".");
		}
		finally {
			app.close();
		}
	}

	/**
	 * Plays the soak itself and counts what Ringside made of it once traffic has stopped.
	 */
	private Tally soak(ConfigurableApplicationContext app, BenchDatabase db, PbxSimulator simulator,
			List<String[]> numbers, Duration length, double rate, Set<String> warmUp) throws InterruptedException {
		Set<String> made = ConcurrentHashMap.newKeySet();
		long started = System.nanoTime();
		play("soak", simulator, numbers, (int) length.toSeconds(), rate, made);
		double playedSeconds = (System.nanoTime() - started) / 1e9;
		long recorded = drain(db, made);
		Set<String> extra = db.strings("select id from calls");
		extra.removeAll(made);
		extra.removeAll(warmUp);
		List<String> history = db
			.strings("select call_id || '/' || count(*) from interactions "
					+ "where call_id is not null group by call_id")
			.stream()
			.filter(entry -> made.contains(entry.substring(0, entry.lastIndexOf('/'))))
			.toList();
		long once = history.stream().filter(entry -> entry.endsWith("/1")).count();
		long live = app.getBean(Dashboard.class).snapshot().block(WAIT).calls().size();
		double tracked = app.getBean(MeterRegistry.class).get("ringside.calls.tracked").gauge().value();
		return new Tally(playedSeconds, made.size(), recorded, extra.size(), once, history.size() - once, live, tracked,
				outcomes(db, made));
	}

	/** What the soak made and what Ringside recorded of it. */
	private record Tally(double playedSeconds, int made, long recorded, int extra, long once, long moreThanOnce,
			long live, double tracked, String outcomes) {
	}

	/**
	 * Managers 1-150 answer after two seconds, 151-180 never answer, the rest are away;
	 * the head of sales never answers either, so a call from an absent or unanswering
	 * owner's client rings out to voicemail: a missed call.
	 */
	private static void prepareTeam(Presence presence, PbxSimulator simulator) {
		ScriptedPhones phones = new ScriptedPhones(PhoneBehaviour.answersAfter(Duration.ofSeconds(2)));
		phones.set(BenchDatabase.HEAD_EXTENSION, PhoneBehaviour.neverAnswers());
		for (int m = 1; m <= BenchDatabase.MANAGERS; m++) {
			boolean away = m > ANSWERING + NEVER_ANSWERING;
			presence.set("bench-m" + m, away ? Availability.AWAY : Availability.AVAILABLE).block(WAIT);
			if (m > ANSWERING && !away) {
				phones.set("PJSIP/" + (1000 + m), PhoneBehaviour.neverAnswers());
			}
		}
		presence.set("bench-head", Availability.AVAILABLE).block(WAIT);
		simulator.phones(phones);
	}

	/**
	 * Starts {@code seconds × rate} calls on schedule and waits for every one to end on
	 * the PBX.
	 */
	private void play(String what, PbxSimulator simulator, List<String[]> numbers, int seconds, double rate,
			Set<String> made) throws InterruptedException {
		int calls = (int) Math.round(seconds * rate);
		List<Mono<?>> ends = Collections.synchronizedList(new ArrayList<>());
		OpenLoop.Latencies placed = OpenLoop.run(calls, rate, i -> {
			SimulatedCall call = place(simulator, numbers, i);
			made.add(call.linkedid());
			ends.add(call.ended());
			return CompletableFuture.completedFuture(call);
		});
		Mono.when(ends).block(WAIT);
		note.accept(String.format(Locale.ROOT, "Soak %s: %,d calls placed in %.0f s (%d failed to start)", what, calls,
				placed.took().toSeconds() * 1.0, placed.failures()));
	}

	private static SimulatedCall place(PbxSimulator simulator, List<String[]> numbers, int i) {
		String caller = numbers.get(Math.floorMod(i * 7919, numbers.size()))[0];
		Duration talk = Duration.ofSeconds(4 + i % 9);
		return switch (i % 10) {
			case 0, 1, 2, 3 -> simulator.inboundCall(InboundCall.from(caller).talkingFor(talk));
			case 4 -> simulator.inboundCall(InboundCall.from(caller).hangingUpAfter(Duration.ofMillis(1500)));
			case 5, 6 ->
				simulator.queueCall(InboundCall.from(caller).talkingFor(talk), CallQueue.ringAll("400", members(i, 1)));
			case 7 -> simulator.queueCall(InboundCall.from(caller).hangingUpAfter(Duration.ofSeconds(6)),
					CallQueue.ringAll("401", members(i, ANSWERING + 1)));
			default -> transferred(simulator, caller, talk, i);
		};
	}

	/** Three extensions from {@code first} on, rotating with the call's index. */
	private static List<String> members(int i, int first) {
		int span = first > ANSWERING ? NEVER_ANSWERING : ANSWERING;
		List<String> members = new ArrayList<>();
		for (int k = 0; k < 3; k++) {
			members.add(String.valueOf(1000 + first + Math.floorMod(i + k * 11, span)));
		}
		return members;
	}

	private static SimulatedCall transferred(PbxSimulator simulator, String caller, Duration talk, int i) {
		SimulatedCall call = simulator.inboundCall(InboundCall.from(caller).talkingFor(talk.plusSeconds(6)));
		String target = String.valueOf(1001 + Math.floorMod(i * 31, ANSWERING));
		call.answered()
			.delayElement(Duration.ofSeconds(2))
			.flatMap(answered -> call.blindTransfer(target))
			.subscribe(done -> {
			}, error -> {
			});
		return call;
	}

	/**
	 * Bytes per class on the heap after a full collection
	 * ({@code jcmd <this pid> GC.class_histogram}).
	 */
	private static Map<String, Long> histogram() throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder("jcmd", String.valueOf(ProcessHandle.current().pid()), "GC.class_histogram")
			.redirectErrorStream(true)
			.start();
		Map<String, Long> bytes = new HashMap<>();
		try (BufferedReader lines = jcmd.inputReader()) {
			lines.lines().map(String::trim).filter(line -> line.matches("\\d+:.*")).forEach(line -> {
				String[] columns = line.split("\\s+");
				if (columns.length >= 4) {
					bytes.merge(columns[3], Long.parseLong(columns[2]), Long::sum);
				}
			});
		}
		jcmd.waitFor();
		return bytes;
	}

	/** The classes whose instances grew most between the two histograms. */
	private void noteGrowth(Map<String, Long> before, Map<String, Long> after) {
		after.entrySet()
			.stream()
			.map(entry -> Map.entry(entry.getKey(), entry.getValue() - before.getOrDefault(entry.getKey(), 0L)))
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(12)
			.forEach(entry -> note.accept(String.format(Locale.ROOT, "Soak heap growth: %+,.1f KiB %s",
					entry.getValue() / 1024.0, entry.getKey())));
	}

	/**
	 * Waits until Ringside has recorded every one of these calls, or has recorded none
	 * more for 30 s (what is missing then is reported as missing); returns how many it
	 * recorded.
	 */
	private static long drain(BenchDatabase db, Set<String> calls) {
		long[] last = { -1 };
		long[] since = { System.nanoTime() };
		Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
			long now = recorded(db, calls);
			if (now != last[0]) {
				last[0] = now;
				since[0] = System.nanoTime();
			}
			return now == calls.size() || System.nanoTime() - since[0] > 30e9;
		});
		return recorded(db, calls);
	}

	private static long recorded(BenchDatabase db, Set<String> calls) {
		Set<String> ids = db.strings("select id from calls");
		ids.retainAll(calls);
		return ids.size();
	}

	private static String outcomes(BenchDatabase db, Set<String> calls) {
		List<String> rows = db
			.strings("select id || '/' || outcome || '/' || abandoned || '/' "
					+ "|| (jsonb_array_length(transfers) > 0) from calls")
			.stream()
			.filter(row -> calls.contains(row.substring(0, row.indexOf('/'))))
			.toList();
		return "answered " + rows.stream().filter(row -> row.contains("/ANSWERED/")).count() + ", missed "
				+ rows.stream().filter(row -> row.contains("/MISSED/false/")).count() + ", abandoned "
				+ rows.stream().filter(row -> row.contains("/true/")).count() + ", with a transfer "
				+ rows.stream().filter(row -> row.endsWith("/true")).count();
	}

}

package io.ringside.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.awaitility.Awaitility;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;

import io.ringside.clients.CallerDirectory;
import io.ringside.presence.Availability;
import io.ringside.presence.Presence;
import io.ringside.routing.Router;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.ScriptedPhones;
import io.ringside.simulator.SimulatedCall;
import io.ringside.support.TcpProxy;

/**
 * Recovery after a PostgreSQL outage (issue #15): the application reaches PostgreSQL
 * through a TCP proxy, which is cut; whole calls are placed through the PBX simulator
 * meanwhile (routed from the caller directory's memory, ended, and handed to the Redis
 * stream, where they wait); then the proxy is restored and the time until every call is
 * in {@code calls} gives the drain rate. Measured from the first call written after the
 * restore (the recorder's retry back-off before it is reported apart), to the last.
 */
final class Drain {

	private static final Duration WAIT = Duration.ofMinutes(5);

	private final Consumer<String> report;

	private final Consumer<String> note;

	Drain(Consumer<String> report, Consumer<String> note) {
		this.report = report;
		this.note = note;
	}

	void run(BenchDatabase db, String redis, int calls, double rate) throws Exception {
		String prefix = "ringside-drain-" + UUID.randomUUID().toString().substring(0, 8) + ":";
		URI direct = URI.create(db.jdbcUrl().substring("jdbc:".length()));
		try (TcpProxy proxy = TcpProxy.to(direct)) {
			String proxied = "r2dbc:postgresql://127.0.0.1:" + proxy.port() + direct.getPath();
			ConfigurableApplicationContext app = Benchmark.startRingside(db, redis, prefix,
					Map.of("spring.r2dbc.url", proxied, "ringside.pbx.ring-timeout", "PT4S"));
			try {
				db.seed(2_000, 2);
				List<String[]> numbers = db.numbersAndOwners();
				PbxSimulator simulator = app.getBean(PbxSimulator.class);
				everyoneAnswers(app.getBean(Presence.class), simulator);
				CallerDirectory directory = app.getBean(CallerDirectory.class);
				Awaitility.await()
					.atMost(WAIT)
					.until(() -> simulator.connectedClients() > 0 && directory.serving()
							&& db.number("select count(*) from phone_numbers") > 0);
				directory.caughtUp().block(WAIT);

				Map<String, LongAdder> targets = new ConcurrentSkipListMap<>();
				Disposable decisions = app.getBean(Router.class)
					.decisions()
					.subscribe(made -> targets
						.computeIfAbsent(made.decision().reason() + "/" + made.decision().hasTarget(),
								key -> new LongAdder())
						.increment());
				proxy.cut();
				List<Mono<?>> ends = Collections.synchronizedList(new ArrayList<>());
				List<String> made = Collections.synchronizedList(new ArrayList<>());
				OpenLoop.Latencies placed = OpenLoop.run(calls, rate, i -> {
					String caller = numbers.get(Math.floorMod(i * 7919, numbers.size()))[0];
					SimulatedCall call = simulator
						.inboundCall(InboundCall.from(caller).talkingFor(Duration.ofMillis(500 + i % 7 * 100)));
					made.add(call.linkedid());
					ends.add(call.ended());
					return CompletableFuture.completedFuture(call);
				});
				Mono.when(ends).block(WAIT);
				long whileDown = db.number("select count(*) from calls");
				note.accept(String.format(Locale.ROOT,
						"Drain: %,d calls placed at %.0f/s in %.1f s with PostgreSQL cut (%d failed to start, %d "
								+ "recorded meanwhile)",
						calls, rate, placed.took().toMillis() / 1000.0, placed.failures(), whileDown));

				long restored = System.nanoTime();
				proxy.restore();
				long[] first = { 0 };
				Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
					long written = db.number("select count(*) from calls");
					if (written > 0 && first[0] == 0) {
						first[0] = System.nanoTime();
					}
					return written >= made.size();
				});
				double drainSeconds = (System.nanoTime() - first[0]) / 1e9;
				long[] routesSeen = { -1, System.nanoTime() };
				Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
					long now = db.number("select count(*) from route_decisions");
					if (now != routesSeen[0]) {
						routesSeen[0] = now;
						routesSeen[1] = System.nanoTime();
					}
					return System.nanoTime() - routesSeen[1] > 3e9;
				});
				long routes = routesSeen[0];
				long withoutRoute = db.number("select count(*) from calls c where not exists "
						+ "(select 1 from route_decisions r where r.call_id = c.id)");
				note.accept("Drain: decisions made during the outage, by reason/with a target: " + targets);
				decisions.dispose();
				report.accept("| PostgreSQL back after an outage | calls waiting | written | route decisions written "
						+ "| calls without one (the dialplan's safety path) | first written after the restore s "
						+ "| drained in s | calls/s |");
				report.accept("|---|---:|---:|---:|---:|---:|---:|---:|");
				report.accept(String.format(Locale.ROOT,
						"| %,d calls placed at %.0f/s | %,d | %,d | %,d | %,d | %.2f | %.2f | %,.0f |", calls, rate,
						made.size(), db.number("select count(*) from calls"), routes, withoutRoute,
						(first[0] - restored) / 1e9, drainSeconds, made.size() / drainSeconds));
				report.accept("");
			}
			finally {
				app.close();
			}
		}
	}

	/** Everyone available, every phone answering at once: short calls, all recorded. */
	private static void everyoneAnswers(Presence presence, PbxSimulator simulator) {
		for (int m = 1; m <= BenchDatabase.MANAGERS; m++) {
			presence.set("bench-m" + m, Availability.AVAILABLE).block(WAIT);
		}
		presence.set("bench-head", Availability.AVAILABLE).block(WAIT);
		simulator.phones(new ScriptedPhones(PhoneBehaviour.answersAfter(Duration.ofMillis(200))));
	}

}

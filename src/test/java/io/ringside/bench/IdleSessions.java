package io.ringside.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import reactor.core.publisher.Flux;

import io.ringside.presence.Availability;
import io.ringside.presence.Presence;
import io.ringside.push.Push;

/**
 * Part {@code idle-sessions}: what {@code bench.idle.sessions} (10,000) open, idle STOMP
 * sessions cost the application. The application runs in this JVM; the sessions are
 * opened by {@link IdleClients} in a JVM of its own ({@code bench.idle.employees} (1,000)
 * people signed in with the form, their pages sharing each person's session cookie as a
 * browser's tabs do, each subscribed to its pops and notifications, no heart-beats), so
 * this JVM's heap and resident set are the server's. The heap is measured after two full
 * collections ({@code System.gc()}, which G1 honours with a full GC), before the sessions
 * open and once all are subscribed and presence has settled; the resident set is
 * {@code VmRSS} from {@code /proc/self/status}.
 */
final class IdleSessions {

	private static final long MIB = 1024 * 1024;

	private final Consumer<String> report;

	private final Consumer<String> note;

	IdleSessions(Consumer<String> report, Consumer<String> note) {
		this.report = report;
		this.note = note;
	}

	void run(BenchDatabase db, String redis, int sessions, int employees) throws Exception {
		try (SessionsCompany company = new SessionsCompany(db, redis)) {
			company.seed(employees, 0);
			// Warm the handshake path (security, STOMP, presence) so that its classes are
			// not counted as sessions.
			try (StompSessions warm = new StompSessions(company.stomp())) {
				warm.open(Math.min(100, sessions), Math.min(100, employees), 4, 50, i -> SessionsCompany.login(i + 1),
						SessionsCompany.PASSWORD, List.of("/user/queue/pops", "/user/queue/notifications"),
						(login, body, received) -> {
						}, java.time.Duration.ofMinutes(2));
			}
			// The sessions closed above go OFFLINE after their grace (15 s): the baseline
			// waits for that.
			untilOffline(company, Math.min(100, employees));
			long heapBefore = heapAfterGc();
			long rssBefore = rss();
			String load = SessionsCompany.loadAverage();

			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.add("-Xmx1g");
			command.add("-cp");
			command.add(System.getProperty("java.class.path"));
			command.add(IdleClients.class.getName());
			command.add(company.stomp().toString());
			command.add(Integer.toString(sessions));
			command.add(Integer.toString(employees));
			command.add(SessionsCompany.PASSWORD);
			Process clients = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			try {
				long opening = System.nanoTime();
				String answer = firstLine(clients, 600);
				double openSeconds = (System.nanoTime() - opening) / 1e9;
				if (!answer.equals("ready " + sessions)) {
					throw new IllegalStateException("Idle clients answered: " + answer);
				}
				// What opening sets off settles: every session counted, every employee
				// AVAILABLE.
				untilSettled(company, sessions, employees);
				long heapWith = heapAfterGc();
				long rssWith = rss();
				String loadAfter = SessionsCompany.loadAverage();
				// To look inside with jcmd (GC.class_histogram) while the sessions are
				// open:
				// -Dbench.idle.hold-until-deleted=<file> keeps them open until that file
				// is deleted (at most an hour).
				String hold = System.getProperty("bench.idle.hold-until-deleted", "");
				if (!hold.isBlank()) {
					Path marker = Files.writeString(Path.of(hold), "delete me to let the benchmark go on\n");
					System.out.println("[bench] holding " + sessions + " idle sessions open until " + marker
							+ " is deleted, pid " + ProcessHandle.current().pid());
					Awaitility.await()
						.atMost(Duration.ofHours(1))
						.pollInterval(Duration.ofSeconds(1))
						.until(() -> !Files.exists(marker));
				}
				note.accept(String.format(Locale.ROOT, "Idle sessions: %,d opened and subscribed in %.1f s", sessions,
						openSeconds));

				report.accept("## Idle sessions (heap and resident set of the application)");
				report.accept("");
				report.accept(String.format(Locale.ROOT, "%,d STOMP sessions of %,d employees (%,d pages each, on the "
						+ "session cookie of the sign-in form), each subscribed to `/user/queue/pops` and "
						+ "`/user/queue/notifications`, no heart-beats, opened by a separate JVM; heap used after a full GC, "
						+ "max heap %,d MiB.", sessions, employees, sessions / employees,
						Runtime.getRuntime().maxMemory() / MIB));
				report.accept("");
				report.accept("| measure | heap used after GC MiB | RSS MiB |");
				report.accept("|---|---:|---:|");
				report.accept(String.format(Locale.ROOT, "| application, no sessions | %.1f | %.1f |",
						heapBefore / (double) MIB, rssBefore / (double) MIB));
				report.accept(String.format(Locale.ROOT, "| application, %,d idle sessions | %.1f | %.1f |", sessions,
						heapWith / (double) MIB, rssWith / (double) MIB));
				report.accept(String.format(Locale.ROOT, "| difference | %.1f (%.1f KiB a session) | %.1f |",
						(heapWith - heapBefore) / (double) MIB, (heapWith - heapBefore) / 1024.0 / sessions,
						(rssWith - rssBefore) / (double) MIB));
				report.accept("");
				report
					.accept(String.format(Locale.ROOT, "Target %,d idle sessions within 128 MiB of heap (#15): **%s** "
							+ "(the whole application's heap after GC with them open: %.1f MiB). Bare limit on this machine: "
							+ "10,000 idle Reactor Netty WebSocket sessions cost 72 MiB of heap. Load average before/after: "
							+ "%s / %s.", sessions, heapWith <= 128 * MIB ? "met" : "missed", heapWith / (double) MIB,
							load, loadAfter));
				report.accept("");
			}
			finally {
				clients.getOutputStream().close();
				if (!clients.waitFor(30, TimeUnit.SECONDS)) {
					clients.destroy();
				}
			}
		}
	}

	/**
	 * The first answer the clients print, within the timeout; their output is drained
	 * until they exit.
	 */
	private static String firstLine(Process process, int seconds) throws Exception {
		CompletableFuture<String> answer = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String read;
				while ((read = lines.readLine()) != null) {
					if (read.startsWith("ready ") || read.startsWith("failed ")) {
						answer.complete(read);
					}
				}
				answer.complete("exited with no answer");
			}
			catch (IOException ex) {
				answer.complete("unreadable: " + ex);
			}
		}, "bench-idle-clients-output");
		reader.setDaemon(true);
		reader.start();
		return answer.get(seconds, TimeUnit.SECONDS);
	}

	/**
	 * Waits, with a deadline, until the first {@code count} employees read OFFLINE in
	 * presence.
	 */
	private static void untilOffline(SessionsCompany company, int count) {
		Presence presence = company.app().getBean(Presence.class);
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> Flux.range(1, count)
				.concatMap(i -> presence.availability(SessionsCompany.login(i)))
				.all(status -> status == Availability.OFFLINE)
				.block(Duration.ofSeconds(5)));
	}

	/**
	 * Waits, with a deadline, until every session is counted and every employee reads
	 * AVAILABLE.
	 */
	private static void untilSettled(SessionsCompany company, int sessions, int employees) {
		Presence presence = company.app().getBean(Presence.class);
		Push push = company.app().getBean(Push.class);
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> IntStream.rangeClosed(1, employees)
				.map(i -> push.openSessions(SessionsCompany.login(i)))
				.sum() == sessions
					&& Flux.range(1, employees)
						.concatMap(i -> presence.availability(SessionsCompany.login(i)))
						.all(status -> status == Availability.AVAILABLE)
						.block(Duration.ofSeconds(5)));
	}

	/**
	 * Heap used once full collections (G1 runs {@code System.gc()} as one) stop freeing
	 * more than 1 MiB.
	 */
	static long heapAfterGc() {
		long[] last = { Long.MAX_VALUE };
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
			System.gc();
			long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			boolean stable = last[0] - used < MIB;
			last[0] = used;
			return stable;
		});
		return last[0];
	}

	/** VmRSS of this process, in bytes. */
	private static long rss() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		return -1;
	}

}

package io.ringside.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU time from {@code /proc}: of one process, of its threads by name, and of every
 * process on this machine by name, so that a step can say what the JIT's compiler
 * threads, PostgreSQL, Redis and the benchmark's own JVM spent beside Ringside's code: on
 * a 2-core machine they share the cores a pop waits for. Also what the machine itself is
 * like before a step: how fast, how late it wakes a thread, how much of its cores it
 * withholds.
 */
final class MachineCpu {

	/** Linux's clock ticks per second, the unit of {@code stat}'s times. */
	private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

	private MachineCpu() {
	}

	/**
	 * How fast this machine is now: the milliseconds a fixed piece of work (SHA-256 over
	 * 16 MiB, on one thread) takes, the best of five. Two runs of the benchmark on the
	 * same code differed by a third in every process's CPU a call, PostgreSQL's and
	 * Redis's too: a VM's speed varies with its neighbours. Steps of runs whose
	 * references agree can be compared; lower is faster.
	 */
	static double referenceMillis() {
		byte[] data = new byte[1 << 20];
		new Random(15).nextBytes(data);
		double best = Double.MAX_VALUE;
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (int round = 0; round < 5; round++) {
				long started = System.nanoTime();
				for (int i = 0; i < 16; i++) {
					sha.update(data);
				}
				if (sha.digest().length != 32) {
					throw new IllegalStateException("SHA-256 gave a digest of another length");
				}
				best = Math.min(best, (System.nanoTime() - started) / 1e6);
			}
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		return best;
	}

	/**
	 * How promptly this machine schedules a thread that wakes up, with the machine as it
	 * is now (idle between steps): 1 ms sleeps for the given time, and how late each
	 * woke, as p50 / p99 / max in milliseconds. A VM whose host is busy wakes threads
	 * late whatever the program; a pop crosses six to eight wake-ups, so a step's tail
	 * cannot be shorter than this machine's.
	 */
	static String sleepLateness(Duration during) {
		List<Long> late = new ArrayList<>();
		long until = System.nanoTime() + during.toNanos();
		while (System.nanoTime() < until) {
			long asleep = System.nanoTime();
			LockSupport.parkNanos(1_000_000);
			late.add(System.nanoTime() - asleep - 1_000_000);
		}
		Collections.sort(late);
		return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", late.get(late.size() / 2) / 1e6,
				late.get(late.size() * 99 / 100) / 1e6, late.get(late.size() - 1) / 1e6);
	}

	/**
	 * How much of its cores this machine withholds once every core is busy: one thread
	 * per core spins for the given time, reading the clock, and every gap of more than
	 * 0.5 ms between two readings is time its core ran something else: between steps,
	 * Ringside's and the benchmark's idle work, the kernel's, or the host's. Gives the
	 * share of the spinners' time lost that way, the gaps of 1 ms or more a second a
	 * core, and the longest gap. With nothing else running this project's VM lost about
	 * 1% (gaps up to 6 ms); a step near the cores' capacity meets that loss on every hop
	 * of a pop. The spinners run in a JVM of their own that allocates nothing, so that
	 * this one's collections, which stop every thread of it, are not counted.
	 */
	static String withheld(Duration during) throws IOException, InterruptedException {
		Process spinning = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx16m",
				"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				MachineCpu.class.getName(), Long.toString(during.toMillis()))
			.redirectErrorStream(true)
			.start();
		String said = new String(spinning.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		if (spinning.waitFor() != 0) {
			throw new IllegalStateException("The spinning process failed: " + said);
		}
		return said;
	}

	/** {@link #withheld}'s own process: prints what it found, spinning for args[0] ms. */
	public static void main(String[] args) throws InterruptedException {
		System.out.println(spun(Duration.ofMillis(Long.parseLong(args[0]))));
	}

	private static String spun(Duration during) throws InterruptedException {
		int cores = Runtime.getRuntime().availableProcessors();
		long[] lost = new long[cores];
		long[] gaps = new long[cores];
		long[] longest = new long[cores];
		List<Thread> spinners = new ArrayList<>();
		long until = System.nanoTime() + during.toNanos();
		for (int core = 0; core < cores; core++) {
			int mine = core;
			Thread spinner = new Thread(() -> {
				long last = System.nanoTime();
				while (last < until) {
					long now = System.nanoTime();
					long gap = now - last;
					if (gap > 500_000) {
						lost[mine] += gap;
						longest[mine] = Math.max(longest[mine], gap);
						if (gap >= 1_000_000) {
							gaps[mine]++;
						}
					}
					last = now;
				}
			}, "spinner-" + core);
			spinner.start();
			spinners.add(spinner);
		}
		for (Thread spinner : spinners) {
			spinner.join();
		}
		double seconds = during.toNanos() / 1e9;
		long allLost = 0;
		long allGaps = 0;
		long max = 0;
		for (int core = 0; core < cores; core++) {
			allLost += lost[core];
			allGaps += gaps[core];
			max = Math.max(max, longest[core]);
		}
		return String.format(Locale.ROOT, "%.1f%% lost, %.0f gaps of 1 ms or more a second a core, longest %.1f ms",
				100.0 * allLost / (cores * during.toNanos()), allGaps / (cores * seconds), max / 1e6);
	}

	/** A process's or thread's CPU time, user and system, in nanoseconds. */
	static long cpuNanos(Path stat) throws IOException {
		return read(Files.readString(stat)).getValue();
	}

	/**
	 * The processes of the machine by command name, their CPU time in nanoseconds summed.
	 */
	static Map<String, Long> byCommand() throws IOException {
		return summed(Path.of("/proc"), "[0-9]*", false);
	}

	/**
	 * A process's live threads by name, numbers taken out (the compiler threads, the
	 * collector's, the event loops), their CPU time in nanoseconds summed.
	 */
	static Map<String, Long> byThread(long pid) throws IOException {
		return summed(Path.of("/proc", String.valueOf(pid), "task"), "*", true);
	}

	private static Map<String, Long> summed(Path folder, String glob, boolean withoutNumbers) throws IOException {
		Map<String, Long> byName = new TreeMap<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, glob)) {
			for (Path entry : entries) {
				String stat;
				try {
					stat = Files.readString(entry.resolve("stat"));
				}
				catch (IOException ended) {
					continue;
				}
				Map.Entry<String, Long> read = read(stat);
				String name = withoutNumbers ? read.getKey().replaceAll("[0-9]+", "N") : read.getKey();
				byName.merge(name, read.getValue(), Long::sum);
			}
		}
		return byName;
	}

	/** The name in parentheses (it may hold spaces) and the user plus system time. */
	private static Map.Entry<String, Long> read(String stat) {
		String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return Map.entry(name, ticks * NANOS_PER_TICK);
	}

	/**
	 * What each name grew by between two readings, divided by {@code per}, the largest
	 * first, as "; name 1.23" pairs.
	 */
	static String grown(Map<String, Long> before, Map<String, Long> after, double per, int limit) {
		StringBuilder line = new StringBuilder();
		after.entrySet()
			.stream()
			.map(entry -> Map.entry(entry.getKey(), entry.getValue() - before.getOrDefault(entry.getKey(), 0L)))
			.filter(entry -> entry.getValue() > 0)
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(limit)
			.forEach(entry -> line
				.append(String.format(Locale.ROOT, "; %s %.2f", entry.getKey(), entry.getValue() / per)));
		return line.toString();
	}

}

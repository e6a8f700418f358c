package io.ringside.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of every process on this machine by command name ({@code /proc/<pid>/stat}),
 * so that a step can say what PostgreSQL, Redis and the benchmark's own JVM spent beside
 * Ringside: on a 2-core machine they share the cores a pop waits for.
 */
final class MachineCpu {

	private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

	private MachineCpu() {
	}

	/**
	 * Nanoseconds of CPU, user and system, used so far by the live processes of each
	 * name.
	 */
	static Map<String, Long> byCommand() throws IOException {
		Map<String, Long> byName = new TreeMap<>();
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				String stat;
				try {
					stat = Files.readString(process.resolve("stat"));
				}
				catch (IOException ended) {
					continue;
				}
				String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
				byName.merge(name, ticks * NANOS_PER_TICK, Long::sum);
			}
		}
		return byName;
	}

	/**
	 * What each name used between two readings, per call, in milliseconds, the largest
	 * first, as "; name 1.23" pairs.
	 */
	static String perCall(Map<String, Long> before, Map<String, Long> after, int calls, int limit) {
		StringBuilder line = new StringBuilder();
		after.entrySet()
			.stream()
			.map(entry -> Map.entry(entry.getKey(), entry.getValue() - before.getOrDefault(entry.getKey(), 0L)))
			.filter(entry -> entry.getValue() > 0)
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(limit)
			.forEach(entry -> line.append(
					String.format(java.util.Locale.ROOT, "; %s %.2f", entry.getKey(), entry.getValue() / 1e6 / calls)));
		return line.toString();
	}

}

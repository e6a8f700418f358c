package io.ringside.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.ringside.RingsideApplication;

/**
 * Ringside in a JVM of its own, started from this benchmark's class path with its own JVM
 * flags and {@code --name=value} settings: what it costs is then its own process's CPU
 * time and memory, apart from the load the benchmark makes. Its output goes to a file in
 * {@code target/}.
 */
final class RingsideProcess implements AutoCloseable {

	private final Process process;

	private final int webPort;

	private RingsideProcess(Process process, int webPort) {
		this.process = process;
		this.webPort = webPort;
	}

	/**
	 * Starts it and returns once its web port answers.
	 * @param jvm JVM flags, space-separated
	 */
	static RingsideProcess start(String jvm, Map<String, String> settings, String log) throws IOException {
		int webPort = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		for (String flag : jvm.trim().split("\\s+")) {
			if (!flag.isEmpty()) {
				command.add(flag);
			}
		}
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(RingsideApplication.class.getName());
		command.add("--server.port=" + webPort);
		settings.forEach((name, value) -> command.add("--" + name + "=" + value));
		Files.createDirectories(Path.of("target"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File("target/" + log))
			.start();
		RingsideProcess ringside = new RingsideProcess(process, webPort);
		Awaitility.await()
			.atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> !process.isAlive() || listening(webPort));
		if (!process.isAlive()) {
			throw new IllegalStateException("Ringside did not start: see target/" + log);
		}
		return ringside;
	}

	URI stomp() {
		return URI.create("ws://127.0.0.1:" + webPort + "/ws");
	}

	long pid() {
		return process.pid();
	}

	/** CPU time the process has used so far, user and system, in nanoseconds. */
	long cpuNanos() throws IOException {
		return MachineCpu.cpuNanos(Path.of("/proc", String.valueOf(process.pid()), "stat"));
	}

	/** {@code VmRSS} from {@code /proc/<pid>/status}, in bytes. */
	long residentBytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		return -1;
	}

	/** Runs a diagnostic command in it ({@code jcmd <pid> ...}) and waits for it. */
	void jcmd(String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>();
		line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
		line.add(String.valueOf(process.pid()));
		line.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(line).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
			throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}

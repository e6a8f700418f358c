package io.ringside.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import static org.awaitility.Awaitility.await;

/**
 * A Redis server of one test's own, for tests that stall Redis ({@code CLIENT PAUSE})
 * without stalling the other engineers' and tests' shared server: {@code redis-server}
 * from the PATH on a free loopback port, no persistence, stopped on {@link #close()}.
 * Where there is no {@code redis-server}, the shared test Redis ({@link TestServices}) is
 * used instead, and a test keeps its pause short.
 */
public final class PrivateRedis implements AutoCloseable {

	private final Process process;

	private final String url;

	private PrivateRedis(Process process, String url) {
		this.process = process;
		this.url = url;
	}

	public static PrivateRedis start() {
		if (!onPath("redis-server")) {
			return new PrivateRedis(null, TestServices.redis());
		}
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = socket.getLocalPort();
			socket.close();
			Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> answers(port));
			return new PrivateRedis(process, "redis://127.0.0.1:" + port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start a Redis server for the test", ex);
		}
	}

	public String url() {
		return url;
	}

	/**
	 * {@code CLIENT PAUSE} for so long: every client's commands wait ({@code ALL}), or
	 * only their writes ({@code WRITE}).
	 */
	public void pause(Duration during, String mode) {
		RedisClient client = RedisClient.create(url);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			String answer = connection.sync()
				.dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
						new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(during.toMillis()).add(mode));
			if (!"OK".equals(answer)) {
				throw new IllegalStateException("CLIENT PAUSE answered " + answer);
			}
		}
		finally {
			client.shutdown();
		}
	}

	/**
	 * Returns once the server answers again: a {@code PING} waits out a pause as every
	 * other client's commands do.
	 */
	public void awaitAnswering() {
		RedisClient client = RedisClient.create(url);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().ping();
		}
		finally {
			client.shutdown();
		}
	}

	/**
	 * The settings of a Ringside instance on this server, its keys under this run's
	 * prefix and {@code name}, then {@code more} ({@code --name=value}).
	 */
	public String[] settings(String name, String... more) {
		List<String> settings = new ArrayList<>(List.of("--spring.data.redis.url=" + url,
				"--ringside.redis.key-prefix=" + TestServices.REDIS_KEY_PREFIX + name + ":"));
		settings.addAll(List.of(more));
		return settings.toArray(String[]::new);
	}

	/** Whether this is a server of the test's own (else the shared one). */
	public boolean own() {
		return process != null;
	}

	@Override
	public void close() {
		if (process != null) {
			process.destroy();
			await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
		}
	}

	private static boolean answers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean onPath(String program) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(directory, program))) {
				return true;
			}
		}
		return false;
	}

}

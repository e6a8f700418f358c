package io.ringside.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import redis.embedded.RedisServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one place where tests choose their services, once per test JVM:
 * <ol>
 * <li>Testcontainers, when a Docker engine answers (a laptop);</li>
 * <li>else the servers named by environment variables (CI on a machine that runs
 * PostgreSQL itself): {@code RINGSIDE_TEST_POSTGRES_URL} (a JDBC URL),
 * {@code RINGSIDE_TEST_POSTGRES_USER} and {@code RINGSIDE_TEST_REDIS_URL};</li>
 * <li>else embedded ones started here.</li>
 * </ol>
 * On a shared server the tests get a database of their own, created for this JVM and
 * dropped when it ends, so runs never see each other's rows.
 */
public final class TestServices {

	private static PostgresService postgres;

	private static String redisUrl;

	private static Path recordings;

	/**
	 * Keys of this test JVM start with this, so runs that share a Redis never see each
	 * other's keys.
	 */
	public static final String REDIS_KEY_PREFIX = "ringside-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private TestServices() {
	}

	/** Points Spring's R2DBC connection at the test PostgreSQL. */
	public static void registerPostgres(DynamicPropertyRegistry registry) {
		PostgresService service = postgres();
		registry.add("spring.r2dbc.url", service::r2dbcUrl);
		registry.add("spring.r2dbc.username", service::user);
		registry.add("spring.r2dbc.password", () -> service.password() == null ? "" : service.password());
	}

	/**
	 * Points Spring's Redis connection at the test Redis, with a key prefix of this JVM's
	 * own.
	 */
	public static void registerRedis(DynamicPropertyRegistry registry) {
		String url = redis();
		registry.add("spring.data.redis.url", () -> url);
		registry.add("ringside.redis.key-prefix", () -> REDIS_KEY_PREFIX);
	}

	/**
	 * The folder this test JVM's simulated PBX records calls into and Ringside plays them
	 * from ({@code ringside.recordings.directory}): a new temporary folder, deleted with
	 * the JVM's other temporary files by the OS.
	 */
	public static synchronized Path recordings() {
		if (recordings == null) {
			try {
				recordings = Files.createTempDirectory("ringside-recordings-");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return recordings;
	}

	public static synchronized String redis() {
		if (redisUrl == null) {
			redisUrl = startRedis();
		}
		return redisUrl;
	}

	private static String startRedis() {
		if (dockerAvailable()) {
			GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
			container.start();
			return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
		}
		String url = System.getenv("RINGSIDE_TEST_REDIS_URL");
		if (url != null && !url.isBlank()) {
			return url;
		}
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = socket.getLocalPort();
			socket.close();
			RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("save \"\"").build();
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.stop();
				}
				catch (IOException ex) {
					// the JVM is ending; nothing is left to clean up
				}
			}));
			return "redis://127.0.0.1:" + port;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start an embedded Redis for the tests", ex);
		}
	}

	public static synchronized PostgresService postgres() {
		if (postgres == null) {
			postgres = startPostgres();
		}
		return postgres;
	}

	private static PostgresService startPostgres() {
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			return new PostgresService(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
					"testcontainers");
		}
		String url = System.getenv("RINGSIDE_TEST_POSTGRES_URL");
		if (url != null && !url.isBlank()) {
			String user = System.getenv().getOrDefault("RINGSIDE_TEST_POSTGRES_USER", "postgres");
			return freshDatabaseOn(url, user);
		}
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded)));
			return new PostgresService(embedded.getJdbcUrl("postgres", "postgres"), "postgres", null, "embedded");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start an embedded PostgreSQL for the tests", ex);
		}
	}

	private static PostgresService freshDatabaseOn(String serverUrl, String user) {
		String database = "ringside_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(serverUrl, user, "create database " + database);
		Runtime.getRuntime()
			.addShutdownHook(new Thread(
					() -> execute(serverUrl, user, "drop database if exists " + database + " with (force)")));
		String base = serverUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/");
		return new PostgresService(base + database, user, null, "server " + serverUrl);
	}

	private static void execute(String url, String user, String sql) {
		try (Connection connection = DriverManager.getConnection(url, user, null);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Test PostgreSQL at " + url + " refused: " + sql, ex);
		}
	}

	private static boolean dockerAvailable() {
		boolean engineNamed = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
		if (!engineNamed) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void closeQuietly(EmbeddedPostgres embedded) {
		try {
			embedded.close();
		}
		catch (IOException ex) {
			// the JVM is ending; nothing is left to clean up
		}
	}

	/** A PostgreSQL database reserved for this test JVM. */
	public record PostgresService(String jdbcUrl, String user, String password, String origin) {

		public String r2dbcUrl() {
			return jdbcUrl.replaceFirst("^jdbc:", "r2dbc:").replaceFirst("\\?.*$", "");
		}

		/** The server's address: {@code postgresql://host:port/database}. */
		public URI server() {
			return URI.create(jdbcUrl.substring("jdbc:".length()));
		}

		/**
		 * The R2DBC URL of this database reached through a proxy on {@code port} of the
		 * loopback address.
		 */
		public String r2dbcUrlThrough(int port) {
			return "r2dbc:postgresql://127.0.0.1:" + port + server().getPath();
		}

	}

}

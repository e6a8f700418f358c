package io.ringside.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import io.ringside.RingsideApplication;

/**
 * The whole application on a database and Redis key prefix of its own, for the session
 * benchmarks (pops, idle sessions), and the company they need: employees who can sign in
 * ({@code pop-e1} ... with {@link #PASSWORD}), each with a phone and, if asked, one
 * client of their own with one number and some history. Closing it deletes the Redis keys
 * and stops the application; the database is the caller's {@link BenchDatabase}.
 */
final class SessionsCompany implements AutoCloseable {

	static final String PASSWORD = "bench-sessions";

	/**
	 * BCrypt at the encoder's own strength: a weaker hash, or {@code {noop}}, is encoded
	 * again (strength 10) at every sign-in by Spring Security's password upgrade.
	 */
	private static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);

	private final BenchDatabase db;

	private final String prefix = "ringside-bench-" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final ConfigurableApplicationContext app;

	SessionsCompany(BenchDatabase db, String redis) {
		this.db = db;
		// As command-line arguments: default properties would lose to application.yml
		// (server.port: ${PORT:8080}).
		Map<String, String> properties = Map.ofEntries(Map.entry("spring.r2dbc.url", db.r2dbcUrl()),
				Map.entry("spring.r2dbc.username", db.user()), Map.entry("spring.r2dbc.password", ""),
				Map.entry("spring.data.redis.url", redis), Map.entry("ringside.redis.key-prefix", prefix),
				Map.entry("server.port", "0"), Map.entry("ringside.pbx.mode", "simulator"),
				Map.entry("ringside.pbx.agi.port", "0"), Map.entry("ringside.presence.ttl", "PT30M"),
				// its pages send no heart-beats and sit idle through the measurement
				Map.entry("ringside.push.idle-timeout", "PT30M"), Map.entry("spring.main.banner-mode", "off"));
		this.app = new SpringApplicationBuilder(RingsideApplication.class).run(properties.entrySet()
			.stream()
			.map(property -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new));
	}

	static String login(int employee) {
		return "pop-e" + employee;
	}

	static String supervisor(int supervisor) {
		return "bench-sup" + supervisor;
	}

	/** Supervisors {@link #supervisor}(1..count), who sign in with {@link #PASSWORD}. */
	static void seedSupervisors(BenchDatabase db, int count) {
		execute(db, "insert into employees (login, full_name, role, password_hash) select 'bench-sup' || g, "
				+ "'Bench Supervisor ' || g, 'SUPERVISOR', '" + HASH + "' from generate_series(1, " + count + ") g");
	}

	static String extension(int employee) {
		return "PJSIP/" + (2000 + employee);
	}

	/**
	 * The number of employee's client: valid Moscow numbers from {@code +74952000001}.
	 */
	static String number(int employee) {
		return "+7495" + (2_000_000 + employee);
	}

	ConfigurableApplicationContext app() {
		return app;
	}

	URI stomp() {
		String port = app.getEnvironment().getProperty("local.server.port");
		return URI.create("ws://127.0.0.1:" + port + "/ws");
	}

	/**
	 * A head of sales (routing needs one) and {@code employees} managers; with
	 * {@code interactionsPerClient > 0} also one client per manager, owned by them, with
	 * {@link #number} and that many interactions.
	 */
	void seed(int employees, int interactionsPerClient) {
		seed(db, employees, interactionsPerClient);
	}

	/** As {@link #seed(int, int)}, on a database whose application runs elsewhere. */
	static void seed(BenchDatabase db, int employees, int interactionsPerClient) {
		execute(db, "insert into employees (login, full_name, role, extension, password_hash) values "
				+ "('bench-head', 'Bench Head of Sales', 'HEAD_OF_SALES', 'PJSIP/100', 'not-a-login')");
		execute(db,
				"insert into employees (login, full_name, role, extension, password_hash) "
						+ "select 'pop-e' || g, 'Bench Manager ' || g, 'MANAGER', 'PJSIP/' || (2000 + g), '" + HASH
						+ "' from generate_series(1, " + employees + ") g");
		if (interactionsPerClient > 0) {
			execute(db, "insert into clients (name, industry, vip, owner_id) "
					+ "select 'Bench client ' || g, (array['Metallurgy', 'Machine building', 'Energy', 'Retail'])[1 + g % 4], "
					+ "g % 40 = 0, e.id from generate_series(1, " + employees
					+ ") g join employees e on e.login = 'pop-e' || g");
			execute(db,
					"insert into phone_numbers (client_id, e164, label) "
							+ "select c.id, '+7495' || (2000000 + substring(e.login from 6)::int), 'main' "
							+ "from clients c join employees e on e.id = c.owner_id");
			execute(db, "insert into interactions (client_id, kind, employee_id, occurred_at, text) "
					+ "select c.id, (array['CALL_IN', 'CALL_OUT', 'CALL_MISSED', 'NOTE', 'DECISION'])[1 + (c.id + g) % 5], "
					+ "c.owner_id, now() - ((c.id * 7 + g * 1009) % 525600) * interval '1 minute', "
					+ "'Bench interaction ' || g || ' with client ' || c.id || ': discussed the quarterly delivery of "
					+ "pipes, prices and the next visit' from clients c cross join generate_series(1, "
					+ interactionsPerClient + ") g");
		}
		execute(db, "analyze");
	}

	private static void execute(BenchDatabase db, String sql) {
		try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), null);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL refused: " + sql, ex);
		}
	}

	static String loadAverage() {
		try {
			String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
				.trim()
				.split("\\s+");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (java.io.IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	String prefix() {
		return prefix;
	}

	@Override
	public void close() {
		try {
			ReactiveStringRedisTemplate template = app.getBean(ReactiveStringRedisTemplate.class);
			template.delete(template.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build()))
				.block(Duration.ofSeconds(60));
		}
		finally {
			app.close();
		}
	}

}

package io.ringside.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A PostgreSQL database of the benchmark's own on the machine's server, created fresh and
 * dropped at the end, so no other run or engineer sees it; and the company it is filled
 * with, made in a few set-based statements.
 */
final class BenchDatabase implements AutoCloseable {

	static final int MANAGERS = 200;

	static final String HEAD_EXTENSION = "PJSIP/100";

	private final String serverUrl;

	private final String user;

	private final String name = "ringside_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	BenchDatabase(String serverUrl, String user) {
		this.serverUrl = serverUrl;
		this.user = user;
		execute(serverUrl, "create database " + name);
	}

	String jdbcUrl() {
		return serverUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/") + name;
	}

	String r2dbcUrl() {
		return jdbcUrl().replaceFirst("^jdbc:", "r2dbc:");
	}

	String user() {
		return user;
	}

	String name() {
		return name;
	}

	/**
	 * After the application's migrations: a head of sales and {@value #MANAGERS} managers
	 * with phones, the clients owned by the managers in turn, one number each
	 * ({@code +74952000001} and up, valid Moscow numbers), and the interactions spread
	 * evenly over the clients, newest in the last year. Then ANALYZE, as autovacuum would
	 * do soon after such a load.
	 */
	void seed(int clients, int interactionsPerClient) {
		execute(jdbcUrl(), "insert into employees (login, full_name, role, extension, password_hash) values "
				+ "('bench-head', 'Bench Head of Sales', 'HEAD_OF_SALES', '" + HEAD_EXTENSION + "', 'not-a-login')");
		execute(jdbcUrl(), "insert into employees (login, full_name, role, extension, password_hash) "
				+ "select 'bench-m' || g, 'Bench Manager ' || g, 'MANAGER', 'PJSIP/' || (1000 + g), 'not-a-login' "
				+ "from generate_series(1, " + MANAGERS + ") g");
		execute(jdbcUrl(), "insert into clients (name, industry, vip, owner_id) "
				+ "select 'Bench client ' || g, (array['Metallurgy', 'Machine building', 'Energy', 'Retail'])[1 + g % 4], "
				+ "g % 40 = 0, e.id from generate_series(1, " + clients + ") g "
				+ "join employees e on e.login = 'bench-m' || (1 + g % " + MANAGERS + ")");
		execute(jdbcUrl(), "insert into phone_numbers (client_id, e164, label) "
				+ "select id, '+7495' || (2000000 + row_number() over (order by id)), 'main' from clients");
		execute(jdbcUrl(), "insert into interactions (client_id, kind, employee_id, occurred_at, text) "
				+ "select c.id, (array['CALL_IN', 'CALL_OUT', 'CALL_MISSED', 'NOTE', 'DECISION'])[1 + (c.id + g) % 5], "
				+ "c.owner_id, now() - ((c.id * 7 + g * 1009) % 525600) * interval '1 minute', "
				+ "'Bench interaction ' || g || ' with client ' || c.id "
				+ "from clients c cross join generate_series(1, " + interactionsPerClient + ") g");
		execute(jdbcUrl(), "analyze");
	}

	/**
	 * Updates the planner's statistics as autovacuum would, and says whether autovacuum
	 * runs on this server: where it does not, tables that grew from empty during the run
	 * keep the statistics of an empty table, and statements prepared since keep plans
	 * made for one (a sequential scan of {@code route_decisions}, 25 ms at 60,000 rows,
	 * every second) until the next {@code analyze}.
	 */
	boolean analyze() {
		execute(jdbcUrl(), "analyze");
		return strings("show autovacuum").contains("on");
	}

	long count(String table) {
		return number("select count(*) from " + table);
	}

	/** Every seeded number with its owner's login, in client order. */
	List<String[]> numbersAndOwners() {
		List<String[]> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), user, null);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select p.e164, e.login from phone_numbers p "
						+ "join clients c on c.id = p.client_id join employees e on e.id = c.owner_id order by c.id")) {
			while (result.next()) {
				rows.add(new String[] { result.getString(1), result.getString(2) });
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return rows;
	}

	long number(String sql) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), user, null);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	/** The first column of every row, as strings. */
	Set<String> strings(String sql) {
		Set<String> values = new HashSet<>();
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), user, null);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				values.add(result.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
		return values;
	}

	@Override
	public void close() {
		execute(serverUrl, "drop database if exists " + name + " with (force)");
	}

	private void execute(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url, user, null);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + url + " refused: " + sql, ex);
		}
	}

}

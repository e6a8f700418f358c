package io.ringside.calls;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ringside.support.TestServices;
import io.ringside.support.TestServices.PostgresService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fault tests read back: each call's rows, straight from the test PostgreSQL
 * over JDBC (never through the proxy a test cuts, nor through the application under
 * test). Called on the test thread only.
 */
final class History {

	private final PostgresService postgres = TestServices.postgres();

	/**
	 * How many rows each call has in {@code table}, for every call id given (0 when it
	 * has none).
	 */
	Map<String, Integer> rows(String table, List<String> callIds) {
		Map<String, Integer> counts = new HashMap<>();
		callIds.forEach(id -> counts.put(id, 0));
		String column = table.equals("calls") ? "id" : "call_id";
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(),
				postgres.password());
				PreparedStatement query = connection.prepareStatement("select " + column + ", count(*) from " + table
						+ " where " + column + " = any (?) group by " + column)) {
			query.setArray(1, connection.createArrayOf("varchar", callIds.toArray()));
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					counts.put(result.getString(1), result.getInt(2));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the history", ex);
		}
		return counts;
	}

	/**
	 * Every call once in {@code calls} and once in its client's history, and each with
	 * its route decisions.
	 */
	boolean everyCallOnce(List<String> callIds) {
		return rows("calls", callIds).values().stream().allMatch(n -> n == 1)
				&& rows("interactions", callIds).values().stream().allMatch(n -> n == 1)
				&& rows("route_decisions", callIds).values().stream().allMatch(n -> n >= 1);
	}

	void assertEveryCallOnce(List<String> callIds) {
		assertThat(rows("calls", callIds)).allSatisfy((id, n) -> assertThat(n).as("calls rows of " + id).isEqualTo(1));
		assertThat(rows("interactions", callIds))
			.allSatisfy((id, n) -> assertThat(n).as("history entries of " + id).isEqualTo(1));
		assertThat(rows("route_decisions", callIds))
			.allSatisfy((id, n) -> assertThat(n).as("route decisions of " + id).isPositive());
	}

	/** No call of these in {@code calls} yet. */
	boolean noneRecorded(List<String> callIds) {
		return rows("calls", callIds).values().stream().allMatch(n -> n == 0);
	}

}

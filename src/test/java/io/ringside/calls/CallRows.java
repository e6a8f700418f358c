package io.ringside.calls;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the call tests read back of a call through the application's database client: its
 * row once the recorder wrote it, its route decisions and its history entries. Called on
 * the test thread, where waiting is fine.
 */
final class CallRows {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final DatabaseClient db;

	CallRows(DatabaseClient db) {
		this.db = db;
	}

	/** The call's row in {@code calls}, once it is there. */
	Map<String, Object> recorded(String callId) {
		await().atMost(WAIT).until(() -> count("select count(*) as n from calls where id = '" + callId + "'") == 1);
		return db.sql("select * from calls where id = :id").bind("id", callId).fetch().one().block(WAIT);
	}

	/**
	 * Decisions are recorded once announced, which may be just after the call ended:
	 * waits for them.
	 */
	void assertReasons(String callId, String... expected) {
		await().atMost(WAIT).untilAsserted(() -> assertThat(reasons(callId)).containsExactly(expected));
	}

	private List<String> reasons(String callId) {
		return db.sql("select reason from route_decisions where call_id = :id order by decided_at, id")
			.bind("id", callId)
			.map(row -> row.get("reason", String.class))
			.all()
			.collectList()
			.block(WAIT);
	}

	/** The kinds of the call's entries in its client's history. */
	List<String> history(String callId) {
		return db.sql("select kind from interactions where call_id = :id")
			.bind("id", callId)
			.map(row -> row.get("kind", String.class))
			.all()
			.collectList()
			.block(WAIT);
	}

	/** The {@code n} that this query selects. */
	long count(String sql) {
		return db.sql(sql).map(row -> row.get("n", Long.class)).one().block(WAIT);
	}

}

package io.ringside.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;

/**
 * What the board reads from PostgreSQL, the store every instance shares: the team,
 * today's recorded inbound calls ({@code calls}, written once whichever instance recorded
 * them), the routing of calls in progress ({@code route_decisions}, written by the
 * instance that routed them) and the open callbacks ({@code callback_tasks}). The
 * definitions of abandoned, owner-answered and takeover here are the same as
 * {@link Board}'s.
 */
@Component
class RecordedCalls {

	private final DatabaseClient db;

	RecordedCalls(DatabaseClient db) {
		this.db = db;
	}

	/** Active managers and heads of sales, by name. */
	Flux<Member> team() {
		return db
			.sql("select login, full_name, role, extension from employees where active "
					+ "and role in ('MANAGER', 'HEAD_OF_SALES') order by full_name, id")
			.map(row -> new Member(row.get("login", String.class), row.get("full_name", String.class),
					row.get("role", String.class), row.get("extension", String.class)))
			.all();
	}

	/**
	 * Inbound calls that started at or after this instant and have ended, as the
	 * statement's snapshot sees them: all of them when {@code sinceXid} is null, else
	 * only those written by transactions with an id at or above it. With the snapshot's
	 * {@code xmin}: every transaction below it had ended when the read began, so a read
	 * since that id finds every call this one could not see.
	 */
	Mono<Read> inboundSince(Instant from, @Nullable Long sinceXid) {
		String calls = "select c.id, c.started_at, c.outcome = 'ANSWERED' as answered, c.wait_ms, c.abandoned, "
				+ "c.client_id is not null as from_client, "
				+ "(c.client_id is not null and c.answered_by is not null and c.answered_by = cl.owner_id) as by_owner, "
				+ "(c.client_id is not null and c.answered_by is not null and c.answered_by <> cl.owner_id "
				+ "and a.role = 'HEAD_OF_SALES') as takeover "
				+ "from calls c left join clients cl on cl.id = c.client_id left join employees a on a.id = c.answered_by "
				+ "where c.direction = 'INBOUND' and c.started_at >= :from"
				+ (sinceXid == null ? "" : " and c.recorded_xid >= cast(cast(:since as text) as xid8)");
		// one row even when no call matches, for the snapshot's xmin
		GenericExecuteSpec read = db
			.sql("select cast(cast(pg_snapshot_xmin(pg_current_snapshot()) as text) as bigint) as snapshot_xmin, r.* "
					+ "from (select 1) one left join lateral (" + calls + ") r on true")
			.bind("from", utc(from));
		if (sinceXid != null) {
			read = read.bind("since", sinceXid);
		}
		return read.map(row -> {
			long xmin = Objects.requireNonNull(row.get("snapshot_xmin", Long.class), "snapshot_xmin");
			String id = row.get("id", String.class);
			Outcome outcome = id == null ? null
					: new Outcome(id, instant(row, "started_at"), bool(row, "answered"),
							Duration.ofMillis(row.get("wait_ms", Long.class)), bool(row, "abandoned"),
							bool(row, "from_client"), bool(row, "by_owner"), bool(row, "takeover"));
			return new Row(xmin, outcome);
		}).all().collectList().map(rows -> {
			List<Outcome> outcomes = new ArrayList<>(rows.size());
			long xmin = 0;
			for (Row row : rows) {
				xmin = row.xmin();
				if (row.outcome() != null) {
					outcomes.add(row.outcome());
				}
			}
			return new Read(outcomes, xmin);
		});
	}

	/**
	 * A row of {@link #inboundSince}: the snapshot's xmin, and a call unless none
	 * matched.
	 */
	private record Row(long xmin, @Nullable Outcome outcome) {
	}

	/**
	 * The calls read and the xmin of the snapshot they were read in: a read since that id
	 * finds every call this one could not see.
	 */
	record Read(List<Outcome> outcomes, long snapshotXmin) {
	}

	/** The latest routing of each of these calls that has one. */
	Flux<Routing> routings(List<String> callIds) {
		if (callIds.isEmpty()) {
			return Flux.empty();
		}
		return db
			.sql("select distinct on (d.call_id) d.call_id, d.decided_at, d.caller_number, d.reason, d.target, "
					+ "e.login, e.full_name, d.client_id, cl.name as client_name, o.login as owner_login "
					+ "from route_decisions d left join employees e on e.id = d.employee_id "
					+ "left join clients cl on cl.id = d.client_id left join employees o on o.id = cl.owner_id "
					+ "where d.call_id = any(:ids) order by d.call_id, d.decided_at desc, d.id desc")
			.bind("ids", callIds.toArray(String[]::new))
			.map(row -> new Routing(row.get("call_id", String.class), instant(row, "decided_at"),
					row.get("caller_number", String.class), row.get("reason", String.class),
					row.get("target", String.class), row.get("login", String.class), row.get("full_name", String.class),
					row.get("client_id", Long.class), row.get("client_name", String.class),
					row.get("owner_login", String.class)))
			.all();
	}

	Mono<String> fullName(String login) {
		return db.sql("select full_name from employees where login = :login")
			.bind("login", login)
			.map(row -> row.get("full_name", String.class))
			.one();
	}

	/** The deadline of every callback not done yet. */
	Flux<OpenCallback> openCallbacks() {
		return db.sql("select due_at, coalesce(tier, 'DEFAULT') as tier from callback_tasks where done_at is null")
			.map(row -> new OpenCallback(instant(row, "due_at"), String.valueOf(row.get("tier", String.class))))
			.all();
	}

	private static boolean bool(Readable row, String column) {
		return Boolean.TRUE.equals(row.get(column, Boolean.class));
	}

	/** A timestamp of a column that is "not null" in the schema (all those read here). */
	private static Instant instant(Readable row, String column) {
		return Objects.requireNonNull(row.get(column, OffsetDateTime.class), column).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}

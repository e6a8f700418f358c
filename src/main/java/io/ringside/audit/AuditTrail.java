package io.ringside.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * The {@code audit_trail} table: one statement per change (however many subjects it has)
 * and one per batch of card openings. Writes join the caller's transaction when there is
 * one.
 */
@Component
class AuditTrail {

	static final String CARD_OPENED = "CARD_OPENED";

	private final DatabaseClient db;

	private final JsonMapper json;

	AuditTrail(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/**
	 * One row per subject, all with the same who, what, before and after (JSON text, or
	 * null).
	 */
	Mono<Void> append(String login, String action, List<Subject> subjects, @Nullable String before,
			@Nullable String after) {
		if (subjects.isEmpty()) {
			return Mono.empty();
		}
		return db
			.sql("insert into audit_trail (login, action, entity, entity_id, client_id, before, after) "
					+ "select :login, :action, s.entity, s.entity_id, s.client_id, cast(:before as jsonb), "
					+ "cast(:after as jsonb) from unnest(cast(:entities as varchar[]), cast(:ids as varchar[]), "
					+ "cast(:clients as bigint[])) as s(entity, entity_id, client_id)")
			.bind("login", login)
			.bind("action", action)
			.bind("before", Parameter.fromOrEmpty(before, String.class))
			.bind("after", Parameter.fromOrEmpty(after, String.class))
			.bind("entities", subjects.stream().map(Subject::entity).toArray(String[]::new))
			.bind("ids", subjects.stream().map(Subject::id).toArray(String[]::new))
			.bind("clients", subjects.stream().map(Subject::clientId).toArray(Long[]::new))
			.fetch()
			.rowsUpdated()
			.then();
	}

	/** The openings of one batch, each at the time it happened, in one statement. */
	Mono<Void> appendOpenings(List<CardOpening> openings) {
		if (openings.isEmpty()) {
			return Mono.empty();
		}
		return db
			.sql("insert into audit_trail (occurred_at, login, action, entity, entity_id, client_id) "
					+ "select cast(o.at as timestamptz), o.login, :action, 'client', cast(o.client_id as varchar), "
					+ "o.client_id from unnest(cast(:ats as varchar[]), cast(:logins as varchar[]), "
					+ "cast(:clients as bigint[])) as o(at, login, client_id)")
			.bind("action", CARD_OPENED)
			.bind("ats", openings.stream().map(opening -> opening.at().toString()).toArray(String[]::new))
			.bind("logins", openings.stream().map(CardOpening::login).toArray(String[]::new))
			.bind("clients", openings.stream().map(CardOpening::clientId).toArray(Long[]::new))
			.fetch()
			.rowsUpdated()
			.then();
	}

	Flux<AuditEntry> search(AuditQuery query) {
		StringBuilder sql = new StringBuilder("select id, occurred_at, login, action, entity, entity_id, client_id, "
				+ "before, after from audit_trail where true ");
		Map<String, Object> binds = new LinkedHashMap<>();
		if (query.clientId() != null) {
			sql.append("and client_id = :client ");
			binds.put("client", query.clientId());
		}
		if (query.login() != null && !query.login().isBlank()) {
			sql.append("and login = :login ");
			binds.put("login", query.login().trim());
		}
		if (query.from() != null) {
			sql.append("and occurred_at >= :from ");
			binds.put("from", query.from().atOffset(ZoneOffset.UTC));
		}
		if (query.to() != null) {
			sql.append("and occurred_at < :to ");
			binds.put("to", query.to().atOffset(ZoneOffset.UTC));
		}
		sql.append("order by occurred_at desc, id desc limit :limit offset :offset");
		GenericExecuteSpec spec = db.sql(sql.toString()).bind("limit", query.limit()).bind("offset", query.offset());
		for (Map.Entry<String, Object> bind : binds.entrySet()) {
			spec = spec.bind(bind.getKey(), bind.getValue());
		}
		return spec.map(this::read).all();
	}

	private AuditEntry read(Readable row) {
		// occurred_at is "not null default now()" in the schema: every row has one.
		OffsetDateTime at = Objects.requireNonNull(row.get("occurred_at", OffsetDateTime.class), "occurred_at");
		return new AuditEntry(row.get("id", Long.class), at.toInstant(), row.get("login", String.class),
				row.get("action", String.class), row.get("entity", String.class), row.get("entity_id", String.class),
				row.get("client_id", Long.class), tree(row.get("before", Json.class)),
				tree(row.get("after", Json.class)));
	}

	private @Nullable Object tree(@Nullable Json value) {
		return value == null ? null : json.readValue(value.asString(), Object.class);
	}

	/** A card opened by someone at some time, waiting to be written. */
	record CardOpening(Instant at, String login, long clientId) {
	}

}

package io.ringside.clients;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.ringside.web.InvalidRequestException;

/**
 * The append-only history of every client. The database refuses updates and deletes of
 * it.
 */
@Component
public class Interactions {

	public static final int MAX_TEXT = 4000;

	private static final String SELECT = "select i.id, i.client_id, i.kind, e.login, e.full_name, i.occurred_at, "
			+ "i.call_id, i.order_id, i.text from interactions i left join employees e on e.id = i.employee_id ";

	private final DatabaseClient db;

	Interactions(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Appends one entry; the time is the database's clock unless the entry says when it
	 * happened.
	 */
	public Mono<Interaction> append(NewInteraction entry) {
		if (entry.text() != null && entry.text().length() > MAX_TEXT) {
			return Mono.error(new InvalidRequestException("text", "at most " + MAX_TEXT + " characters"));
		}
		return db
			.sql("insert into interactions (client_id, kind, employee_id, occurred_at, call_id, order_id, text) "
					+ "values (:client, :kind, :employee, coalesce(:at, now()), :callId, :orderId, :text) returning id")
			.bind("client", entry.clientId())
			.bind("kind", entry.kind().name())
			.bind("employee", Parameter.fromOrEmpty(entry.employeeId(), Long.class))
			.bind("at",
					Parameter.fromOrEmpty(
							entry.occurredAt() == null ? null : entry.occurredAt().atOffset(ZoneOffset.UTC),
							OffsetDateTime.class))
			.bind("callId", Parameter.fromOrEmpty(entry.callId(), String.class))
			.bind("orderId", Parameter.fromOrEmpty(entry.orderId(), Long.class))
			.bind("text", entry.text() == null ? "" : entry.text())
			.map(row -> row.get("id", Long.class))
			.one()
			.flatMap(this::byId);
	}

	public Mono<Interaction> byId(long id) {
		return db.sql(SELECT + "where i.id = :id").bind("id", id).map(Interactions::read).one();
	}

	/**
	 * The newest entries first: at most {@code limit} of them, after skipping
	 * {@code offset}.
	 */
	public Flux<Interaction> history(long clientId, int offset, int limit) {
		return db
			.sql(SELECT
					+ "where i.client_id = :client order by i.occurred_at desc, i.id desc limit :limit offset :offset")
			.bind("client", clientId)
			.bind("offset", offset)
			.bind("limit", limit)
			.map(Interactions::read)
			.all();
	}

	static Interaction read(Readable row) {
		OffsetDateTime at = row.get("occurred_at", OffsetDateTime.class);
		return new Interaction(row.get("id", Long.class), row.get("client_id", Long.class),
				InteractionKind.valueOf(row.get("kind", String.class)), row.get("login", String.class),
				// occurred_at is not null in the schema
				row.get("full_name", String.class), at.toInstant(), row.get("call_id", String.class),
				row.get("order_id", Long.class), row.get("text", String.class));
	}

	/** An entry to append; {@code occurredAt} null means now. */
	public record NewInteraction(long clientId, InteractionKind kind, @Nullable Long employeeId,
			@Nullable Instant occurredAt, @Nullable String callId, @Nullable Long orderId, @Nullable String text) {

		public static NewInteraction of(long clientId, InteractionKind kind, @Nullable Long employeeId, String text) {
			return new NewInteraction(clientId, kind, employeeId, null, null, null, text);
		}

	}

}

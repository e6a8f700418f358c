package io.ringside.calls;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.ringside.clients.Cards;
import io.ringside.clients.Cards.Alongside;
import io.ringside.team.Employee;
import io.ringside.team.Role;
import io.ringside.web.ConflictException;
import io.ringside.web.ForbiddenException;
import io.ringside.web.NotFoundException;

/**
 * Callbacks owed for missed calls. A task is the owner's until its deadline, then the
 * head of sales'. It is done when someone marks it so, or when an answered call to the
 * client is made.
 */
@Component
public class Callbacks {

	/**
	 * A task {@code t} with its client {@code c}, owner {@code o} and assignee {@code a}.
	 */
	private static final String JOINS = "join clients c on c.id = t.client_id join employees o on o.id = t.owner_id "
			+ "join employees a on a.id = t.assigned_to ";

	private static final String SELECT = "select t.id, t.client_id, c.name as client_name, t.call_id, t.caller_number, "
			+ "o.login as owner_login, a.login as assigned_login, t.created_at, t.due_at, t.escalated_at, t.done_at, "
			+ "d.login as done_login from callback_tasks t " + JOINS + "left join employees d on d.id = t.done_by ";

	private static final TypeReference<List<OpenRow>> OPEN_ROWS = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final Clock clock;

	/** Made once: resolving the type at every read cost more than the read. */
	private final ObjectReader openRows;

	Callbacks(DatabaseClient db, Clock clock, JsonMapper json) {
		this.db = db;
		this.clock = clock;
		this.openRows = json.readerFor(OPEN_ROWS);
	}

	/** Open callbacks assigned to this employee, the most urgent first. */
	public Flux<Callback> openFor(Employee employee) {
		return db.sql(SELECT + "where t.assigned_to = :employee and t.done_at is null order by t.due_at, t.id")
			.bind("employee", employee.id())
			.map(this::read)
			.all();
	}

	/** Every open callback of the team, the most urgent first. */
	public Flux<Callback> allOpen() {
		return db.sql(SELECT + "where t.done_at is null order by t.due_at, t.id").map(this::read).all();
	}

	/** Open callbacks for one client. */
	public Flux<Callback> openForClient(long clientId) {
		return db.sql(SELECT + "where t.client_id = :client and t.done_at is null order by t.due_at, t.id")
			.bind("client", clientId)
			.map(this::read)
			.all();
	}

	/**
	 * The open callbacks of the client whose card is read
	 * ({@link Cards#of(long, Alongside)}), at most this many, the most urgent first: as
	 * {@link #openForClient}, in the card's own statement (the function
	 * {@code open_callbacks} of migration V17).
	 */
	public Alongside<List<Callback>> besideTheCard(int atMost) {
		return new Alongside<>("select open from open_callbacks(client.id, " + atMost + ")", this::readOpen);
	}

	private List<Callback> readOpen(@Nullable String open) {
		if (open == null) {
			return List.of();
		}
		Instant now = clock.instant();
		List<Callback> read = new ArrayList<>();
		List<OpenRow> rows = openRows.readValue(open);
		for (OpenRow row : rows) {
			read.add(Callback.of(row.id(), row.clientId(), row.clientName(), row.callId(), row.callerNumber(),
					row.ownerLogin(), row.assignedTo(), row.createdAt(), row.dueAt(), row.escalatedAt(), null, null,
					now));
		}
		return read;
	}

	/**
	 * Marks a callback done; only the one it is assigned to, its owner, the head of sales
	 * or the admin may.
	 */
	public Mono<Callback> done(long id, Employee actor) {
		return byId(id).flatMap(task -> {
			boolean allowed = actor.role() == Role.HEAD_OF_SALES || actor.role() == Role.ADMIN
					|| actor.login().equals(task.assignedTo()) || actor.login().equals(task.ownerLogin());
			if (!allowed) {
				return Mono.error(new ForbiddenException("This callback is " + task.assignedTo() + "'s"));
			}
			if (task.doneAt() != null) {
				return Mono.error(new ConflictException("Callback already done",
						"Callback " + id + " was done by " + task.doneBy(), Map.of("doneBy", task.doneBy())));
			}
			return db
				.sql("update callback_tasks set done_at = :now, done_by = :actor where id = :id and done_at is null")
				.bind("now", OffsetDateTime.now(clock))
				.bind("actor", actor.id())
				.bind("id", id)
				.fetch()
				.rowsUpdated()
				.then(byId(id));
		});
	}

	/**
	 * Hands every overdue, unescalated callback to the active head of sales; returns how
	 * many moved.
	 */
	public Mono<Long> escalateOverdue() {
		return db.sql("update callback_tasks t set assigned_to = h.id, escalated_at = :now from "
				+ "(select id from employees where role = 'HEAD_OF_SALES' and active order by extension is null, id limit 1) h "
				+ "where t.done_at is null and t.escalated_at is null and t.due_at < :now")
			.bind("now", OffsetDateTime.now(clock))
			.fetch()
			.rowsUpdated();
	}

	public Mono<Callback> byId(long id) {
		return db.sql(SELECT + "where t.id = :id")
			.bind("id", id)
			.map(this::read)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Callback", id)));
	}

	private Callback read(Readable row) {
		// created_at and due_at are "not null" in the schema.
		Instant created = Objects.requireNonNull(instant(row, "created_at"), "created_at");
		Instant due = Objects.requireNonNull(instant(row, "due_at"), "due_at");
		return Callback.of(row.get("id", Long.class), row.get("client_id", Long.class),
				row.get("client_name", String.class), row.get("call_id", String.class),
				row.get("caller_number", String.class), row.get("owner_login", String.class),
				row.get("assigned_login", String.class), created, due, instant(row, "escalated_at"),
				instant(row, "done_at"), row.get("done_login", String.class), clock.instant());
	}

	private static @Nullable Instant instant(Readable row, String column) {
		OffsetDateTime value = row.get(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** An open callback as {@link #besideTheCard} reads it. */
	private record OpenRow(long id, long clientId, String clientName, String callId, @Nullable String callerNumber,
			String ownerLogin, String assignedTo, Instant createdAt, Instant dueAt, @Nullable Instant escalatedAt) {
	}

}

package io.ringside.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The calls the head of sales took over from clients' owners today: what the board's
 * {@code takeovers} figure counts, one by one, for the head of sales' view. A takeover is
 * an ended inbound call from a known client answered by a head of sales who is not the
 * client's owner (the definition {@link Board} and {@link RecordedCalls} use), with the
 * reason Ringside routed it so ({@code OWNER_ABSENT}, {@code OWNER_NO_ANSWER}, ...) from
 * {@code route_decisions}.
 * <p>
 * Threads: returns publishers that run on the R2DBC driver's threads; never blocks.
 */
@Component
public class Takeovers {

	private final DatabaseClient db;

	private final DashboardSettings settings;

	private final Clock clock;

	Takeovers(DatabaseClient db, DashboardSettings settings, Clock clock) {
		this.db = db;
		this.settings = settings;
		this.clock = clock;
	}

	/** Today's takeovers (today in {@code ringside.dashboard.zone}), the newest first. */
	public Flux<Takeover> today() {
		LocalDate day = clock.instant().atZone(settings.zone()).toLocalDate();
		Instant from = day.atStartOfDay(settings.zone()).toInstant();
		Instant to = day.plusDays(1).atStartOfDay(settings.zone()).toInstant();
		return db
			.sql("select c.id, c.caller_number, c.started_at, c.answered_at, c.ended_at, c.wait_ms, c.talk_ms, "
					+ "cl.id as client_id, cl.name as client_name, o.login as owner_login, o.full_name as owner_name, "
					+ "a.login as answered_login, a.full_name as answered_name, "
					+ "(select d.reason from route_decisions d where d.call_id = c.id "
					+ "order by d.decided_at desc, d.id desc limit 1) as reason "
					+ "from calls c join clients cl on cl.id = c.client_id join employees o on o.id = cl.owner_id "
					+ "join employees a on a.id = c.answered_by "
					+ "where c.direction = 'INBOUND' and c.started_at >= :from and c.started_at < :to "
					+ "and c.answered_by <> cl.owner_id and a.role = 'HEAD_OF_SALES' "
					+ "order by c.started_at desc, c.id")
			.bind("from", from.atOffset(ZoneOffset.UTC))
			.bind("to", to.atOffset(ZoneOffset.UTC))
			.map(row -> new Takeover(row.get("id", String.class), row.get("caller_number", String.class),
					new DashboardSnapshot.ClientOnBoard(row.get("client_id", Long.class),
							row.get("client_name", String.class), row.get("owner_login", String.class)),
					row.get("owner_name", String.class), row.get("reason", String.class),
					row.get("answered_login", String.class), row.get("answered_name", String.class),
					// started_at and ended_at are "not null" in the schema.
					Objects.requireNonNull(instant(row, "started_at"), "started_at"), instant(row, "answered_at"),
					Objects.requireNonNull(instant(row, "ended_at"), "ended_at"),
					row.get("wait_ms", Long.class) / 1000.0, row.get("talk_ms", Long.class) / 1000.0))
			.all();
	}

	private static @Nullable Instant instant(Readable row, String column) {
		OffsetDateTime value = row.get(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	/**
	 * One call taken over.
	 *
	 * @param client the calling client and its owner's login (the owner now)
	 * @param ownerName the owner's full name
	 * @param reason why Ringside sent the call to the head of sales
	 * ({@code OWNER_ABSENT}, {@code OWNER_NO_ANSWER}, {@code FALLBACK}, ...); null when
	 * the call has no recorded routing
	 * @param answeredBy the login of the head of sales who answered
	 * @param waitSeconds from the start to the answer
	 * @param talkSeconds from the answer to the end
	 */
	public record Takeover(String callId, @Nullable String callerNumber, DashboardSnapshot.ClientOnBoard client,
			String ownerName, @Nullable String reason, String answeredBy, String answeredByName, Instant startedAt,
			@Nullable Instant answeredAt, Instant endedAt, double waitSeconds, double talkSeconds) {
	}

}

package io.ringside.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;

import io.ringside.clients.Clients;
import io.ringside.clients.Figures;
import io.ringside.clients.Figures.ClientFigures;
import io.ringside.clients.Owner;
import io.ringside.team.Employees;
import io.ringside.web.InvalidRequestException;

/**
 * Reports over the clients that are not archived, with the same figures as the client
 * card. Each may be limited to the clients of one owner, given by login; an unknown login
 * is an {@link InvalidRequestException}. Shares are percentages with one decimal, rounded
 * half up, so they may add up to a little more or less than 100.
 */
@Component
public class Reports {

	public static final int MAX_LIMIT = 500;

	private static final String FROM = "from clients c join employees e on e.id = c.owner_id "
			+ "cross join lateral client_figures(c.id) f where c.archived_at is null ";

	private static final String CLIENTS = "select c.id, c.name, c.industry, c.vip, e.id as owner_id, "
			+ "e.login as owner_login, e.full_name as owner_name, f.turnover, f.average_order, f.orders_per_year "
			+ FROM;

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final DatabaseClient db;

	private final Employees employees;

	private final Figures figures;

	Reports(DatabaseClient db, Employees employees, Figures figures) {
		this.db = db;
		this.employees = employees;
		this.figures = figures;
	}

	/**
	 * Clients and turnover of the last 12 months per industry, with their shares of the
	 * whole; industries that differ only in case are one. Largest segments first.
	 */
	public Mono<SegmentReport> segments(@Nullable String ownerLogin) {
		String owner = ownerOrNull(ownerLogin);
		return requireOwner(owner)
			.thenMany(
					byOwner(db.sql("select min(c.industry) as industry, count(*) as clients, "
							+ "sum(f.turnover) as turnover " + FROM + (owner == null ? "" : "and e.login = :owner ")
							+ "group by lower(c.industry) order by clients desc, turnover desc, industry"), owner)
						.map(row -> new Count(row.get("industry", String.class), row.get("clients", Long.class),
								Figures.money(row.get("turnover", BigDecimal.class))))
						.all())
			.collectList()
			.map(counts -> segments(owner, counts));
	}

	/** The VIP clients with their owners and figures, by name. */
	public Flux<ClientSummary> vip(@Nullable String ownerLogin) {
		String owner = ownerOrNull(ownerLogin);
		return requireOwner(owner).thenMany(byOwner(db
			.sql(CLIENTS + "and c.vip " + (owner == null ? "" : "and e.login = :owner ") + "order by c.name, c.id"),
				owner)
			.map(this::readSummary)
			.all());
	}

	/**
	 * The clients worth most over the whole relationship, at most {@code limit} (1 to
	 * 500) of them.
	 */
	public Flux<ClientSummary> topByLifetimeValue(int limit, @Nullable String ownerLogin) {
		if (limit < 1 || limit > MAX_LIMIT) {
			return Flux.error(new InvalidRequestException("limit", "between 1 and " + MAX_LIMIT));
		}
		String owner = ownerOrNull(ownerLogin);
		// Every client has the same expected years, so average x orders per year ranks
		// them as the lifetime value.
		return requireOwner(owner).thenMany(byOwner(db.sql(CLIENTS + (owner == null ? "" : "and e.login = :owner ")
				+ "order by f.average_order * f.orders_per_year desc, c.name, c.id limit :limit"), owner)
			.bind("limit", limit)
			.map(this::readSummary)
			.all());
	}

	private Mono<Void> requireOwner(@Nullable String login) {
		if (login == null) {
			return Mono.empty();
		}
		return employees.byLogin(login)
			.switchIfEmpty(Mono.error(() -> new InvalidRequestException("owner", "no employee has the login " + login)))
			.then();
	}

	private static GenericExecuteSpec byOwner(GenericExecuteSpec spec, @Nullable String owner) {
		return owner == null ? spec : spec.bind("owner", owner);
	}

	private ClientSummary readSummary(Readable row) {
		return new ClientSummary(row.get("id", Long.class), row.get("name", String.class),
				row.get("industry", String.class), Boolean.TRUE.equals(row.get("vip", Boolean.class)),
				new Owner(row.get("owner_id", Long.class), row.get("owner_login", String.class),
						row.get("owner_name", String.class)),
				figures.read(row));
	}

	static SegmentReport segments(@Nullable String owner, List<Count> counts) {
		long clients = counts.stream().mapToLong(Count::clients).sum();
		BigDecimal turnover = counts.stream()
			.map(Count::turnover)
			.reduce(Figures.money(BigDecimal.ZERO), BigDecimal::add);
		return new SegmentReport(owner, clients, turnover,
				counts.stream()
					.map(count -> new Segment(count.industry(), count.clients(),
							share(BigDecimal.valueOf(count.clients()), BigDecimal.valueOf(clients)), count.turnover(),
							share(count.turnover(), turnover)))
					.toList());
	}

	/** The part in percent of the whole, one decimal; 0.0 when the whole is zero. */
	static BigDecimal share(BigDecimal part, BigDecimal whole) {
		if (whole.signum() == 0) {
			return BigDecimal.ZERO.setScale(1);
		}
		return part.multiply(HUNDRED).divide(whole, 1, RoundingMode.HALF_UP);
	}

	record Count(String industry, long clients, BigDecimal turnover) {
	}

	/**
	 * Clients and turnover per industry.
	 *
	 * @param owner the login the report is limited to, null for all clients
	 * @param clients all clients in the report
	 * @param turnover of all clients in the report over the last 12 months
	 */
	public record SegmentReport(@Nullable String owner, long clients, BigDecimal turnover, List<Segment> segments) {
	}

	/**
	 * One industry.
	 *
	 * @param clientShare percent of the report's clients
	 * @param turnoverShare percent of the report's turnover
	 */
	public record Segment(String industry, long clients, BigDecimal clientShare, BigDecimal turnover,
			BigDecimal turnoverShare) {
	}

	/** A client with its owner and figures, as reports list them. */
	public record ClientSummary(long id, String name, String industry, boolean vip, Owner owner,
			ClientFigures figures) {
	}

	private static @Nullable String ownerOrNull(@Nullable String ownerLogin) {
		return ownerLogin == null || ownerLogin.isBlank() ? null : ownerLogin.trim();
	}

}

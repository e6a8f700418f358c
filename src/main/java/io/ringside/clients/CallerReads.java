package io.ringside.clients;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.clients.CallerListing.Listed;
import io.ringside.clients.CallerListing.Team;
import io.ringside.team.Employees;

/**
 * The {@link CallerDirectory}'s queries: every number with its client and owner, some
 * clients' numbers, the team.
 * <p>
 * Threads: results arrive on the database client's threads.
 */
final class CallerReads {

	private static final String NUMBERS = "select p.e164, c.id, c.name, c.vip, c.industry, c.owner_id from phone_numbers p "
			+ "join clients c on c.id = p.client_id ";

	private final DatabaseClient db;

	CallerReads(DatabaseClient db) {
		this.db = db;
	}

	/** Everything: the team, then every number, into a new listing. */
	Mono<CallerListing> everything() {
		Map<String, Listed> numbers = new HashMap<>();
		Map<Long, List<String>> byClient = new HashMap<>();
		return team().flatMap(team -> db.sql(NUMBERS).map(CallerReads::listed).all().doOnNext(listed -> {
			numbers.put(listed.e164(), listed);
			byClient.computeIfAbsent(listed.clientId(), id -> new ArrayList<>(1)).add(listed.e164());
		}).then(Mono.fromSupplier(() -> new CallerListing(numbers, byClient, team))));
	}

	/**
	 * Some clients again: their numbers now replace the ones they had (and the team, when
	 * an owner is new to it).
	 */
	Mono<Void> clients(CallerListing current, Set<Long> ids) {
		return db.sql(NUMBERS + "where c.id = any(:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.map(CallerReads::listed)
			.all()
			.collectList()
			.flatMap(found -> {
				boolean ownerUnknown = found.stream()
					.anyMatch(listed -> !current.team().byId().containsKey(listed.ownerId()));
				Mono<Void> team = ownerUnknown ? team().doOnNext(current::team).then() : Mono.empty();
				return team.then(Mono.fromRunnable(() -> current.replace(ids, found)));
			});
	}

	Mono<Team> team() {
		return db.sql("select " + Employees.COLUMNS + " from employees")
			.map(Employees::read)
			.all()
			.collectList()
			.map(Team::of);
	}

	private static Listed listed(io.r2dbc.spi.Readable row) {
		return new Listed(row.get("e164", String.class), row.get("id", Long.class), row.get("name", String.class),
				Boolean.TRUE.equals(row.get("vip", Boolean.class)), industry(row.get("industry", String.class)),
				row.get("owner_id", Long.class));
	}

	/**
	 * The industry, one copy of each: there are a few industries and many clients (the
	 * listing holds 100,000 numbers on the benchmark's scale).
	 */
	private static String industry(@Nullable String industry) {
		return industry == null ? "" : industry.intern();
	}

}

package io.ringside.clients;

import java.time.Duration;
import java.util.List;

import io.r2dbc.postgresql.codec.Json;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.ringside.clients.ClientCard.Suggestion;
import io.ringside.shared.Failures;

/**
 * What a card offers next: the products that most clients of the client's segment buy and
 * the client itself has never bought. The segment is the industry compared without case,
 * as the reports group it, over the clients that are not archived; to buy is to have the
 * product in an order that was not cancelled (as in {@link Figures}), so a product the
 * client only ever cancelled is still offered, and a cancelled order of another client
 * counts for nothing. Products rank by how many of those clients buy them, then by SKU.
 * <p>
 * One statement, computed by PostgreSQL. It reads every purchase of the segment (a
 * quarter of all order lines on the benchmark's data), so it runs beside the card's own
 * statement rather than inside it, and has a deadline: past it the card goes without
 * suggestions instead of arriving late to a ringing phone (docs/api.md).
 */
@Component
class AlsoBuy {

	private static final Log log = LogFactory.getLog(AlsoBuy.class);

	/** At most this many suggestions on a card. */
	static final int AT_MOST = 5;

	/** How long a card waits for its suggestions. */
	static final Duration DEADLINE = Duration.ofSeconds(1);

	private static final String SUGGESTIONS = "select (select coalesce(json_agg(s order by s.buyers desc, s.sku), '[]') "
			+ "from (select p.sku, p.name, coalesce(p.attributes, '{}'::jsonb) as attributes, p.price, "
			+ "p.on_hand as \"onHand\", p.incoming, p.incoming_date as \"incomingDate\", b.buyers from ("
			// each product with how many clients of the segment buy it; a client counts
			// once
			+ "select l.product_id, count(distinct o.client_id) as buyers from clients peer "
			+ "join orders o on o.client_id = peer.id and o.status <> 'CANCELLED' "
			+ "join order_lines l on l.order_id = o.id "
			+ "where lower(peer.industry) = lower(client.industry) and peer.archived_at is null "
			+ "and peer.id <> client.id group by l.product_id) b " + "join products p on p.id = b.product_id "
			// never bought by the client itself
			+ "where not exists (select 1 from orders mine join order_lines ml on ml.order_id = mine.id "
			+ "where mine.client_id = client.id and mine.status <> 'CANCELLED' and ml.product_id = b.product_id) "
			+ "order by b.buyers desc, p.sku limit :atMost) s) as also_buy from clients client where client.id = :client";

	private static final TypeReference<List<Suggestion>> SUGGESTION_LIST = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final JsonMapper json;

	AlsoBuy(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
		Cards.warmUp(json, SUGGESTION_LIST);
	}

	/**
	 * The client's suggestions, the first to offer first; none for an unknown client, and
	 * none (logged) when they fail or take longer than {@link #DEADLINE}.
	 */
	Mono<List<Suggestion>> of(long clientId) {
		return db.sql(SUGGESTIONS)
			.bind("client", clientId)
			.bind("atMost", AT_MOST)
			.map(row -> row.get("also_buy", Json.class))
			.one()
			.map(this::read)
			.timeout(DEADLINE)
			.onErrorResume(Failures.replace(log, () -> "No suggestions on the card of client " + clientId, List.of()))
			.defaultIfEmpty(List.of());
	}

	private List<Suggestion> read(Json suggestions) {
		return List.copyOf(json.readValue(suggestions.asString(), SUGGESTION_LIST));
	}

}

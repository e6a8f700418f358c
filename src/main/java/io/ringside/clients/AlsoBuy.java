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
 * One statement, computed by PostgreSQL from the counts per segment and product that
 * {@link SegmentBuyersRefresh} keeps in the materialized view {@code segment_buyers} (so
 * offers are up to {@code ringside.offers.refresh-interval} old): an index range of the
 * segment's products, less the client's own purchases. It runs beside the card's own
 * statement and has a short deadline: past it the card goes without suggestions instead
 * of arriving late to a ringing phone (docs/api.md).
 */
@Component
class AlsoBuy {

	private static final Log log = LogFactory.getLog(AlsoBuy.class);

	/** At most this many suggestions on a card. */
	static final int AT_MOST = 5;

	/** How long a card waits for its suggestions. */
	static final Duration DEADLINE = Duration.ofMillis(200);

	private static final String SUGGESTIONS = "select (select coalesce(json_agg(s order by s.buyers desc, s.sku), '[]') "
			+ "from (select p.sku, p.name, coalesce(p.attributes, '{}'::jsonb) as attributes, p.price, "
			+ "p.on_hand as \"onHand\", p.incoming, p.incoming_date as \"incomingDate\", b.buyers "
			// the segment's counts, kept by SegmentBuyersRefresh: an index range
			+ "from segment_buyers b join products p on p.id = b.product_id "
			+ "where b.segment = lower(client.industry) "
			// never bought by the client itself (its own orders: a few)
			+ "and not exists (select 1 from orders mine join order_lines ml on ml.order_id = mine.id "
			+ "where mine.client_id = client.id and mine.status <> 'CANCELLED' and ml.product_id = b.product_id) "
			+ "order by b.buyers desc, p.sku limit :atMost) s) as also_buy from clients client where client.id = :client";

	private static final TypeReference<List<Suggestion>> SUGGESTION_LIST = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final JsonMapper json;

	AlsoBuy(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
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

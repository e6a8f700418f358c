package io.ringside.clients;

import java.util.List;
import java.util.function.Function;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;

import io.ringside.clients.ClientCard.OpenOrder;
import io.ringside.clients.ClientCard.ProductStock;
import io.ringside.clients.ClientCard.Suggestion;
import io.ringside.web.NotFoundException;

/**
 * Builds client cards, each with one statement: a card is read for every routed call, and
 * a statement costs a round trip, a PostgreSQL transaction and the driver's work on both
 * sides (most of its client-side CPU in the whole-call benchmark), where a statement per
 * part cost that many of each, competing for the same cores as the calls. The client and
 * its figures ({@code client_figures}, migration V17) come as columns; its contacts,
 * recent history, open orders, the products it buys most and what it is offered come as
 * JSON arrays built by PostgreSQL ({@code card_lists}, migration V16) in the
 * application's own JSON form, sent on as they are and read into the card's records only
 * when asked ({@link JsonList}). Those parts are SQL functions, which PostgreSQL inlines
 * into the statement, because the driver tokenizes a statement's whole text each time it
 * runs: as 3,700 characters of SQL in the text, they were 8% of Ringside's profile
 * samples in the whole-call benchmark at 200 calls/s. A caller that shows more about the
 * client beside its card (a pop, its open callbacks) reads it in the same statement
 * ({@link Alongside}).
 * <p>
 * What a card offers: the products that most clients of the client's segment buy and the
 * client itself has never bought. The segment is the industry compared without case, as
 * the reports group it, over the clients that are not archived; to buy is to have the
 * product in an order that was not cancelled (as in {@link Figures}), so a product the
 * client only ever cancelled is still offered, and a cancelled order of another client
 * counts for nothing. Products rank by how many of those clients buy them, then by SKU,
 * from the counts {@link SegmentBuyersRefresh} keeps in the materialized view
 * {@code segment_buyers} (so offers are up to {@code ringside.offers.refresh-interval}
 * old): an index range of the segment's products, less the client's own purchases.
 */
@Component
public class Cards {

	static final int RECENT_INTERACTIONS = 10;

	static final int TOP_PRODUCTS = 5;

	/**
	 * At most this many suggestions on a card: the products that most clients of its
	 * segment buy and it never bought ({@code card_lists} in migration V16, the counts
	 * per segment kept by {@link SegmentBuyersRefresh}).
	 */
	static final int OFFERS = 5;

	private static final String CARD = "select client.*, f.*, l.*%s from (" + Clients.SELECT
			+ "where c.id = :client) client cross join lateral client_figures(client.id) f "
			+ "cross join lateral card_lists(client.id, client.industry, :recent, :top, :offers) l";

	private static final TypeReference<List<Contact>> CONTACTS = new TypeReference<>() {
	};

	private static final TypeReference<List<Interaction>> INTERACTIONS = new TypeReference<>() {
	};

	private static final TypeReference<List<OpenOrder>> ORDERS = new TypeReference<>() {
	};

	private static final TypeReference<List<ProductStock>> PRODUCTS = new TypeReference<>() {
	};

	private static final TypeReference<List<Suggestion>> SUGGESTIONS = new TypeReference<>() {
	};

	private static final String ALONE = CARD.formatted("");

	private final DatabaseClient db;

	private final Figures figures;

	/**
	 * The readers of the card's lists, made once: a type resolved for every read cost
	 * more than the read.
	 */
	private final ObjectReader contacts;

	private final ObjectReader interactions;

	private final ObjectReader orders;

	private final ObjectReader products;

	private final ObjectReader suggestions;

	Cards(DatabaseClient db, Figures figures, JsonMapper json) {
		this.db = db;
		this.figures = figures;
		this.contacts = json.readerFor(CONTACTS);
		this.interactions = json.readerFor(INTERACTIONS);
		this.orders = json.readerFor(ORDERS);
		this.products = json.readerFor(PRODUCTS);
		this.suggestions = json.readerFor(SUGGESTIONS);
	}

	/** The client's card; a {@link NotFoundException} for an unknown client. */
	public Mono<ClientCard> of(long clientId) {
		return bound(ALONE, clientId).map(this::read)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Client", clientId)));
	}

	/**
	 * The client's card and what else about the client is read alongside it, in the same
	 * statement; a {@link NotFoundException} for an unknown client.
	 */
	public <T> Mono<WithCard<T>> of(long clientId, Alongside<T> alongside) {
		return bound(alongside.sql(), clientId).map(row -> {
			Json also = row.get(Alongside.NAME, Json.class);
			return new WithCard<>(read(row), alongside.read().apply(also == null ? null : also.asString()));
		}).one().switchIfEmpty(Mono.error(() -> new NotFoundException("Client", clientId)));
	}

	/** The card's statement (alone or with something alongside) for this client. */
	private GenericExecuteSpec bound(String sql, long clientId) {
		return db.sql(sql)
			.bind("client", clientId)
			.bind("recent", RECENT_INTERACTIONS)
			.bind("top", TOP_PRODUCTS)
			.bind("offers", OFFERS);
	}

	private ClientCard read(Readable row) {
		return new ClientCard(Clients.read(row), figures.read(row), list(row, "contacts", contacts),
				list(row, "recent", interactions), list(row, "open_orders", orders),
				list(row, "top_products", products), list(row, "also_buy", suggestions));
	}

	/**
	 * A list of the card as PostgreSQL wrote it, read into its records only if asked
	 * ({@link JsonList}).
	 */
	private static <T> List<T> list(Readable row, String column, ObjectReader reader) {
		Json value = row.get(column, Json.class);
		return value == null ? List.of() : new JsonList<>(value.asString(), reader);
	}

	/**
	 * Something more about a client, read in its card's statement: a SQL expression of
	 * one JSON value over the card's client (the alias {@code client}: {@code client.id},
	 * {@code client.industry} and the other columns of a client), and how to read that
	 * JSON (null when the expression is).
	 */
	public static final class Alongside<T> {

		static final String NAME = "alongside";

		private final String sql;

		private final Function<@Nullable String, T> read;

		public Alongside(String expression, Function<@Nullable String, T> read) {
			this.sql = CARD.formatted(", (" + expression + ") as " + NAME);
			this.read = read;
		}

		String sql() {
			return sql;
		}

		Function<@Nullable String, T> read() {
			return read;
		}

	}

	/** A client's card and what was read alongside it. */
	public record WithCard<T>(ClientCard card, T alongside) {
	}

}

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
 * its figures come as columns; its contacts, recent history, open orders, the products it
 * buys most and what it is offered ({@link AlsoBuy}) come as JSON arrays built by
 * PostgreSQL, read into the card's records by name. A caller that shows more about the
 * client beside its card (a pop, its open callbacks) reads it in the same statement
 * ({@link Alongside}).
 */
@Component
public class Cards {

	static final int RECENT_INTERACTIONS = 10;

	static final int TOP_PRODUCTS = 5;

	private static final String CARD = "select client.*, f.*, "
			// contacts, in the order they were added, each with its own numbers
			+ "(select coalesce(json_agg(json_build_object('id', k.id, 'clientId', k.client_id, 'fullName', k.full_name, "
			+ "'position', k.position, 'email', k.email, 'phoneNumbers', "
			+ "array(select p.e164 from phone_numbers p where p.contact_id = k.id order by p.id)) order by k.id), '[]') "
			+ "from contacts k where k.client_id = client.id) as contacts, "
			// the newest entries of the history
			+ "(select coalesce(json_agg(json_build_object('id', i.id, 'clientId', i.client_id, 'kind', i.kind, "
			+ "'employeeLogin', e.login, 'employeeName', e.full_name, 'occurredAt', i.occurred_at, 'callId', i.call_id, "
			+ "'orderId', i.order_id, 'text', i.text) order by i.occurred_at desc, i.id desc), '[]') "
			+ "from (select * from interactions where client_id = client.id order by occurred_at desc, id desc "
			+ "limit :recent) i left join employees e on e.id = i.employee_id) as recent, "
			// orders still NEW, newest first, each with its lines
			+ "(select coalesce(json_agg(json_build_object('id', o.id, 'placedAt', o.placed_at, 'employeeLogin', e.login, "
			+ "'total', o.total, 'lines', (select coalesce(json_agg(json_build_object('sku', p.sku, 'name', p.name, "
			+ "'quantity', l.quantity, 'unitPrice', l.unit_price) order by p.sku), '[]') from order_lines l "
			+ "join products p on p.id = l.product_id where l.order_id = o.id)) order by o.placed_at desc, o.id desc), '[]') "
			+ "from orders o join employees e on e.id = o.employee_id "
			+ "where o.client_id = client.id and o.status = 'NEW') as open_orders, "
			// what it buys most, with the stock now
			+ "(select coalesce(json_agg(t order by t.\"quantityBought\" desc, t.sku), '[]') from (select p.sku, p.name, "
			+ "coalesce(p.attributes, '{}'::jsonb) as attributes, p.price, p.on_hand as \"onHand\", p.incoming, "
			+ "p.incoming_date as \"incomingDate\", sum(l.quantity) as \"quantityBought\" from order_lines l "
			+ "join orders o on o.id = l.order_id join products p on p.id = l.product_id "
			+ "where o.client_id = client.id and o.status <> 'CANCELLED' group by p.id "
			+ "order by \"quantityBought\" desc, p.sku limit :top) t) as top_products, "
			// what to offer
			+ AlsoBuy.COLUMN + " as also_buy%s from (" + Clients.SELECT + "where c.id = :client) client "
			+ "cross join lateral (" + Figures.OF_CLIENT.formatted("client.id") + ") f";

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
			.bind("atMost", AlsoBuy.AT_MOST);
	}

	private ClientCard read(Readable row) {
		return new ClientCard(Clients.read(row), figures.read(row), list(row, "contacts", contacts),
				list(row, "recent", interactions), list(row, "open_orders", orders),
				list(row, "top_products", products), list(row, "also_buy", suggestions));
	}

	private static <T> List<T> list(Readable row, String column, ObjectReader reader) {
		Json value = row.get(column, Json.class);
		if (value == null) {
			return List.of();
		}
		List<T> read = reader.readValue(value.asArray());
		return List.copyOf(read);
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

package io.ringside.clients;

import java.util.List;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.ringside.clients.ClientCard.OpenOrder;
import io.ringside.clients.ClientCard.ProductStock;
import io.ringside.clients.ClientCard.Suggestion;
import io.ringside.clients.Figures.ClientFigures;
import io.ringside.web.NotFoundException;

/**
 * Builds client cards, each with one query: a card is read for every routed call, and one
 * query costs one round trip and one PostgreSQL process, where a query per part cost five
 * of each, competing for the same cores as the calls. The client and its figures come as
 * columns; its contacts, recent history, open orders and the products it buys most come
 * as JSON arrays built by PostgreSQL, read into the card's records by name. What the card
 * suggests ({@link AlsoBuy}) is the one exception: it reads counts kept apart
 * ({@link SegmentBuyersRefresh}), so it runs as a statement of its own, beside this one,
 * with a deadline of its own.
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
			+ "order by \"quantityBought\" desc, p.sku limit :top) t) as top_products " + "from (" + Clients.SELECT
			+ "where c.id = :client) client cross join lateral (" + Figures.OF_CLIENT.formatted("client.id") + ") f";

	private static final TypeReference<List<Contact>> CONTACTS = new TypeReference<>() {
	};

	private static final TypeReference<List<Interaction>> INTERACTIONS = new TypeReference<>() {
	};

	private static final TypeReference<List<OpenOrder>> ORDERS = new TypeReference<>() {
	};

	private static final TypeReference<List<ProductStock>> PRODUCTS = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final Figures figures;

	private final JsonMapper json;

	private final AlsoBuy alsoBuy;

	Cards(DatabaseClient db, Figures figures, JsonMapper json, AlsoBuy alsoBuy) {
		this.db = db;
		this.figures = figures;
		this.json = json;
		this.alsoBuy = alsoBuy;
	}

	/**
	 * The client's card; a {@link NotFoundException} for an unknown client. Its
	 * suggestions ({@link AlsoBuy}) are read at the same time, on a connection of their
	 * own.
	 */
	public Mono<ClientCard> of(long clientId) {
		return db.sql(CARD)
			.bind("client", clientId)
			.bind("recent", RECENT_INTERACTIONS)
			.bind("top", TOP_PRODUCTS)
			.map(this::read)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Client", clientId)))
			.zipWith(alsoBuy.of(clientId), Card::with);
	}

	private Card read(Readable row) {
		return new Card(Clients.read(row), figures.read(row), list(row, "contacts", CONTACTS),
				list(row, "recent", INTERACTIONS), list(row, "open_orders", ORDERS),
				list(row, "top_products", PRODUCTS));
	}

	private <T> List<T> list(Readable row, String column, TypeReference<List<T>> type) {
		Json value = row.get(column, Json.class);
		return value == null ? List.of() : List.copyOf(json.readValue(value.asString(), type));
	}

	/** A card as its one statement reads it, before its suggestions join it. */
	private record Card(Client client, ClientFigures figures, List<Contact> contacts, List<Interaction> recent,
			List<OpenOrder> openOrders, List<ProductStock> topProducts) {

		ClientCard with(List<Suggestion> alsoBuy) {
			return new ClientCard(client, figures, contacts, recent, openOrders, topProducts, alsoBuy);
		}

	}

}

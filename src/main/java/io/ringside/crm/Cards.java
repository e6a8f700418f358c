package io.ringside.crm;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.ringside.crm.ClientCard.OpenOrder;
import io.ringside.crm.ClientCard.OrderLine;
import io.ringside.crm.ClientCard.ProductStock;
import io.ringside.crm.Figures.ClientFigures;

/**
 * Builds client cards. The parts of a card are independent queries, run at the same time on separate connections:
 * a card costs the slowest of them, not their sum; five in all (the client with its figures, contacts, recent
 * history, open orders, what it buys most).
 */
@Component
public class Cards {

	static final int RECENT_INTERACTIONS = 10;

	static final int TOP_PRODUCTS = 5;

	private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final Figures figures;

	private final Contacts contacts;

	private final Interactions interactions;

	private final JsonMapper json;

	Cards(DatabaseClient db, Figures figures, Contacts contacts, Interactions interactions,
			JsonMapper json) {
		this.db = db;
		this.figures = figures;
		this.contacts = contacts;
		this.interactions = interactions;
		this.json = json;
	}

	/** The client's card; a {@link NotFoundException} for an unknown client. */
	public Mono<ClientCard> of(long clientId) {
		return Mono
			.zip(clientWithFigures(clientId), contacts.of(clientId).collectList(),
					interactions.history(clientId, 0, RECENT_INTERACTIONS).collectList(), openOrders(clientId),
					topProducts(clientId))
			.map(parts -> new ClientCard(parts.getT1().getT1(), parts.getT1().getT2(), parts.getT2(), parts.getT3(),
					parts.getT4(), parts.getT5()));
	}

	/** The client and its figures in one query (a card is read for every routed call). */
	Mono<Tuple2<Client, ClientFigures>> clientWithFigures(long clientId) {
		return db.sql("select * from (" + Clients.SELECT + "where c.id = :client) client cross join lateral ("
				+ Figures.OF_CLIENT.formatted("client.id") + ") f")
			.bind("client", clientId)
			.map(row -> Tuples.of(Clients.read(row), figures.read(row)))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Client", clientId)));
	}

	Mono<List<OpenOrder>> openOrders(long clientId) {
		return db.sql("select o.id, o.placed_at, o.total, e.login, p.sku, p.name, l.quantity, l.unit_price "
				+ "from orders o join employees e on e.id = o.employee_id "
				+ "left join order_lines l on l.order_id = o.id left join products p on p.id = l.product_id "
				+ "where o.client_id = :client and o.status = 'NEW' order by o.placed_at desc, o.id desc, p.sku")
			.bind("client", clientId)
			.map(Cards::readOrderRow)
			.all()
			.collectList()
			.map(Cards::toOrders);
	}

	Mono<List<ProductStock>> topProducts(long clientId) {
		return db.sql("select p.sku, p.name, p.attributes, p.price, p.on_hand, p.incoming, p.incoming_date, "
				+ "sum(l.quantity) as bought from order_lines l join orders o on o.id = l.order_id "
				+ "join products p on p.id = l.product_id where o.client_id = :client and o.status <> 'CANCELLED' "
				+ "group by p.id order by bought desc, p.sku limit :limit")
			.bind("client", clientId)
			.bind("limit", TOP_PRODUCTS)
			.map(this::readStock)
			.all()
			.collectList();
	}

	private ProductStock readStock(Readable row) {
		Json attributes = row.get("attributes", Json.class);
		return new ProductStock(row.get("sku", String.class), row.get("name", String.class),
				attributes == null ? Map.of() : json.readValue(attributes.asString(), ATTRIBUTES),
				row.get("price", BigDecimal.class), row.get("on_hand", Integer.class),
				row.get("incoming", Integer.class), row.get("incoming_date", LocalDate.class),
				row.get("bought", Long.class));
	}

	private static OrderRow readOrderRow(Readable row) {
		String sku = row.get("sku", String.class);
		return new OrderRow(row.get("id", Long.class), row.get("placed_at", OffsetDateTime.class).toInstant(),
				row.get("login", String.class), row.get("total", BigDecimal.class),
				sku == null ? null : new OrderLine(sku, row.get("name", String.class),
						row.get("quantity", Integer.class), row.get("unit_price", BigDecimal.class)));
	}

	private static List<OpenOrder> toOrders(List<OrderRow> rows) {
		return rows.stream()
			.collect(Collectors.groupingBy(OrderRow::orderId, LinkedHashMap::new, Collectors.toList()))
			.values()
			.stream()
			.map(lines -> {
				OrderRow first = lines.get(0);
				return new OpenOrder(first.orderId(), first.placedAt(), first.employeeLogin(), first.total(),
						lines.stream().map(OrderRow::line).filter(line -> line != null).toList());
			})
			.toList();
	}

	/** One row of the open orders' join: an order with one of its lines, or with none when it has no lines. */
	private record OrderRow(long orderId, Instant placedAt, String employeeLogin, BigDecimal total, OrderLine line) {
	}

}

package io.ringside.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalEventPublisher;

import io.ringside.catalog.Stock.Reserved;
import io.ringside.clients.Client;
import io.ringside.clients.Clients;
import io.ringside.clients.InteractionKind;
import io.ringside.clients.Interactions;
import io.ringside.clients.Interactions.NewInteraction;
import io.ringside.team.Employee;
import io.ringside.web.ConflictException;
import io.ringside.web.InvalidRequestException;
import io.ringside.web.InvalidRequestException.FieldError;
import io.ringside.web.NotFoundException;

/**
 * Orders, and the stock they reserve.
 * <p>
 * Placing an order takes each line's units off the stock ({@link Stock}: the product row
 * locked, in SKU order so that two orders never wait for each other in a circle), all in
 * one transaction with the order, its lines and its history entry. Of two orders for the
 * last units exactly one wins: the other finds too little stock, and its transaction
 * leaves nothing behind. A line with {@code backorder} takes what is on hand and reserves
 * the rest of the incoming batch, never beyond it; a receipt ({@link Receipts}) fills it
 * later, and until then the order cannot be shipped.
 * <p>
 * Each order placed, shipped or cancelled is published as an {@link OrderChanged}
 * application event within its transaction; listen with
 * {@code @TransactionalEventListener} to hear of it once it is committed.
 */
@Component
public class Orders {

	public static final int MAX_LINES = 50;

	private static final String SELECT = "select o.id, o.client_id, c.name as client_name, e.login, o.status, o.total, "
			+ "o.call_id, o.placed_at from orders o join clients c on c.id = o.client_id "
			+ "join employees e on e.id = o.employee_id ";

	private final DatabaseClient db;

	private final Clients clients;

	private final Interactions interactions;

	private final Stock stock;

	private final TransactionalEventPublisher events;

	Orders(DatabaseClient db, Clients clients, Interactions interactions, Stock stock,
			ApplicationEventPublisher events) {
		this.db = db;
		this.clients = clients;
		this.interactions = interactions;
		this.stock = stock;
		this.events = new TransactionalEventPublisher(events);
	}

	@Transactional
	public Mono<Order> place(long clientId, List<NewLine> lines, Employee actor, @Nullable String callId) {
		return Mono.fromCallable(() -> validated(lines))
			.flatMap(valid -> clients.requireWritableBy(clientId, actor)
				.flatMap(client -> client.archived()
						? Mono.error(new ConflictException("Client archived",
								"Client " + client.name() + " is archived; orders are not taken", Map.of()))
						: stock.reserve(valid).collectList())
				.flatMap(reserved -> insert(clientId, reserved, actor, callId)));
	}

	public Mono<Order> require(long id) {
		return db.sql(SELECT + "where o.id = :id")
			.bind("id", id)
			.map(Orders::readHead)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Order", id)))
			.flatMap(this::withLines);
	}

	public Flux<Order> forClient(long clientId, int limit) {
		return db.sql(SELECT + "where o.client_id = :client order by o.placed_at desc, o.id desc limit :limit")
			.bind("client", clientId)
			.bind("limit", limit)
			.map(Orders::readHead)
			.all()
			.concatMap(this::withLines);
	}

	/**
	 * New orders, oldest first, after the given order id: what the warehouse has to pick.
	 */
	public Flux<Order> warehouseFeed(long afterId, int limit) {
		return db.sql(SELECT + "where o.status = 'NEW' and o.id > :after order by o.id limit :limit")
			.bind("after", afterId)
			.bind("limit", limit)
			.map(Orders::readHead)
			.all()
			.concatMap(this::withLines);
	}

	/**
	 * The warehouse has sent the goods. Only a NEW order can be shipped, and only once no
	 * line waits for an incoming batch.
	 */
	@Transactional
	public Mono<Order> ship(long id) {
		return require(id).flatMap(order -> order.status() == Order.Status.NEW && order.waitsForStock()
				? Mono.error(new ConflictException("Waiting for stock",
						"Order " + id + " waits for incoming stock; it ships once a receipt has filled it",
						Map.of("status", order.status())))
				: changeStatus(id, Order.Status.SHIPPED));
	}

	/**
	 * Cancels a NEW order and returns its units, in one transaction: those it took off
	 * the stock to the stock, those it back-ordered to the incoming batch.
	 */
	@Transactional
	public Mono<Order> cancel(long id, Employee actor) {
		return require(id).flatMap(order -> clients.requireWritableBy(order.clientId(), actor).thenReturn(order))
			.flatMap(order -> stock.lockProductsOf(id).then(changeStatus(id, Order.Status.CANCELLED)))
			.flatMap(order -> stock.release(id)
				.then(interactions.append(new NewInteraction(order.clientId(), InteractionKind.ORDER, actor.id(), null,
						null, id, "Order " + id + " cancelled")))
				.thenReturn(order));
	}

	private Mono<Order> changeStatus(long id, Order.Status status) {
		return db.sql("update orders set status = :status where id = :id and status = 'NEW'")
			.bind("id", id)
			.bind("status", status.name())
			.fetch()
			.rowsUpdated()
			.flatMap(
					updated -> updated == 1 ? require(id).flatMap(this::published)
							: require(id).flatMap(order -> Mono.error(new ConflictException("Order not open",
									"Order " + id + " is " + order.status() + ", not NEW",
									Map.of("status", order.status())))));
	}

	private static List<NewLine> validated(List<NewLine> lines) {
		List<FieldError> errors = new ArrayList<>();
		if (lines == null || lines.isEmpty()) {
			errors.add(new FieldError("lines", "an order needs at least one line"));
		}
		else if (lines.size() > MAX_LINES) {
			errors.add(new FieldError("lines", "at most " + MAX_LINES + " lines"));
		}
		else {
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < lines.size(); i++) {
				NewLine line = lines.get(i);
				if (line == null || line.sku() == null || line.sku().isBlank()) {
					errors.add(new FieldError("lines[" + i + "].sku", "must not be blank"));
				}
				else if (!seen.add(line.sku())) {
					errors.add(new FieldError("lines[" + i + "].sku", "the same SKU is given twice"));
				}
				if (line != null && line.quantity() <= 0) {
					errors.add(new FieldError("lines[" + i + "].quantity", "must be at least 1"));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return lines.stream().sorted(Comparator.comparing(NewLine::sku)).toList();
	}

	private Mono<Order> insert(long clientId, List<Reserved> lines, Employee actor, @Nullable String callId) {
		BigDecimal total = lines.stream()
			.map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return db
			.sql("insert into orders (client_id, employee_id, total, call_id) values (:client, :employee, :total, "
					+ ":callId) returning id")
			.bind("client", clientId)
			.bind("employee", actor.id())
			.bind("total", total)
			.bind("callId", Parameter.fromOrEmpty(callId, String.class))
			.map(row -> row.get("id", Long.class))
			.one()
			.flatMap(orderId -> Flux.fromIterable(lines)
				.concatMap(line -> db
					.sql("insert into order_lines (order_id, product_id, quantity, unit_price, backordered, "
							+ "expected_on) values (:order, :product, :quantity, :price, :backordered, :expectedOn)")
					.bind("order", orderId)
					.bind("product", line.productId())
					.bind("quantity", line.quantity())
					.bind("price", line.unitPrice())
					.bind("backordered", line.backordered())
					.bind("expectedOn", Parameter.fromOrEmpty(line.expectedOn(), LocalDate.class))
					.fetch()
					.rowsUpdated())
				.then(interactions.append(new NewInteraction(clientId, InteractionKind.ORDER, actor.id(), null, callId,
						orderId, "Order " + orderId + ": " + describe(lines) + "; total " + total.toPlainString())))
				.then(require(orderId))
				.flatMap(this::published));
	}

	private Mono<Order> published(Order order) {
		return events.publishEvent(new OrderChanged(order)).thenReturn(order);
	}

	private static String describe(List<Reserved> lines) {
		return lines.stream()
			.map(line -> line.quantity() + " x " + line.name()
					+ (line.backordered() == 0 ? ""
							: " (" + line.backordered() + " back-ordered"
									+ (line.expectedOn() == null ? "" : " for " + line.expectedOn()) + ")"))
			.collect(Collectors.joining(", "));
	}

	private Mono<Order> withLines(Order order) {
		return db
			.sql("select p.sku, p.name, l.quantity, l.unit_price, l.backordered, l.expected_on from order_lines l "
					+ "join products p on p.id = l.product_id where l.order_id = :id order by p.sku")
			.bind("id", order.id())
			.map(row -> new Order.Line(row.get("sku", String.class), row.get("name", String.class),
					row.get("quantity", Integer.class), row.get("unit_price", BigDecimal.class),
					row.get("backordered", Integer.class), row.get("expected_on", LocalDate.class)))
			.all()
			.collectList()
			.map(lines -> new Order(order.id(), order.clientId(), order.clientName(), order.placedBy(), order.status(),
					order.total(), order.callId(), order.placedAt(), lines));
	}

	private static Order readHead(Readable row) {
		OffsetDateTime placed = row.get("placed_at", OffsetDateTime.class);
		return new Order(row.get("id", Long.class), row.get("client_id", Long.class),
				row.get("client_name", String.class), row.get("login", String.class),
				Order.Status.valueOf(row.get("status", String.class)), row.get("total", BigDecimal.class),
				// placed_at is not null in the schema
				row.get("call_id", String.class), placed.toInstant(), List.of());
	}

	/**
	 * An order was placed ({@code NEW}), shipped or cancelled: its state as the
	 * transaction left it.
	 */
	public record OrderChanged(Order order) {
	}

	/**
	 * A line to order: a SKU and how many units.
	 *
	 * @param backorder whether the units beyond the stock on hand may be reserved from
	 * the incoming batch
	 */
	public record NewLine(String sku, int quantity, boolean backorder) {

		public NewLine(String sku, int quantity) {
			this(sku, quantity, false);
		}

	}

}

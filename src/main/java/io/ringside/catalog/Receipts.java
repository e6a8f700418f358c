package io.ringside.catalog;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalEventPublisher;

import io.ringside.catalog.Orders.OrderChanged;
import io.ringside.web.NotFoundException;

/**
 * Batches arriving at the warehouse. A receipt fills the product's back orders, the
 * oldest order first (an order may be filled in part when the batch runs out), and puts
 * what is left in the stock on hand; the incoming batch shrinks by the units received
 * (never below zero, and its date goes once nothing more is incoming).
 * <p>
 * All in one transaction that locks the product row first: two receipts of one product
 * follow each other, and a cancellation (which locks its products first too) either comes
 * before, and its back order is not filled, or after, and gives back what was filled to
 * the stock. Each order filled is published as {@link OrderChanged} (the warehouse sees
 * its lines change) and {@link BackOrderFilled} (its owner is told).
 */
@Component
public class Receipts {

	private final DatabaseClient db;

	private final Orders orders;

	private final Products products;

	private final TransactionalEventPublisher events;

	Receipts(DatabaseClient db, Orders orders, Products products, ApplicationEventPublisher events) {
		this.db = db;
		this.orders = orders;
		this.products = products;
		this.events = new TransactionalEventPublisher(events);
	}

	/** Books a batch of {@code quantity} units (at least 1) of the product. */
	@Transactional
	public Mono<Receipt> book(String sku, int quantity) {
		return db.sql("select id from products where sku = :sku for update")
			.bind("sku", sku)
			.map(row -> row.get("id", Long.class))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Product", sku)))
			.flatMap(productId -> waiting(productId).collectList()
				.flatMap(waiting -> fill(productId, sku, quantity, waiting)));
	}

	private Flux<Waiting> waiting(long productId) {
		return db
			.sql("select l.order_id, o.client_id, l.backordered from order_lines l join orders o on o.id = l.order_id "
					+ "where l.product_id = :product and l.backordered > 0 and o.status = 'NEW' order by o.id "
					+ "for update of l")
			.bind("product", productId)
			.map(row -> new Waiting(row.get("order_id", Long.class), row.get("client_id", Long.class),
					row.get("backordered", Integer.class)))
			.all();
	}

	private Mono<Receipt> fill(long productId, String sku, int quantity, List<Waiting> waiting) {
		List<Filled> filled = new ArrayList<>();
		int left = quantity;
		for (Waiting line : waiting) {
			if (left == 0) {
				break;
			}
			int units = Math.min(left, line.backordered());
			left -= units;
			filled.add(new Filled(line.orderId(), line.clientId(), units, line.backordered() - units));
		}
		int toStock = left;
		int used = quantity - toStock;
		return Flux.fromIterable(filled)
			.concatMap(line -> db
				.sql("update order_lines set backordered = :still where order_id = :order and product_id = :product")
				.bind("still", line.stillBackordered())
				.bind("order", line.orderId())
				.bind("product", productId)
				.fetch()
				.rowsUpdated())
			.then(db
				.sql("update products set on_hand = on_hand + :toStock, incoming_reserved = incoming_reserved - :used, "
						+ "incoming = greatest(incoming - :quantity, 0), incoming_date = case when incoming - :quantity "
						+ "> 0 then incoming_date end, updated_at = now() where id = :id")
				.bind("toStock", toStock)
				.bind("used", used)
				.bind("quantity", quantity)
				.bind("id", productId)
				.fetch()
				.rowsUpdated())
			.thenMany(Flux.fromIterable(filled)
				.concatMap(line -> orders.require(line.orderId())
					.flatMap(order -> events.publishEvent(new OrderChanged(order))
						.then(events
							.publishEvent(new BackOrderFilled(order, sku, line.units(), line.stillBackordered())))
						.thenReturn(order))))
			.then(products.requireBySku(sku))
			.map(product -> new Receipt(sku, quantity, toStock, List.copyOf(filled), product));
	}

	/**
	 * A booked batch.
	 *
	 * @param toStock the units left after the back orders, now on hand
	 * @param filled the orders it filled, the oldest first
	 * @param product the product as the receipt left it
	 */
	public record Receipt(String sku, int quantity, int toStock, List<Filled> filled, Product product) {
	}

	/**
	 * An order's back-ordered line that a receipt filled.
	 *
	 * @param units the units it received
	 * @param stillBackordered what it still waits for (0 when filled completely)
	 */
	public record Filled(long orderId, long clientId, int units, int stillBackordered) {
	}

	/**
	 * A receipt gave units to a back-ordered order: {@code units} of {@code sku};
	 * {@code stillBackordered} of them it still waits for. The order as the receipt left
	 * it.
	 */
	public record BackOrderFilled(Order order, String sku, int units, int stillBackordered) {
	}

	private record Waiting(long orderId, long clientId, int backordered) {
	}

}

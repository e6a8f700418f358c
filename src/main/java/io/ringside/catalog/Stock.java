package io.ringside.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.ringside.catalog.Orders.NewLine;
import io.ringside.web.InvalidRequestException;

/**
 * The units an order holds: what it takes off the stock on hand and, for a back-ordered
 * line, what it reserves of the incoming batch.
 * <p>
 * Each product row is locked ({@code for update}) before its stock is read and changed,
 * so the check and the change are one step for everyone else: two orders for the last
 * units, or for the last incoming ones, never both get them. Everyone who changes stock
 * and orders together locks the products first, in SKU order, then the orders (placing,
 * cancelling, receipts), so none of them waits for another in a circle. Runs inside the
 * caller's transaction.
 */
@Component
class Stock {

	private final DatabaseClient db;

	Stock(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Reserves the lines, in the order given (sorted by SKU), or fails with
	 * {@link InsufficientStockException} at the first line that cannot have its units
	 * (the caller's transaction then leaves nothing behind).
	 */
	Flux<Reserved> reserve(List<NewLine> lines) {
		return Flux.fromIterable(lines).concatMap(this::reserve);
	}

	private Mono<Reserved> reserve(NewLine line) {
		return db
			.sql("select id, name, price, on_hand, incoming - incoming_reserved as free_incoming, incoming_date "
					+ "from products where sku = :sku for update")
			.bind("sku", line.sku())
			.map(row -> new Locked(row.get("id", Long.class), row.get("name", String.class),
					row.get("price", BigDecimal.class), row.get("on_hand", Integer.class),
					row.get("free_incoming", Integer.class), row.get("incoming_date", LocalDate.class)))
			.one()
			.switchIfEmpty(
					Mono.error(() -> new InvalidRequestException("lines.sku", "no product has SKU " + line.sku())))
			.flatMap(product -> {
				int fromStock = Math.min(product.onHand(), line.quantity());
				int backordered = line.quantity() - fromStock;
				if (backordered > 0 && (!line.backorder() || backordered > product.freeIncoming())) {
					return Mono.error(new InsufficientStockException(line.sku(), line.quantity(), product.onHand(),
							product.freeIncoming(), product.incomingDate()));
				}
				return db
					.sql("update products set on_hand = on_hand - :fromStock, "
							+ "incoming_reserved = incoming_reserved + :backordered, updated_at = now() where id = :id")
					.bind("fromStock", fromStock)
					.bind("backordered", backordered)
					.bind("id", product.id())
					.fetch()
					.rowsUpdated()
					.thenReturn(new Reserved(product.id(), line.sku(), product.name(), line.quantity(), product.price(),
							backordered, backordered > 0 ? product.incomingDate() : null));
			});
	}

	/**
	 * Locks the products of an order, in SKU order, ahead of a change of the order that
	 * gives their units back.
	 */
	Mono<Void> lockProductsOf(long orderId) {
		return db
			.sql("select p.id from products p join order_lines l on l.product_id = p.id where l.order_id = :id "
					+ "order by p.sku for update of p")
			.bind("id", orderId)
			.fetch()
			.all()
			.then();
	}

	/**
	 * Gives a cancelled order's units back: those taken off the stock to the stock, the
	 * back-ordered ones to the incoming batch.
	 */
	Mono<Long> release(long orderId) {
		return db
			.sql("update products p set on_hand = p.on_hand + l.quantity - l.backordered, "
					+ "incoming_reserved = p.incoming_reserved - l.backordered, updated_at = now() "
					+ "from order_lines l where l.order_id = :id and l.product_id = p.id")
			.bind("id", orderId)
			.fetch()
			.rowsUpdated();
	}

	private record Locked(long id, String name, BigDecimal price, int onHand, int freeIncoming,
			@Nullable LocalDate incomingDate) {
	}

	/** A line whose units are held: {@code backordered} of them on the incoming batch. */
	record Reserved(long productId, String sku, String name, int quantity, BigDecimal unitPrice, int backordered,
			@Nullable LocalDate expectedOn) {
	}

}

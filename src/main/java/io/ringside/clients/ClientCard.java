package io.ringside.clients;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.ringside.clients.Figures.ClientFigures;

/**
 * Everything a screen pop shows about a client, read at one moment.
 *
 * @param client the client with its owner and all its numbers
 * @param contacts in the order they were added, each with its own numbers
 * @param recentInteractions the newest entries of the history, newest first
 * @param openOrders orders still NEW, newest first
 * @param topProducts the products the client has bought most, by quantity over its orders
 * that were not cancelled, with their stock now
 * @param alsoBuy up to 5 products that clients of the same segment (industry) buy most
 * and this client has never bought, the first to offer first (see {@link Cards})
 */
public record ClientCard(Client client, ClientFigures figures, List<Contact> contacts,
		List<Interaction> recentInteractions, List<OpenOrder> openOrders, List<ProductStock> topProducts,
		List<Suggestion> alsoBuy) {

	/** An order that has not shipped yet; {@code total} is the order's own total. */
	public record OpenOrder(long id, Instant placedAt, String employeeLogin, BigDecimal total, List<OrderLine> lines) {
	}

	/** One line of an order, at the price the order was taken at. */
	public record OrderLine(String sku, String name, int quantity, BigDecimal unitPrice) {
	}

	/**
	 * A product with its stock.
	 *
	 * @param incoming units on their way, expected on {@code incomingDate}
	 * @param quantityBought units this client has bought over all its orders that were
	 * not cancelled
	 */
	public record ProductStock(String sku, String name, Map<String, Object> attributes, BigDecimal price, int onHand,
			int incoming, @Nullable LocalDate incomingDate, long quantityBought) {
	}

	/**
	 * A product to offer, with its stock.
	 *
	 * @param incoming units on their way, expected on {@code incomingDate}
	 * @param buyers how many other clients of the segment buy it (in orders that were not
	 * cancelled)
	 */
	public record Suggestion(String sku, String name, Map<String, Object> attributes, BigDecimal price, int onHand,
			int incoming, @Nullable LocalDate incomingDate, long buyers) {
	}

}

package io.ringside.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order of a client, placed by an employee, possibly during a call.
 *
 * @param status NEW until the warehouse ships it; the warehouse feed lists NEW orders
 */
public record Order(long id, long clientId, String clientName, String placedBy, Status status, BigDecimal total,
		@Nullable String callId, Instant placedAt, List<Line> lines) {

	/** Where an order is in its life. */
	public enum Status {

		NEW, SHIPPED, CANCELLED

	}

	/** One product of an order, at the price it had when the order was placed. */
	public record Line(String sku, String name, int quantity, BigDecimal unitPrice) {
	}

}

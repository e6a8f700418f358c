package io.ringside.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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

	/**
	 * One product of an order, at the price it had when the order was placed.
	 *
	 * @param backordered of {@code quantity}, the units that wait for the incoming batch
	 * (0 when all are reserved from the stock on hand, or once a receipt has filled them)
	 * @param expectedOn the batch's date when the line was back-ordered; null when it
	 * never was, or the batch had no date
	 */
	public record Line(String sku, String name, int quantity, BigDecimal unitPrice, int backordered,
			@Nullable LocalDate expectedOn) {
	}

	/** Whether some of its units still wait for an incoming batch. */
	public boolean waitsForStock() {
		return lines.stream().anyMatch(line -> line.backordered() > 0);
	}

}

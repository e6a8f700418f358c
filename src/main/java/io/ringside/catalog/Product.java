package io.ringside.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A product and its stock.
 *
 * @param attributes what tells variants apart (colour, turbo, ...)
 * @param onHand units in the warehouse now, never below zero
 * @param incoming units on their way, expected on {@code incomingDate}
 */
public record Product(long id, String sku, String name, Map<String, Object> attributes, BigDecimal price, int onHand,
		int incoming, @Nullable LocalDate incomingDate) {
}

package io.ringside.catalog;

import java.util.Map;

import io.ringside.web.ConflictException;

/** An order asks for more units than the warehouse has; nothing was reserved. */
public class InsufficientStockException extends ConflictException {

	public InsufficientStockException(String sku, int requested, int available) {
		super("Not enough stock", "Only " + available + " of " + sku + " in stock, " + requested + " requested",
				Map.of("sku", sku, "requested", requested, "available", available));
	}

}

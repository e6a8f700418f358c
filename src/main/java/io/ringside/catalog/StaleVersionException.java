package io.ringside.catalog;

/**
 * A change was asked for a version of a product that is no longer the stored one
 * (someone, or an order's reservation, changed it meanwhile). Nothing was written; read
 * it again and decide anew.
 */
public class StaleVersionException extends RuntimeException {

	private final long current;

	public StaleVersionException(String sku, long expected, long current) {
		super("Product " + sku + " is at version " + current + ", not " + expected + ": it changed meanwhile");
		this.current = current;
	}

	/** The version stored now. */
	public long current() {
		return current;
	}

}

package io.ringside.web;

import java.util.Map;

/**
 * The request is well formed but clashes with what is stored (a number that belongs to
 * another client, more units than the stock holds, ...). Nothing was written.
 *
 * @see InsufficientStockException
 */
public class ConflictException extends RuntimeException {

	private final String title;

	private final Map<String, Object> details;

	public ConflictException(String title, String detail, Map<String, Object> details) {
		super(detail);
		this.title = title;
		this.details = Map.copyOf(details);
	}

	public String title() {
		return title;
	}

	/**
	 * Extra members of the problem document, e.g. the client that already has the number.
	 */
	public Map<String, Object> details() {
		return details;
	}

}

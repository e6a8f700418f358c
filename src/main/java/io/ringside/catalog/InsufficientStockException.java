package io.ringside.catalog;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.ringside.web.ConflictException;

/**
 * An order asks for more units than the warehouse has; nothing was reserved. The problem
 * says what a back order could take: {@code incoming}, the units of the incoming batch
 * not yet back-ordered, and {@code expectedOn}, the batch's date (absent when it has
 * none).
 */
public class InsufficientStockException extends ConflictException {

	public InsufficientStockException(String sku, int requested, int available, int incoming,
			@Nullable LocalDate expectedOn) {
		super("Not enough stock", detail(sku, requested, available, incoming, expectedOn),
				details(sku, requested, available, incoming, expectedOn));
	}

	private static String detail(String sku, int requested, int available, int incoming,
			@Nullable LocalDate expectedOn) {
		String text = "Only " + available + " of " + sku + " in stock, " + requested + " requested";
		if (incoming > 0) {
			text += "; " + incoming + " more can be back-ordered" + (expectedOn == null ? "" : " for " + expectedOn);
		}
		return text;
	}

	private static Map<String, Object> details(String sku, int requested, int available, int incoming,
			@Nullable LocalDate expectedOn) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("sku", sku);
		details.put("requested", requested);
		details.put("available", available);
		details.put("incoming", incoming);
		if (expectedOn != null) {
			details.put("expectedOn", expectedOn.toString());
		}
		return details;
	}

}

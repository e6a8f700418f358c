package io.ringside.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.ringside.demo.DemoCompany.Product;

/**
 * The demo's products, read from {@code demo/catalogue.json}: for the steel works, for
 * the machine builders, for everyone, and the book's electric brooms (the green one with
 * turbo sold out until a batch arrives at the end of the month). Each product says what a
 * typical order takes of it and which trades buy it; an incoming batch arrives a number
 * of days from today ({@code P12D}) or at the end of the month ({@code END_OF_MONTH}).
 */
final class Catalogue {

	private static final String RESOURCE = "/demo/catalogue.json";

	private static final String END_OF_MONTH = "END_OF_MONTH";

	private Catalogue() {
	}

	/** The products as of {@code today}, in the file's order. */
	static List<Stock> asOf(LocalDate today) {
		JsonMapper json = JsonMapper.builder().build();
		try (InputStream in = Catalogue.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the classpath");
			}
			return List.of(json.readValue(in, Item[].class)).stream().map(item -> item.stock(json, today)).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A product with what a typical order takes of it, and the trades that buy it (none:
	 * everyone).
	 */
	record Stock(Product product, int minQuantity, int maxQuantity, Set<String> industries) {
	}

	/** A product as the file writes it. */
	private record Item(String sku, String name, JsonNode attributes, String price, int onHand, int incoming,
			@Nullable String arrivesIn, int minQuantity, int maxQuantity, List<String> industries) {

		Stock stock(JsonMapper json, LocalDate today) {
			LocalDate arrives = arrivesIn == null ? null : END_OF_MONTH.equals(arrivesIn)
					? YearMonth.from(today).atEndOfMonth() : today.plus(Period.parse(arrivesIn));
			return new Stock(new Product(sku, name, json.writeValueAsString(attributes), new BigDecimal(price), onHand,
					incoming, arrives), minQuantity, maxQuantity, Set.copyOf(industries));
		}

	}

}

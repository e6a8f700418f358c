package io.ringside.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.ringside.database.Constraints;
import io.ringside.database.Like;
import io.ringside.web.ConflictException;
import io.ringside.web.InvalidRequestException;
import io.ringside.web.NotFoundException;

/** The catalogue and its stock, as a manager checks it with a client on the line. */
@Component
public class Products {

	static final String COLUMNS = "id, sku, name, attributes, price, on_hand, incoming, incoming_date";

	private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final JsonMapper json;

	Products(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/**
	 * Products whose SKU, name or attributes contain the text (all when blank),
	 * optionally only those in stock.
	 */
	public Flux<Product> search(@Nullable String text, boolean inStockOnly, int limit) {
		String pattern = text == null || text.isBlank() ? "%" : "%" + Like.escape(text.trim()) + "%";
		return db.sql("select " + COLUMNS
				+ " from products where (sku ilike :p escape '\\' or name ilike :p escape '\\' "
				+ "or attributes::text ilike :p escape '\\') and (not :inStock or on_hand > 0) order by name, sku limit :limit")
			.bind("p", pattern)
			.bind("inStock", inStockOnly)
			.bind("limit", limit)
			.map(this::read)
			.all();
	}

	public Mono<Product> bySku(String sku) {
		return db.sql("select " + COLUMNS + " from products where sku = :sku").bind("sku", sku).map(this::read).one();
	}

	public Mono<Product> requireBySku(String sku) {
		return bySku(sku).switchIfEmpty(Mono.error(() -> new NotFoundException("Product", sku)));
	}

	public Mono<Product> create(Product product) {
		return db
			.sql("insert into products (sku, name, attributes, price, on_hand, incoming, incoming_date) values "
					+ "(:sku, :name, :attributes, :price, :onHand, :incoming, :incomingDate) returning " + COLUMNS)
			.bind("sku", product.sku().trim())
			.bind("name", product.name().trim())
			.bind("attributes", toJson(product.attributes()))
			.bind("price", product.price())
			.bind("onHand", product.onHand())
			.bind("incoming", product.incoming())
			.bind("incomingDate", Parameter.fromOrEmpty(product.incomingDate(), LocalDate.class))
			.map(this::read)
			.one()
			.onErrorMap(DataIntegrityViolationException.class,
					ex -> Constraints.is(ex, "products_sku_key") ? new ConflictException("SKU taken",
							"A product with SKU " + product.sku() + " exists", Map.of("sku", product.sku())) : ex);
	}

	/** The product with the version of its row, for an ETag. */
	public Mono<Versioned> requireVersioned(String sku) {
		return db.sql("select " + COLUMNS + ", version from products where sku = :sku")
			.bind("sku", sku)
			.map(row -> new Versioned(read(row), row.get("version", Long.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Product", sku)));
	}

	/**
	 * Changes what is given, in one statement; null leaves a field as it is.
	 * {@code onHandDelta} is added to the stock as it is then, so a reservation made
	 * since the caller looked is kept; the stock never goes below zero
	 * ({@link ConflictException}). With {@code expectedVersion} nothing is written unless
	 * the product is still at that version ({@link StaleVersionException}).
	 */
	public Mono<Versioned> update(String sku, ProductChanges changes, @Nullable Long expectedVersion) {
		if (changes.onHand() != null && changes.onHandDelta() != null) {
			return Mono.error(new InvalidRequestException("onHandDelta", "give onHand or onHandDelta, not both"));
		}
		return db
			.sql("update products set name = coalesce(:name, name), attributes = coalesce(:attributes, attributes), "
					+ "price = coalesce(:price, price), on_hand = coalesce(:onHand, on_hand + :delta), "
					+ "incoming = coalesce(:incoming, incoming), incoming_date = coalesce(:incomingDate, incoming_date), "
					+ "updated_at = now() where sku = :sku and (:version::bigint is null or version = :version) "
					+ "returning " + COLUMNS + ", version")
			.bind("sku", sku)
			.bind("name", Parameter.fromOrEmpty(changes.name(), String.class))
			.bind("attributes",
					Parameter.fromOrEmpty(changes.attributes() == null ? null : toJson(changes.attributes()),
							Json.class))
			.bind("price", Parameter.fromOrEmpty(changes.price(), BigDecimal.class))
			.bind("onHand", Parameter.fromOrEmpty(changes.onHand(), Integer.class))
			.bind("delta", changes.onHandDelta() == null ? 0 : changes.onHandDelta())
			.bind("incoming", Parameter.fromOrEmpty(changes.incoming(), Integer.class))
			.bind("incomingDate", Parameter.fromOrEmpty(changes.incomingDate(), LocalDate.class))
			.bind("version", Parameter.fromOrEmpty(expectedVersion, Long.class))
			.map(row -> new Versioned(read(row), row.get("version", Long.class)))
			.one()
			.onErrorMap(DataIntegrityViolationException.class,
					ex -> Constraints.is(ex,
							"products_on_hand_check")
									? new ConflictException("Not enough stock",
											"The stock of " + sku + " cannot go below zero",
											Map.of("sku", sku, "onHandDelta",
													changes.onHandDelta() == null ? 0 : changes.onHandDelta()))
									: Constraints.is(ex, "products_incoming_reserved_check")
											? new ConflictException("Incoming back-ordered",
													"Back orders hold more of the incoming " + sku
															+ " than that; book a receipt instead",
													Map.of("sku", sku))
											: ex)
			// Nothing written: the product is missing, or it is at another version than
			// expected.
			.switchIfEmpty(
					Mono.defer(() -> requireVersioned(sku).flatMap(current -> Mono.error(new StaleVersionException(sku,
							expectedVersion == null ? 0 : expectedVersion, current.version())))));
	}

	Map<String, Object> attributes(@Nullable Json value) {
		return value == null ? Map.of() : json.readValue(value.asString(), ATTRIBUTES);
	}

	private Json toJson(Map<String, Object> attributes) {
		return Json.of(json.writeValueAsString(attributes == null ? Map.of() : attributes));
	}

	Product read(Readable row) {
		return new Product(row.get("id", Long.class), row.get("sku", String.class), row.get("name", String.class),
				attributes(row.get("attributes", Json.class)), row.get("price", BigDecimal.class),
				row.get("on_hand", Integer.class), row.get("incoming", Integer.class),
				row.get("incoming_date", LocalDate.class));
	}

	/**
	 * Changes to a product; null leaves a field as it is.
	 *
	 * @param onHand the stock as counted, replacing what is stored
	 * @param onHandDelta units to add to the stock as it is when the change is written
	 * (negative to take away)
	 */
	public record ProductChanges(@Nullable String name, @Nullable Map<String, Object> attributes,
			@Nullable BigDecimal price, @Nullable Integer onHand, @Nullable Integer onHandDelta,
			@Nullable Integer incoming, @Nullable LocalDate incomingDate) {
	}

	/**
	 * A product and the version of its row, which every change of the row (an order's
	 * reservation too) raises. As JSON (in the audit trail) it is the product's fields
	 * and {@code version}.
	 */
	public record Versioned(@JsonUnwrapped Product product, long version) {
	}

}

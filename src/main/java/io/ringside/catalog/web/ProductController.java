package io.ringside.catalog.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.audit.Audit;
import io.ringside.audit.Subject;
import io.ringside.catalog.Product;
import io.ringside.catalog.Products;
import io.ringside.catalog.Products.ProductChanges;
import io.ringside.catalog.Products.Versioned;
import io.ringside.catalog.StaleVersionException;

/**
 * The catalogue with its stock: everyone searches it, the head of sales and the admin
 * change it.
 */
@RestController
@RequestMapping("/api/products")
class ProductController {

	private final Products products;

	private final Audit audit;

	ProductController(Products products, Audit audit) {
		this.products = products;
		this.audit = audit;
	}

	/**
	 * Products whose SKU, name or attributes contain {@code q}; {@code inStock=true}
	 * keeps those on hand.
	 */
	@GetMapping
	Flux<Product> search(@RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "false") boolean inStock,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return products.search(q, inStock, limit);
	}

	/**
	 * The product, with its version as the ETag that a PATCH of its stock sends back in
	 * {@code If-Match}.
	 */
	@GetMapping("/{sku}")
	Mono<ResponseEntity<Product>> one(@PathVariable String sku) {
		return products.requireVersioned(sku).map(ProductController::withETag);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Product> create(@Valid @RequestBody ProductForm form) {
		// A product without attributes has none: stored as {} either way.
		return audit.change("PRODUCT_CREATED", Mono.empty(),
				products.create(new Product(0, form.sku(), form.name(),
						form.attributes() == null ? Map.of() : form.attributes(), form.price(), form.onHand(),
						form.incoming() == null ? 0 : form.incoming(), form.incomingDate())),
				product -> Subject.of("product", product.sku(), null));
	}

	/**
	 * Changes what is given. The stock changes relatively ({@code onHandDelta}), or
	 * absolutely ({@code onHand}) only with {@code If-Match} (428 without it), so that a
	 * reservation made since the editor looked is never overwritten; with
	 * {@code If-Match} the whole change waits for that version (412 when the product
	 * changed meanwhile).
	 */
	@PatchMapping("/{sku}")
	@Operation(summary = "Changes a product. Stock: onHandDelta adds to the stock as it is then (a reservation made "
			+ "meanwhile is kept); onHand replaces it and needs If-Match with the ETag of GET /api/products/{sku}. "
			+ "With If-Match the whole change is made only if the product has not changed since.")
	@ApiResponse(responseCode = "200", description = "Changed; the new ETag is in the response")
	@ApiResponse(responseCode = "400", description = "Invalid, or onHand and onHandDelta together",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "onHandDelta would take the stock below zero",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "412",
			description = "The product changed since that ETag (an order reserved "
					+ "stock, say); the current ETag is in the response",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "428", description = "onHand without If-Match",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<ResponseEntity<Product>> update(@PathVariable String sku, @Valid @RequestBody ProductUpdate update,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		Long version = ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*") ? null : version(ifMatch);
		if (update.onHand() != null && version == null) {
			return Mono.error(new PreconditionRequired());
		}
		return audit
			.change("PRODUCT_UPDATED", Subject.of("product", sku, null), products.bySku(sku),
					products.update(sku,
							new ProductChanges(update.name(), update.attributes(), update.price(), update.onHand(),
									update.onHandDelta(), update.incoming(), update.incomingDate()),
							version))
			.map(ProductController::withETag);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> stale(StaleVersionException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, ex.getMessage());
		problem.setTitle("Changed meanwhile");
		return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(eTag(ex.current())).body(problem);
	}

	@ExceptionHandler
	ProblemDetail preconditionRequired(PreconditionRequired ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_REQUIRED, ex.getMessage());
		problem.setTitle("If-Match required");
		return problem;
	}

	private static ResponseEntity<Product> withETag(Versioned versioned) {
		return ResponseEntity.ok().eTag(eTag(versioned.version())).body(versioned.product());
	}

	private static String eTag(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * The version in a strong ETag of ours; anything else matches no version (-1), as
	 * If-Match then requires.
	 */
	private static long version(String ifMatch) {
		String tag = ifMatch.trim();
		if (tag.length() < 3 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
			return -1;
		}
		try {
			return Long.parseLong(tag.substring(1, tag.length() - 1));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** An absolute stock was sent without the version it replaces. */
	static final class PreconditionRequired extends RuntimeException {

		PreconditionRequired() {
			super("Setting onHand replaces the stock: send the product's ETag in If-Match (from GET "
					+ "/api/products/{sku}), or change it by onHandDelta");
		}

	}

	record ProductForm(@NotBlank @Size(max = 64) String sku, @NotBlank @Size(max = 300) String name,
			@Nullable Map<String, Object> attributes, @NotNull @DecimalMin("0.00") BigDecimal price,
			@NotNull @PositiveOrZero Integer onHand, @PositiveOrZero @Nullable Integer incoming,
			@Nullable LocalDate incomingDate) {
	}

	record ProductUpdate(@Size(min = 1, max = 300) @Nullable String name, @Nullable Map<String, Object> attributes,
			@DecimalMin("0.00") @Nullable BigDecimal price, @PositiveOrZero @Nullable Integer onHand,
			@Nullable Integer onHandDelta, @PositiveOrZero @Nullable Integer incoming,
			@Nullable LocalDate incomingDate) {
	}

}

package io.ringside.crm.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.audit.Audit;
import io.ringside.audit.Subject;
import io.ringside.crm.Product;
import io.ringside.crm.Products;
import io.ringside.crm.Products.ProductChanges;

/** The catalogue with its stock: everyone searches it, the head of sales and the admin change it. */
@RestController
@RequestMapping("/api/products")
class ProductController {

	private final Products products;

	private final Audit audit;

	ProductController(Products products, Audit audit) {
		this.products = products;
		this.audit = audit;
	}

	/** Products whose SKU, name or attributes contain {@code q}; {@code inStock=true} keeps those on hand. */
	@GetMapping
	Flux<Product> search(@RequestParam(required = false) String q,
			@RequestParam(defaultValue = "false") boolean inStock,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return products.search(q, inStock, limit);
	}

	@GetMapping("/{sku}")
	Mono<Product> one(@PathVariable String sku) {
		return products.requireBySku(sku);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Product> create(@Valid @RequestBody ProductForm form) {
		return audit.change("PRODUCT_CREATED", Mono.empty(), products.create(new Product(0, form.sku(), form.name(),
				form.attributes(), form.price(), form.onHand(), form.incoming() == null ? 0 : form.incoming(),
				form.incomingDate())), product -> Subject.of("product", product.sku(), null));
	}

	@PatchMapping("/{sku}")
	Mono<Product> update(@PathVariable String sku, @Valid @RequestBody ProductUpdate update) {
		return audit.change("PRODUCT_UPDATED", Subject.of("product", sku, null), products.bySku(sku),
				products.update(sku, new ProductChanges(update.name(), update.attributes(), update.price(),
						update.onHand(), update.incoming(), update.incomingDate())));
	}

	record ProductForm(@NotBlank @Size(max = 64) String sku, @NotBlank @Size(max = 300) String name,
			Map<String, Object> attributes, @NotNull @DecimalMin("0.00") BigDecimal price,
			@NotNull @PositiveOrZero Integer onHand, @PositiveOrZero Integer incoming, LocalDate incomingDate) {
	}

	record ProductUpdate(@Size(min = 1, max = 300) String name, Map<String, Object> attributes,
			@DecimalMin("0.00") BigDecimal price, @PositiveOrZero Integer onHand, @PositiveOrZero Integer incoming,
			LocalDate incomingDate) {
	}

}

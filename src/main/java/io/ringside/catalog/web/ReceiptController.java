package io.ringside.catalog.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.audit.Audit;
import io.ringside.audit.Subject;
import io.ringside.catalog.Products;
import io.ringside.catalog.Receipts;
import io.ringside.catalog.Receipts.Receipt;

/**
 * Batches arriving at the warehouse (the warehouse, the head of sales and the admin):
 * each fills the product's back orders, oldest first, and the rest goes to the stock.
 */
@RestController
class ReceiptController {

	private final Receipts receipts;

	private final Products products;

	private final Audit audit;

	ReceiptController(Receipts receipts, Products products, Audit audit) {
		this.receipts = receipts;
		this.products = products;
		this.audit = audit;
	}

	/**
	 * Books a batch of the product; audited once for the product and once for each order
	 * it filled.
	 */
	@PostMapping("/api/products/{sku}/receipts")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Receipt> book(@PathVariable String sku, @Valid @RequestBody ReceiptForm form) {
		return audit.changes("RECEIPT_BOOKED", products.bySku(sku), receipts.book(sku, form.quantity()),
				ReceiptController::subjects);
	}

	private static List<Subject> subjects(Receipt receipt) {
		List<Subject> subjects = new ArrayList<>();
		subjects.add(Subject.of("product", receipt.sku(), null));
		receipt.filled().forEach(filled -> subjects.add(Subject.of("order", filled.orderId(), filled.clientId())));
		return subjects;
	}

	record ReceiptForm(@Min(1) @Max(1_000_000) int quantity) {
	}

}

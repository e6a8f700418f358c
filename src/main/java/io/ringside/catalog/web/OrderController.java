package io.ringside.catalog.web;

import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.audit.Audit;
import io.ringside.audit.Subject;
import io.ringside.catalog.Order;
import io.ringside.catalog.Orders;
import io.ringside.catalog.Orders.NewLine;
import io.ringside.clients.Clients;
import io.ringside.team.Employees;
import io.ringside.web.NotFoundException;

/** Orders of a client, and the warehouse's feed of new orders. */
@RestController
@RequestMapping("/api")
class OrderController {

	private final Orders orders;

	private final Clients clients;

	private final Employees employees;

	private final Audit audit;

	OrderController(Orders orders, Clients clients, Employees employees, Audit audit) {
		this.orders = orders;
		this.clients = clients;
		this.employees = employees;
		this.audit = audit;
	}

	/**
	 * Places an order: the stock is reserved at once and the order is in the warehouse
	 * feed. A line with {@code "backorder": true} reserves what the stock lacks from the
	 * incoming batch. 409 when a line asks for more than the stock holds (and,
	 * back-ordered, than the batch); then nothing is reserved.
	 */
	@PostMapping("/clients/{id}/orders")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Order> place(@PathVariable long id, @Valid @RequestBody OrderForm form, Principal principal) {
		return employees.requireByLogin(principal.getName())
			.flatMap(actor -> audit.change("ORDER_PLACED", Mono.empty(),
					orders.place(id, form.lines().stream().map(LineForm::toLine).toList(), actor, form.callId()),
					order -> Subject.of("order", order.id(), order.clientId())));
	}

	@GetMapping("/clients/{id}/orders")
	Flux<Order> forClient(@PathVariable long id, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return clients.require(id).thenMany(orders.forClient(id, limit));
	}

	@GetMapping("/orders/{orderId}")
	Mono<Order> one(@PathVariable long orderId) {
		return orders.require(orderId);
	}

	/** Cancels a NEW order and puts its units back in stock. */
	@PostMapping("/clients/{id}/orders/{orderId}/cancel")
	Mono<Order> cancel(@PathVariable long id, @PathVariable long orderId, Principal principal) {
		return employees.requireByLogin(principal.getName())
			.flatMap(actor -> orders.require(orderId)
				.filter(order -> order.clientId() == id)
				.switchIfEmpty(Mono.error(() -> new NotFoundException("Order", orderId)))
				.flatMap(order -> audit.change("ORDER_CANCELLED", Subject.of("order", orderId, id), Mono.just(order),
						orders.cancel(orderId, actor))));
	}

	/**
	 * New orders, oldest first; {@code after} is the last order id the warehouse has
	 * seen.
	 */
	@GetMapping("/warehouse/orders")
	Flux<Order> warehouseFeed(@RequestParam(defaultValue = "0") @Min(0) long after,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		return orders.warehouseFeed(after, limit);
	}

	@PostMapping("/warehouse/orders/{orderId}/ship")
	Mono<Order> ship(@PathVariable long orderId) {
		return audit.change("ORDER_SHIPPED", orders.require(orderId).onErrorComplete(NotFoundException.class),
				orders.ship(orderId), order -> Subject.of("order", orderId, order.clientId()));
	}

	record OrderForm(@NotEmpty @Size(max = Orders.MAX_LINES) List<@Valid @NotNull LineForm> lines,
			@Size(max = 64) @Nullable String callId) {
	}

	record LineForm(@NotNull @Size(min = 1, max = 64) String sku, @Min(1) @Max(1_000_000) int quantity,
			@Nullable Boolean backorder) {

		NewLine toLine() {
			return new NewLine(sku, quantity, Boolean.TRUE.equals(backorder));
		}

	}

}

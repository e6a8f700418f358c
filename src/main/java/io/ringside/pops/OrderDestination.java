package io.ringside.pops;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.ringside.catalog.Orders;
import io.ringside.catalog.Orders.NewLine;
import io.ringside.push.AppDestination;
import io.ringside.team.Employees;

/**
 * {@code /app/orders}: from the card, an order for the client, as {@code POST
 * /api/clients/{id}/orders}:
 * {@code {"clientId":40,"lines":[{"sku":"PIPE-57","quantity":2}],"callId":"..."}}. The
 * stock is reserved at once and the order is in the client's history; a line asking for
 * more than the stock holds refuses the whole order and nothing is reserved.
 */
@Component
class OrderDestination implements AppDestination {

	private static final String EXPECTED = "{\"clientId\":40,\"lines\":[{\"sku\":\"...\",\"quantity\":1}],\"callId\":\"...\"}";

	private final Orders orders;

	private final Employees employees;

	private final JsonMapper json;

	OrderDestination(Orders orders, Employees employees, JsonMapper json) {
		this.orders = orders;
		this.employees = employees;
		this.json = json;
		json.readValue("{\"lines\":[{}]}", OrderForm.class);
	}

	@Override
	public String destination() {
		return "/app/orders";
	}

	@Override
	public Mono<Void> handle(Sent frame) {
		return Mono.fromCallable(() -> valid(Refusals.read(json, frame.body(), OrderForm.class, EXPECTED)))
			.flatMap(order -> Refusals.explained(employees.requireByLogin(frame.login())
				.flatMap(actor -> orders.place(order.clientId(), order.lines()
					.stream()
					.map(line -> new NewLine(line.sku(), line.quantity(), Boolean.TRUE.equals(line.backorder())))
					.toList(), actor, order.callId()))))
			.then();
	}

	private static OrderForm valid(OrderForm order) {
		StringBuilder complaints = new StringBuilder();
		if (order.clientId() == null) {
			complaints.append("clientId is required; ");
		}
		if (order.lines() == null || order.lines().isEmpty()) {
			complaints.append("lines: at least one is required; ");
		}
		else if (order.lines().size() > Orders.MAX_LINES) {
			complaints.append("lines: at most ").append(Orders.MAX_LINES).append("; ");
		}
		else {
			for (int i = 0; i < order.lines().size(); i++) {
				LineForm line = order.lines().get(i);
				if (line == null) {
					complaints.append("lines[").append(i).append("] is empty; ");
					continue;
				}
				Refusals.text(complaints, "lines[" + i + "].sku", line.sku(), 64, true);
				if (line.quantity() == null || line.quantity() < 1 || line.quantity() > 1_000_000) {
					complaints.append("lines[").append(i).append("].quantity must be 1 to 1000000; ");
				}
			}
		}
		Refusals.text(complaints, "callId", order.callId(), 64, false);
		Refusals.check(complaints);
		return order;
	}

	record OrderForm(Long clientId, List<LineForm> lines, String callId) {
	}

	/**
	 * A line; {@code backorder} as in {@code POST /api/clients/{id}/orders}, absent
	 * meaning no.
	 */
	record LineForm(String sku, Integer quantity, @Nullable Boolean backorder) {
	}

}

package io.ringside.warehouse;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.messaging.simp.stomp.StompCommand;

import io.ringside.catalog.Order;
import io.ringside.catalog.Product;
import io.ringside.clients.Client;
import io.ringside.push.Push;
import io.ringside.push.StompClient;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static io.ringside.push.StompClient.command;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receipt that fills a back order (issue #14) tells whoever placed the order on
 * {@code /user/queue/notifications}, and the warehouse sees the filled order on
 * {@code /topic/warehouse}; someone else's queue gets nothing.
 */
class BackOrderNoticesIntegrationTests extends IntegrationTest {

	private static final Duration AT_ONCE = Duration.ofSeconds(3);

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Test
	@SuppressWarnings("unchecked")
	void theOwnerOfEachFilledOrderIsToldAndTheWarehouseSeesItFilled() {
		Employee manager = data.employee(Role.MANAGER);
		Employee other = data.employee(Role.MANAGER);
		Employee warehouse = data.employee(Role.WAREHOUSE);
		Client client = data.client(manager);
		Product broom = data.product("Electric broom, green, turbo", new BigDecimal("2700.00"), 0, 10,
				LocalDate.of(2030, 1, 31));
		Order order = as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines", List.of(Map.of("sku", broom.sku(), "quantity", 4, "backorder", true))))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();

		try (StompClient owner = subscribed(manager, "/user/queue/notifications");
				StompClient bystander = subscribed(other, "/user/queue/notifications");
				StompClient floor = subscribed(warehouse, Push.WAREHOUSE)) {
			as(warehouse.login()).post()
				.uri("/api/products/{sku}/receipts", broom.sku())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("quantity", 3))
				.exchange()
				.expectStatus()
				.isCreated();

			Map<String, Object> notice = message(owner, body -> "BACK_ORDER_FILLED".equals(body.get("type")));
			assertThat(notice).containsEntry("orderId", (int) order.id())
				.containsEntry("owner", manager.login())
				.containsEntry("sku", broom.sku())
				.containsEntry("units", 3)
				.containsEntry("stillBackordered", 1);
			assertThat((Map<String, Object>) notice.get("client")).containsEntry("id", (int) client.id());
			assertThat((String) notice.get("text")).contains("3 x Electric broom, green, turbo", "1 still awaited");

			Map<String, Object> filled = message(floor, body -> ((Number) body.get("id")).longValue() == order.id());
			assertThat((List<Map<String, Object>>) filled.get("lines")).singleElement()
				.satisfies(line -> assertThat(line).containsEntry("backordered", 1));

			bystander.commands()
				.filter(frame -> command(frame) == StompCommand.MESSAGE)
				.take(AT_ONCE)
				.as(StepVerifier::create)
				.verifyComplete();
		}
	}

	private StompClient subscribed(Employee employee, String destination) {
		StompClient page = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"), employee.login(),
				TestData.PASSWORD, "0,0");
		page.send(StompCommand.SUBSCRIBE, Map.of("id", "s", "destination", destination, "receipt", "r"));
		page.commands()
			.filter(frame -> command(frame) == StompCommand.RECEIPT)
			.next()
			.as(StepVerifier::create)
			.expectNextCount(1)
			.verifyComplete();
		return page;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> message(StompClient page, Predicate<Map<String, Object>> which) {
		Map<String, Object> found = page.commands()
			.filter(frame -> command(frame) == StompCommand.MESSAGE)
			.map(frame -> (Map<String, Object>) json.readValue(StompClient.body(frame), Map.class))
			.filter(which)
			.next()
			.block(AT_ONCE);
		assertThat(found).as("the message").isNotNull();
		return found;
	}

}

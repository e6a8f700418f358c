package io.ringside.warehouse;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
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
import static io.ringside.push.StompClient.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /topic/warehouse} over real sockets (issue #12): an order reaches the warehouse
 * the moment it is placed, over REST or from the card, instead of at the page's next
 * reading of the feed; shipping and cancelling follow; a manager may not subscribe.
 */
class WarehouseTopicIntegrationTests extends IntegrationTest {

	/**
	 * The page read the feed every 5 s; "at once" is well inside that, even on a busy
	 * test machine.
	 */
	private static final Duration AT_ONCE = Duration.ofSeconds(3);

	private static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	private Employee manager;

	private Client client;

	private Product product;

	@BeforeEach
	void aManagerAClientAndAProduct() {
		manager = data.employee(Role.MANAGER);
		client = data.client(manager);
		product = data.product("Electric broom, brown, turbo", new BigDecimal("2500.00"), 20);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aNewOrderReachesTheWarehouseAtOnceThenItsShipment() {
		Employee warehouse = data.employee(Role.WAREHOUSE);
		try (StompClient page = subscribed(warehouse)) {
			Order placed = place();
			Map<String, Object> message = order(page, placed.id(), "NEW", AT_ONCE);
			assertThat(message).containsEntry("clientId", (int) client.id())
				.containsEntry("clientName", client.name())
				.containsEntry("placedBy", manager.login());
			assertThat((List<Map<String, Object>>) message.get("lines")).singleElement()
				.satisfies(line -> assertThat(line).containsEntry("sku", product.sku()).containsEntry("quantity", 2));

			as(warehouse.login()).post()
				.uri("/api/warehouse/orders/{id}/ship", placed.id())
				.exchange()
				.expectStatus()
				.isOk();
			order(page, placed.id(), "SHIPPED", AT_ONCE);
		}
	}

	@Test
	void anOrderFromTheCardAndItsCancellationReachTheHeadOfSalesToo() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		try (StompClient page = subscribed(head); StompClient card = connect(manager)) {
			card.send(StompCommand.SEND,
					Map.of("destination", "/app/orders", "receipt", "sent", "content-type", "application/json"),
					("{\"clientId\":" + client.id() + ",\"lines\":[{\"sku\":\"" + product.sku()
							+ "\",\"quantity\":1}]}")
						.getBytes(StandardCharsets.UTF_8));
			Map<String, Object> placed = message(page, body -> "NEW".equals(body.get("status"))
					&& ((Number) body.get("clientId")).longValue() == client.id(), AT_ONCE);
			long id = ((Number) placed.get("id")).longValue();

			as(manager.login()).post()
				.uri("/api/clients/{c}/orders/{o}/cancel", client.id(), id)
				.exchange()
				.expectStatus()
				.isOk();
			order(page, id, "CANCELLED", AT_ONCE);
		}
	}

	@Test
	void aManagerCannotSubscribeAndGetsNoOrders() {
		try (StompClient refused = connect(manager)) {
			refused.subscribe("warehouse", Push.WAREHOUSE);
			refused.commands().skip(1).next().as(StepVerifier::create).assertNext(frame -> {
				assertThat(command(frame)).isEqualTo(StompCommand.ERROR);
				assertThat(header(frame, "message"))
					.isEqualTo("Access denied: /topic/warehouse is for the warehouse, the head of sales and the admin");
			}).verifyComplete();
			place();
			refused.commands()
				.map(StompClient::command)
				.as(StepVerifier::create)
				.expectNext(StompCommand.CONNECTED, StompCommand.ERROR)
				.expectComplete()
				.verify(WAIT);
		}
	}

	private StompClient connect(Employee employee) {
		return StompClient.connect(URI.create("ws://localhost:" + port + "/ws"), employee.login(), TestData.PASSWORD,
				"0,0");
	}

	/** Signed in and subscribed to the topic: its RECEIPT has come. */
	private StompClient subscribed(Employee employee) {
		StompClient page = connect(employee);
		page.send(StompCommand.SUBSCRIBE, Map.of("id", "warehouse", "destination", Push.WAREHOUSE, "receipt", "r"));
		page.commands()
			.filter(frame -> command(frame) == StompCommand.RECEIPT)
			.next()
			.as(StepVerifier::create)
			.expectNextCount(1)
			.verifyComplete();
		return page;
	}

	private Order place() {
		return as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines", List.of(Map.of("sku", product.sku(), "quantity", 2))))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();
	}

	private Map<String, Object> order(StompClient page, long id, String status, Duration within) {
		return message(page, body -> ((Number) body.get("id")).longValue() == id && status.equals(body.get("status")),
				within);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> message(StompClient page, Predicate<Map<String, Object>> which, Duration within) {
		Map<String, Object> found = page.commands()
			.filter(frame -> command(frame) == StompCommand.MESSAGE)
			.map(frame -> (Map<String, Object>) json.readValue(StompClient.body(frame), Map.class))
			.filter(which)
			.next()
			.block(within);
		assertThat(found).as("the message on " + Push.WAREHOUSE).isNotNull();
		return found;
	}

}

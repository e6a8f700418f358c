package io.ringside.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.ringside.clients.Client;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

class OrdersIntegrationTests extends IntegrationTest {

	@Autowired
	DatabaseClient db;

	@LocalServerPort
	int port;

	@Test
	void anOrderReservesStockAtOnceAndAppearsInTheWarehouseFeedAndTheHistory() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		Product broom = data.product("Electric broom, brown, turbo", new BigDecimal("2500.00"), 10);
		long lastSeen = lastOrderId();

		Order order = as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines", List.of(Map.of("sku", broom.sku(), "quantity", 4))))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();

		assertThat(order.total()).isEqualByComparingTo("10000.00");
		assertThat(order.status()).isEqualTo(Order.Status.NEW);
		assertThat(data.onHand(broom.sku())).isEqualTo(6);
		as(manager.login()).get()
			.uri(uri -> uri.path("/api/warehouse/orders").queryParam("after", lastSeen).build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.id == " + order.id() + ")].lines[0].quantity")
			.isEqualTo(4);
		as(manager.login()).get()
			.uri("/api/clients/{id}/interactions", client.id())
			.exchange()
			.expectBody()
			.jsonPath("$[0].kind")
			.isEqualTo("ORDER")
			.jsonPath("$[0].orderId")
			.isEqualTo(order.id());
	}

	@Test
	void anOrderForMoreThanTheStockIs409AndLeavesStockAndOrdersUnchanged() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		Product plenty = data.product("Shovel", new BigDecimal("300.00"), 50);
		Product scarce = data.product("Electric broom, green, no turbo", new BigDecimal("2000.00"), 2);

		as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines",
					List.of(Map.of("sku", plenty.sku(), "quantity", 5), Map.of("sku", scarce.sku(), "quantity", 3))))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.sku")
			.isEqualTo(scarce.sku())
			.jsonPath("$.requested")
			.isEqualTo(3)
			.jsonPath("$.available")
			.isEqualTo(2);

		assertThat(data.onHand(plenty.sku())).isEqualTo(50);
		assertThat(data.onHand(scarce.sku())).isEqualTo(2);
		assertThat(count("select count(*) as n from orders where client_id = " + client.id())).isZero();
		assertThat(count("select count(*) as n from interactions where kind = 'ORDER' and client_id = " + client.id()))
			.isZero();
	}

	@Test
	void ofConcurrentOrdersForTheLastUnitExactlyOneWins() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		Product last = data.product("Electric broom, green, turbo", new BigDecimal("2700.00"), 1);
		WebClient http = WebClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeaders(h -> h.setBasicAuth(manager.login(), TestData.PASSWORD))
			.build();

		List<Integer> statuses = Flux.range(0, 8)
			.flatMap(i -> http.post()
				.uri("/api/clients/{id}/orders", client.id())
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.bodyValue(Map.of("lines", List.of(Map.of("sku", last.sku(), "quantity", 1))))
				.exchangeToMono(response -> Mono.just(response.statusCode().value())), 8)
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(statuses).containsOnly(201, 409);
		assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
		assertThat(data.onHand(last.sku())).isZero();
		assertThat(count("select count(*) as n from orders where client_id = " + client.id())).isEqualTo(1);
	}

	@Test
	void unknownSkusRepeatedLinesAndEmptyOrdersAre400() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		Product product = data.product("Rake", new BigDecimal("150.00"), 5);

		as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines", List.of(Map.of("sku", "NO-SUCH-" + data.unique(), "quantity", 1))))
			.exchange()
			.expectStatus()
			.isBadRequest();
		as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines",
					List.of(Map.of("sku", product.sku(), "quantity", 1), Map.of("sku", product.sku(), "quantity", 2))))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("lines[1].sku");
		as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines", List.of()))
			.exchange()
			.expectStatus()
			.isBadRequest();
		as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines", List.of(Map.of("sku", product.sku(), "quantity", 0))))
			.exchange()
			.expectStatus()
			.isBadRequest();
		assertThat(data.onHand(product.sku())).isEqualTo(5);
	}

	@Test
	void aManagerCannotOrderForAnotherManagersClientButTheHeadOfSalesCan() {
		Employee owner = data.employee(Role.MANAGER);
		Employee colleague = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Client client = data.client(owner);
		Product product = data.product("Bucket", new BigDecimal("100.00"), 5);
		Map<String, Object> body = Map.of("lines", List.of(Map.of("sku", product.sku(), "quantity", 1)));

		as(colleague.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isForbidden();
		as(head.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.placedBy")
			.isEqualTo(head.login());
		assertThat(data.onHand(product.sku())).isEqualTo(4);
	}

	@Test
	void shippingLeavesTheFeedAndCancellingReturnsTheUnits() {
		Employee manager = data.employee(Role.MANAGER);
		Employee warehouse = data.employee(Role.WAREHOUSE);
		Client client = data.client(manager);
		Product product = data.product("Mop", new BigDecimal("90.00"), 10);
		Map<String, Object> body = Map.of("lines", List.of(Map.of("sku", product.sku(), "quantity", 3)));
		long lastSeen = lastOrderId();

		Order shipped = place(manager, client, body);
		Order cancelled = place(manager, client, body);
		assertThat(data.onHand(product.sku())).isEqualTo(4);

		as(warehouse.login()).post()
			.uri("/api/warehouse/orders/{id}/ship", shipped.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("SHIPPED");
		as(warehouse.login()).post()
			.uri("/api/warehouse/orders/{id}/ship", shipped.id())
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		as(manager.login()).post()
			.uri("/api/clients/{c}/orders/{o}/cancel", client.id(), cancelled.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");

		assertThat(data.onHand(product.sku())).isEqualTo(7);
		as(manager.login()).get()
			.uri(uri -> uri.path("/api/warehouse/orders").queryParam("after", lastSeen).build())
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.clientId == " + client.id() + ")]")
			.doesNotExist();
	}

	/**
	 * Issue #12: shipping is the warehouse's and the admin's. A manager who shipped any
	 * order also took it out of cancellation's reach; now the manager gets 403, the order
	 * stays NEW and can still be cancelled.
	 */
	@Test
	void aManagerCannotShipTheWarehouseAndTheAdminCanAndARefusedOrderCanStillBeCancelled() {
		Employee manager = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Employee warehouse = data.employee(Role.WAREHOUSE);
		Employee admin = data.employee(Role.ADMIN);
		Client client = data.client(manager);
		Product product = data.product("Broom handle", new BigDecimal("40.00"), 10);
		Map<String, Object> body = Map.of("lines", List.of(Map.of("sku", product.sku(), "quantity", 2)));
		Order refused = place(manager, client, body);
		Order byWarehouse = place(manager, client, body);
		Order byAdmin = place(manager, client, body);

		for (Employee notWarehouse : List.of(manager, head)) {
			as(notWarehouse.login()).post()
				.uri("/api/warehouse/orders/{id}/ship", refused.id())
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentType("application/problem+json")
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("Your role does not allow this");
		}
		as(warehouse.login()).post()
			.uri("/api/warehouse/orders/{id}/ship", byWarehouse.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("SHIPPED");
		as(admin.login()).post()
			.uri("/api/warehouse/orders/{id}/ship", byAdmin.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("SHIPPED");
		as(manager.login()).get()
			.uri("/api/orders/{id}", refused.id())
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("NEW");
		as(manager.login()).post()
			.uri("/api/clients/{c}/orders/{o}/cancel", client.id(), refused.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");

		assertThat(data.onHand(product.sku())).isEqualTo(6);
	}

	/**
	 * The warehouse reads the feed and ships; it places no orders, as it changes no
	 * client.
	 */
	@Test
	void theWarehouseReadsTheFeedButPlacesNoOrders() {
		Employee manager = data.employee(Role.MANAGER);
		Employee warehouse = data.employee(Role.WAREHOUSE);
		Client client = data.client(manager);
		Product product = data.product("Dustpan", new BigDecimal("25.00"), 5);
		long lastSeen = lastOrderId();
		Order order = place(manager, client, Map.of("lines", List.of(Map.of("sku", product.sku(), "quantity", 1))));

		as(warehouse.login()).get()
			.uri(uri -> uri.path("/api/warehouse/orders").queryParam("after", lastSeen).build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.id == " + order.id() + ")].status")
			.isEqualTo("NEW");
		as(warehouse.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines", List.of(Map.of("sku", product.sku(), "quantity", 1))))
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(data.onHand(product.sku())).isEqualTo(4);
	}

	private Order place(Employee manager, Client client, Map<String, Object> body) {
		return as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();
	}

	private long lastOrderId() {
		return count("select coalesce(max(id), 0) as n from orders");
	}

	private long count(String sql) {
		return db.sql(sql).map(row -> ((Number) row.get("n")).longValue()).one().block(Duration.ofSeconds(5));
	}

}

package io.ringside.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.function.client.WebClient;

import io.ringside.clients.Client;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back orders against an incoming batch (issue #14, the book's green turbo broom): the
 * order takes what is on hand and reserves the rest of the batch, never beyond it; a
 * receipt fills the back orders oldest first; a cancellation gives the batch back.
 */
class BackOrdersIntegrationTests extends IntegrationTest {

	private static final LocalDate END_OF_MONTH = LocalDate.of(2030, 1, 31);

	@Autowired
	DatabaseClient db;

	@LocalServerPort
	int port;

	@Test
	void aBackOrderTakesTheStockOnHandAndReservesTheRestOfTheIncomingBatch() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		Product broom = broom(2, 10);

		Order order = place(manager, client, broom, 5, true).expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();

		assertThat(order.lines()).singleElement().satisfies(line -> {
			assertThat(line.quantity()).isEqualTo(5);
			assertThat(line.backordered()).isEqualTo(3);
			assertThat(line.expectedOn()).isEqualTo(END_OF_MONTH);
		});
		assertThat(order.total()).isEqualByComparingTo("13500.00");
		assertThat(stock(broom)).isEqualTo(new StockRow(0, 10, 3, END_OF_MONTH));
		as(manager.login()).get()
			.uri("/api/orders/{id}", order.id())
			.exchange()
			.expectBody()
			.jsonPath("$.lines[0].backordered")
			.isEqualTo(3)
			.jsonPath("$.lines[0].expectedOn")
			.isEqualTo("2030-01-31");
	}

	@Test
	void aBackOrderThatTheStockCoversReservesNothingOfTheBatch() {
		Employee manager = data.employee(Role.MANAGER);
		Product broom = broom(4, 10);

		place(manager, data.client(manager), broom, 4, true).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.lines[0].backordered")
			.isEqualTo(0)
			.jsonPath("$.lines[0].expectedOn")
			.doesNotExist();

		assertThat(stock(broom)).isEqualTo(new StockRow(0, 10, 0, END_OF_MONTH));
	}

	@Test
	void withoutTheFlagTheConflictSaysHowMuchIsIncomingAndWhen() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		Product broom = broom(1, 10);

		place(manager, client, broom, 5, false).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Not enough stock")
			.jsonPath("$.available")
			.isEqualTo(1)
			.jsonPath("$.incoming")
			.isEqualTo(10)
			.jsonPath("$.expectedOn")
			.isEqualTo("2030-01-31");

		assertThat(stock(broom)).isEqualTo(new StockRow(1, 10, 0, END_OF_MONTH));
		assertThat(count("select count(*) as n from orders where client_id = " + client.id())).isZero();
	}

	@Test
	void beyondStockAndBatchIs409WithWhatIsLeftOfTheBatchAndNothingIsWritten() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		Product broom = broom(1, 10);
		Product shovel = data.product("Shovel", new BigDecimal("300.00"), 5);
		place(manager, client, broom, 7, true).expectStatus().isCreated();

		// 1 on hand was taken and 6 of the 10 incoming are held: 4 are left to
		// back-order.
		as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines",
					List.of(Map.of("sku", shovel.sku(), "quantity", 2),
							Map.of("sku", broom.sku(), "quantity", 5, "backorder", true))))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.sku")
			.isEqualTo(broom.sku())
			.jsonPath("$.available")
			.isEqualTo(0)
			.jsonPath("$.incoming")
			.isEqualTo(4);

		assertThat(stock(broom)).isEqualTo(new StockRow(0, 10, 6, END_OF_MONTH));
		assertThat(data.onHand(shovel.sku())).isEqualTo(5);
		assertThat(count("select count(*) as n from orders where client_id = " + client.id())).isEqualTo(1);
	}

	@Test
	void ofConcurrentBackOrdersNoMoreThanTheBatchSucceed() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		Product broom = broom(0, 3);
		WebClient http = WebClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeaders(h -> h.setBasicAuth(manager.login(), TestData.PASSWORD))
			.build();

		List<Integer> statuses = Flux.range(0, 8)
			.flatMap(i -> http.post()
				.uri("/api/clients/{id}/orders", client.id())
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.bodyValue(Map.of("lines", List.of(Map.of("sku", broom.sku(), "quantity", 1, "backorder", true))))
				.exchangeToMono(response -> Mono.just(response.statusCode().value())), 8)
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(statuses).containsOnly(201, 409);
		assertThat(statuses).filteredOn(status -> status == 201).hasSize(3);
		assertThat(stock(broom)).isEqualTo(new StockRow(0, 3, 3, END_OF_MONTH));
	}

	@Test
	void cancellingABackOrderGivesTheStockAndTheBatchBack() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		Product broom = broom(2, 10);
		Order order = placed(manager, client, broom, 5);

		as(manager.login()).post()
			.uri("/api/clients/{c}/orders/{o}/cancel", client.id(), order.id())
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(stock(broom)).isEqualTo(new StockRow(2, 10, 0, END_OF_MONTH));
	}

	@Test
	void theIncomingBatchCannotBeSetBelowWhatBackOrdersHold() {
		Employee manager = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Product broom = broom(0, 10);
		placed(manager, data.client(manager), broom, 6);

		as(head.login()).patch()
			.uri("/api/products/{sku}", broom.sku())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("incoming", 5))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.sku")
			.isEqualTo(broom.sku());

		assertThat(stock(broom)).isEqualTo(new StockRow(0, 10, 6, END_OF_MONTH));
	}

	Product broom(int onHand, int incoming) {
		return data.product("Electric broom, green, turbo", new BigDecimal("2700.00"), onHand, incoming, END_OF_MONTH);
	}

	Order placed(Employee manager, Client client, Product product, int quantity) {
		return place(manager, client, product, quantity, true).expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();
	}

	ResponseSpec place(Employee manager, Client client, Product product, int quantity, boolean backorder) {
		return as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines",
					List.of(Map.of("sku", product.sku(), "quantity", quantity, "backorder", backorder))))
			.exchange();
	}

	StockRow stock(Product product) {
		return db.sql("select on_hand, incoming, incoming_reserved, incoming_date from products where sku = :sku")
			.bind("sku", product.sku())
			.map(row -> new StockRow(row.get("on_hand", Integer.class), row.get("incoming", Integer.class),
					row.get("incoming_reserved", Integer.class), row.get("incoming_date", LocalDate.class)))
			.one()
			.block(Duration.ofSeconds(10));
	}

	long count(String sql) {
		return db.sql(sql).map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
	}

	/**
	 * A product's stock as stored: on hand, incoming, held by back orders, the batch's
	 * date.
	 */
	record StockRow(int onHand, int incoming, int incomingReserved, @Nullable LocalDate incomingDate) {
	}

}

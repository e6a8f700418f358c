package io.ringside.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
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
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.function.client.WebClient;

import io.ringside.catalog.BackOrdersIntegrationTests.StockRow;
import io.ringside.catalog.Receipts.Filled;
import io.ringside.catalog.Receipts.Receipt;
import io.ringside.clients.Client;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/products/{sku}/receipts} (issue #14): a batch fills the back orders
 * oldest first and the rest goes to the stock; a smaller one fills part; two at once fill
 * every unit once; a cancelled order is not filled.
 */
class ReceiptsIntegrationTests extends IntegrationTest {

	private static final LocalDate END_OF_MONTH = LocalDate.of(2030, 1, 31);

	@Autowired
	DatabaseClient db;

	@LocalServerPort
	int port;

	@Test
	void aReceiptFillsTheBackOrdersOldestFirstAndTheRestGoesToTheStock() {
		Employee manager = data.employee(Role.MANAGER);
		Employee warehouse = data.employee(Role.WAREHOUSE);
		Client client = data.client(manager);
		Product broom = broom(0, 10);
		Order older = placed(manager, client, broom, 3);
		Order newer = placed(manager, client, broom, 4);

		Receipt first = receipt(warehouse, broom, 5);

		assertThat(first.filled()).containsExactly(new Filled(older.id(), client.id(), 3, 0),
				new Filled(newer.id(), client.id(), 2, 2));
		assertThat(first.toStock()).isZero();
		assertThat(stock(broom)).isEqualTo(new StockRow(0, 5, 2, END_OF_MONTH));
		ship(warehouse, older).expectStatus().isOk();
		ship(warehouse, newer).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Waiting for stock");

		Receipt second = receipt(warehouse, broom, 6);

		assertThat(second.filled()).containsExactly(new Filled(newer.id(), client.id(), 2, 0));
		assertThat(second.toStock()).isEqualTo(4);
		assertThat(second.product().onHand()).isEqualTo(4);
		assertThat(second.product().incoming()).isZero();
		assertThat(second.product().incomingDate()).isNull();
		assertThat(stock(broom)).isEqualTo(new StockRow(4, 0, 0, null));
		ship(warehouse, newer).expectStatus().isOk();
		assertThat(count("select count(*) as n from audit_trail where action = 'RECEIPT_BOOKED' and entity = 'order' "
				+ "and entity_id = '" + newer.id() + "' and client_id = " + client.id()))
			.isEqualTo(2);
		assertThat(count("select count(*) as n from audit_trail where action = 'RECEIPT_BOOKED' and "
				+ "entity = 'product' and entity_id = '" + broom.sku() + "' and login = '" + warehouse.login() + "'"))
			.isEqualTo(2);
	}

	@Test
	void aReceiptWithoutBackOrdersGoesToTheStockAndShrinksTheBatch() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Product broom = broom(1, 10);

		Receipt receipt = receipt(head, broom, 4);

		assertThat(receipt.filled()).isEmpty();
		assertThat(stock(broom)).isEqualTo(new StockRow(5, 6, 0, END_OF_MONTH));
	}

	@Test
	void aCancelledBackOrderIsNotFilled() {
		Employee manager = data.employee(Role.MANAGER);
		Employee warehouse = data.employee(Role.WAREHOUSE);
		Client client = data.client(manager);
		Product broom = broom(0, 10);
		Order cancelled = placed(manager, client, broom, 3);
		Order kept = placed(manager, client, broom, 3);
		as(manager.login()).post()
			.uri("/api/clients/{c}/orders/{o}/cancel", client.id(), cancelled.id())
			.exchange()
			.expectStatus()
			.isOk();

		Receipt receipt = receipt(warehouse, broom, 3);

		assertThat(receipt.filled()).containsExactly(new Filled(kept.id(), client.id(), 3, 0));
		assertThat(stock(broom)).isEqualTo(new StockRow(0, 7, 0, END_OF_MONTH));
	}

	@Test
	void twoReceiptsAtOnceFillEveryBackOrderedUnitOnce() {
		Employee manager = data.employee(Role.MANAGER);
		Employee warehouse = data.employee(Role.WAREHOUSE);
		Client client = data.client(manager);
		Product broom = broom(0, 10);
		List<Order> orders = List.of(placed(manager, client, broom, 2), placed(manager, client, broom, 2),
				placed(manager, client, broom, 2));
		WebClient http = WebClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeaders(h -> h.setBasicAuth(warehouse.login(), TestData.PASSWORD))
			.build();

		List<Receipt> receipts = Flux.range(0, 2)
			.flatMap(i -> http.post()
				.uri("/api/products/{sku}/receipts", broom.sku())
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.bodyValue(Map.of("quantity", 4))
				.retrieve()
				.bodyToMono(Receipt.class), 2)
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(receipts).hasSize(2);
		assertThat(receipts.stream().flatMap(r -> r.filled().stream()).mapToInt(Filled::units).sum()).isEqualTo(6);
		assertThat(receipts.stream().mapToInt(Receipt::toStock).sum()).isEqualTo(2);
		assertThat(stock(broom)).isEqualTo(new StockRow(2, 2, 0, END_OF_MONTH));
		assertThat(count("select coalesce(sum(backordered), 0) as n from order_lines where order_id in ("
				+ orders.get(0).id() + ", " + orders.get(1).id() + ", " + orders.get(2).id() + ")"))
			.isZero();
	}

	@Test
	void onlyTheWarehouseTheHeadOfSalesAndTheAdminBookReceiptsOfAtLeastOneUnitOfAKnownProduct() {
		Employee manager = data.employee(Role.MANAGER);
		Employee warehouse = data.employee(Role.WAREHOUSE);
		Product broom = broom(0, 10);

		book(manager, broom.sku(), 1).expectStatus().isForbidden();
		book(warehouse, broom.sku(), 0).expectStatus().isBadRequest();
		book(warehouse, "NO-SUCH-" + data.unique(), 1).expectStatus().isNotFound();
		assertThat(stock(broom)).isEqualTo(new StockRow(0, 10, 0, END_OF_MONTH));
		book(data.employee(Role.ADMIN), broom.sku(), 1).expectStatus().isCreated();
	}

	private Product broom(int onHand, int incoming) {
		return data.product("Electric broom, green, turbo", new BigDecimal("2700.00"), onHand, incoming, END_OF_MONTH);
	}

	private Order placed(Employee manager, Client client, Product product, int quantity) {
		return as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines", List.of(Map.of("sku", product.sku(), "quantity", quantity, "backorder", true))))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();
	}

	private Receipt receipt(Employee who, Product product, int quantity) {
		return book(who, product.sku(), quantity).expectStatus()
			.isCreated()
			.expectBody(Receipt.class)
			.returnResult()
			.getResponseBody();
	}

	private ResponseSpec book(Employee who, String sku, int quantity) {
		return as(who.login()).post()
			.uri("/api/products/{sku}/receipts", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("quantity", quantity))
			.exchange();
	}

	private ResponseSpec ship(Employee warehouse, Order order) {
		return as(warehouse.login()).post().uri("/api/warehouse/orders/{id}/ship", order.id()).exchange();
	}

	private StockRow stock(Product product) {
		return db.sql("select on_hand, incoming, incoming_reserved, incoming_date from products where sku = :sku")
			.bind("sku", product.sku())
			.map(row -> new StockRow(row.get("on_hand", Integer.class), row.get("incoming", Integer.class),
					row.get("incoming_reserved", Integer.class), row.get("incoming_date", LocalDate.class)))
			.one()
			.block(Duration.ofSeconds(10));
	}

	private long count(String sql) {
		return db.sql(sql).map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
	}

}

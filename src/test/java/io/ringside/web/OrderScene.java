package io.ringside.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ringside.catalog.Product;
import io.ringside.clients.Client;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;

/**
 * Where the stock pages' tests start: a manager, a client of theirs and a product in
 * stock; then, while a page is open, the manager orders some of it for the client through
 * the API, as the card would.
 *
 * @param manager the client's owner, who places the order
 * @param client the client the order is for
 * @param product the product ordered, with its own SKU
 */
record OrderScene(Employee manager, Client client, Product product) {

	/** Makes the rows through {@link TestData}, on the test thread. */
	static OrderScene of(TestData data, String productName, BigDecimal price, int onHand) {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		return new OrderScene(manager, client, data.product(productName, price, onHand));
	}

	/**
	 * The manager (signed in on {@code asManager}) orders this many units; the answer,
	 * once it is 201 Created.
	 */
	WebTestClient.ResponseSpec order(WebTestClient asManager, int quantity) {
		return asManager.post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines", List.of(Map.of("sku", product.sku(), "quantity", quantity))))
			.exchange()
			.expectStatus()
			.isCreated();
	}

}

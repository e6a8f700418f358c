package io.ringside.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ringside.clients.Client;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12: {@code PATCH /api/products/{sku}} must not overwrite a reservation made
 * between the editor's GET and their PATCH. The stock changes by {@code onHandDelta}, or
 * absolutely only against the ETag the editor saw.
 */
class ProductStockIntegrationTests extends IntegrationTest {

	private Employee head;

	private Employee manager;

	private Client client;

	private Product broom;

	@BeforeEach
	void aProductWithTenOnHand() {
		head = data.employee(Role.HEAD_OF_SALES);
		manager = data.employee(Role.MANAGER);
		client = data.client(manager);
		broom = data.product("Electric broom, red, turbo " + data.unique(), new BigDecimal("3100.00"), 10);
	}

	@Test
	void aReservationMadeBetweenTheGetAndAnIncreaseIsKept() {
		String seen = eTagOf(broom.sku());
		reserve(3);

		patch(null, Map.of("onHandDelta", 5)).expectStatus()
			.isOk()
			.expectHeader()
			.value("ETag", tag -> assertThat(tag).isNotEqualTo(seen))
			.expectBody()
			.jsonPath("$.onHand")
			.isEqualTo(12);

		assertThat(data.onHand(broom.sku())).isEqualTo(12);
	}

	@Test
	void anAbsoluteStockAgainstAVersionChangedByAReservationIsRefusedThenTakenWithTheFreshOne() {
		String seen = eTagOf(broom.sku());
		reserve(3);

		String current = patch(seen, Map.of("onHand", 15)).expectStatus()
			.isEqualTo(HttpStatus.PRECONDITION_FAILED)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Changed meanwhile")
			.returnResult()
			.getResponseHeaders()
			.getETag();
		assertThat(data.onHand(broom.sku())).isEqualTo(7);
		assertThat(current).isEqualTo(eTagOf(broom.sku())).isNotEqualTo(seen);

		patch(current, Map.of("onHand", 15)).expectStatus().isOk().expectBody().jsonPath("$.onHand").isEqualTo(15);
		assertThat(data.onHand(broom.sku())).isEqualTo(15);
	}

	@Test
	void anAbsoluteStockWithoutIfMatchIsRefusedAndChangesNothing() {
		patch(null, Map.of("onHand", 15)).expectStatus().isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
		patch("*", Map.of("onHand", 15)).expectStatus().isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
		patch("\"not-ours\"", Map.of("onHand", 15)).expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);

		assertThat(data.onHand(broom.sku())).isEqualTo(10);
	}

	@Test
	void theStockNeverGoesBelowZeroAndBothFormsAtOnceAreRefused() {
		patch(null, Map.of("onHandDelta", -11)).expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.sku")
			.isEqualTo(broom.sku());
		patch(eTagOf(broom.sku()), Map.of("onHand", 3, "onHandDelta", 1)).expectStatus().isBadRequest();
		patch(null, Map.of("onHandDelta", -10)).expectStatus().isOk().expectBody().jsonPath("$.onHand").isEqualTo(0);

		assertThat(data.onHand(broom.sku())).isEqualTo(0);
	}

	@Test
	void otherFieldsChangeWithoutIfMatchAndWaitForTheVersionWithIt() {
		String seen = eTagOf(broom.sku());
		patch(null, Map.of("price", "2900.00")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.price")
			.isEqualTo(2900.0);

		patch(seen, Map.of("price", "2800.00")).expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
		as(head.login()).patch()
			.uri("/api/products/{sku}", "NO-SUCH-" + data.unique())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("onHandDelta", 1))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private String eTagOf(String sku) {
		String tag = as(manager.login()).get()
			.uri("/api/products/{sku}", sku)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Product.class)
			.getResponseHeaders()
			.getETag();
		assertThat(tag).matches("\"\\d+\"");
		return tag;
	}

	private void reserve(int quantity) {
		as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines", List.of(Map.of("sku", broom.sku(), "quantity", quantity))))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	private WebTestClient.ResponseSpec patch(String ifMatch, Map<String, Object> body) {
		return as(head.login()).patch().uri("/api/products/{sku}", broom.sku()).headers(headers -> {
			if (ifMatch != null) {
				headers.setIfMatch(ifMatch);
			}
		}).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

}

package io.ringside.audit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;

import io.ringside.clients.Client;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12: every change through the API in an append-only trail, with before and after,
 * in its transaction.
 */
class AuditIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@Autowired
	DatabaseClient db;

	@Test
	void aClientChangeIsAuditedWithWhoWhenAndTheClientBeforeAndAfter() {
		Employee manager = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Client client = data.client(manager, data.uniqueMoscowNumber());
		Instant before = Instant.now().minusSeconds(1);

		as(manager.login()).patch()
			.uri("/api/clients/{id}", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Renamed " + data.unique(), "vip", true))
			.exchange()
			.expectStatus()
			.isOk();

		trail(head, "clientId=" + client.id()).jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].action")
			.isEqualTo("CLIENT_UPDATED")
			.jsonPath("$[0].login")
			.isEqualTo(manager.login())
			.jsonPath("$[0].entity")
			.isEqualTo("client")
			.jsonPath("$[0].entityId")
			.isEqualTo(String.valueOf(client.id()))
			.jsonPath("$[0].at")
			.value(String.class, at -> assertThat(Instant.parse(at)).isAfter(before))
			.jsonPath("$[0].before.name")
			.isEqualTo(client.name())
			.jsonPath("$[0].before.vip")
			.isEqualTo(false)
			.jsonPath("$[0].after.name")
			.value(String.class, name -> assertThat(name).startsWith("Renamed "))
			.jsonPath("$[0].after.vip")
			.isEqualTo(true);
	}

	@Test
	void aChangeWhoseAuditRowIsRefusedIsNotStoredAndIts409SaysASentenceOfOurs() {
		Employee manager = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Client client = data.client(manager, data.uniqueMoscowNumber());
		String constraint = "refuse_" + data.unique().replaceAll("\\W", "_");
		execute("alter table audit_trail add constraint " + constraint + " check (login <> '" + manager.login()
				+ "') not valid");
		try {
			as(manager.login()).patch()
				.uri("/api/clients/{id}", client.id())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("name", "Never stored " + data.unique()))
				.exchange()
				.expectStatus()
				.isEqualTo(409)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("The change conflicts with data stored already; nothing was saved")
				.jsonPath("$.detail")
				.value(String.class, detail -> assertThat(detail).doesNotContain(constraint, "violates", "audit_trail",
						manager.login()));
		}
		finally {
			execute("alter table audit_trail drop constraint " + constraint);
		}

		as(manager.login()).get()
			.uri("/api/clients/{id}", client.id())
			.exchange()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo(client.name());
		trail(head, "clientId=" + client.id()).jsonPath("$.length()").isEqualTo(0);
	}

	@Test
	void aRefusedChangeLeavesNoRow() {
		Employee owner = data.employee(Role.MANAGER);
		Employee other = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Client client = data.client(owner, data.uniqueMoscowNumber());

		as(other.login()).patch()
			.uri("/api/clients/{id}", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Not mine"))
			.exchange()
			.expectStatus()
			.isForbidden();

		trail(head, "clientId=" + client.id()).jsonPath("$.length()").isEqualTo(0);
	}

	@Test
	void theTrailRefusesUpdatesDeletesAndTruncation() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		as(head.login()).put()
			.uri("/api/presence/me")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("status", "AWAY"))
			.exchange()
			.expectStatus()
			.isOk();

		for (String sql : List.of("update audit_trail set login = 'someone-else' where login = '" + head.login() + "'",
				"delete from audit_trail where login = '" + head.login() + "'", "truncate audit_trail")) {
			db.sql(sql)
				.fetch()
				.rowsUpdated()
				.as(StepVerifier::create)
				.expectError(DataIntegrityViolationException.class)
				.verify(WAIT);
		}
		trail(head, "login=" + head.login()).jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].action")
			.isEqualTo("PRESENCE_SET")
			.jsonPath("$[0].after.status")
			.isEqualTo("AWAY");
	}

	@Test
	void onlyTheAdminAndTheHeadOfSalesReadTheTrail() {
		for (Role role : List.of(Role.MANAGER, Role.SUPERVISOR)) {
			as(data.employee(role).login()).get().uri("/api/audit").exchange().expectStatus().isForbidden();
		}
		for (Role role : List.of(Role.ADMIN, Role.HEAD_OF_SALES)) {
			as(data.employee(role).login()).get().uri("/api/audit?limit=1").exchange().expectStatus().isOk();
		}
		web.get().uri("/api/audit").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void theTrailFiltersByLoginAndTimeNewestFirstAPageAtATime() {
		Employee manager = data.employee(Role.MANAGER);
		Employee admin = data.employee(Role.ADMIN);
		Instant start = Instant.now().minusSeconds(1);
		long id = as(manager.login()).post()
			.uri("/api/clients")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Audited " + data.unique(), "industry", "Retail"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Client.class)
			.returnResult()
			.getResponseBody()
			.id();
		Instant between = Instant.now();
		as(manager.login()).post()
			.uri("/api/clients/{id}/numbers", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("number", data.uniqueMoscowNumber()))
			.exchange()
			.expectStatus()
			.isCreated();

		trail(admin, "login=" + manager.login() + "&limit=1").jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].action")
			.isEqualTo("NUMBER_ADDED")
			.jsonPath("$[0].before.phoneNumbers.length()")
			.isEqualTo(0)
			.jsonPath("$[0].after.phoneNumbers.length()")
			.isEqualTo(1);
		trail(admin, "login=" + manager.login() + "&limit=1&offset=1").jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].action")
			.isEqualTo("CLIENT_CREATED")
			.jsonPath("$[0].before")
			.doesNotExist()
			.jsonPath("$[0].after.id")
			.isEqualTo(id);
		trail(admin, "login=" + manager.login() + "&from=" + start + "&to=" + between).jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].action")
			.isEqualTo("CLIENT_CREATED");
		trail(admin, "login=" + manager.login() + "&from=" + Instant.now().plusSeconds(60)).jsonPath("$.length()")
			.isEqualTo(0);
		as(admin.login()).get().uri("/api/audit?limit=501").exchange().expectStatus().isBadRequest();
	}

	@Test
	void aDeletedContactIsStoredAsItWasWithNothingAfter() {
		Employee manager = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Client client = data.client(manager);
		String number = data.uniqueMoscowNumber();
		long contactId = ((Number) as(manager.login()).post()
			.uri("/api/clients/{id}/contacts", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("fullName", "Irina Petrova", "phoneNumbers", List.of(number)))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("id")).longValue();

		as(manager.login()).delete()
			.uri("/api/clients/{id}/contacts/{contact}", client.id(), contactId)
			.exchange()
			.expectStatus()
			.isNoContent();

		trail(head, "clientId=" + client.id()).jsonPath("$.length()")
			.isEqualTo(2)
			.jsonPath("$[0].action")
			.isEqualTo("CONTACT_DELETED")
			.jsonPath("$[0].entityId")
			.isEqualTo(String.valueOf(contactId))
			.jsonPath("$[0].before.fullName")
			.isEqualTo("Irina Petrova")
			.jsonPath("$[0].before.phoneNumbers[0]")
			.isEqualTo(number)
			.jsonPath("$[0].after")
			.doesNotExist()
			.jsonPath("$[1].action")
			.isEqualTo("CONTACT_CREATED");
	}

	@Test
	void aReassignmentWritesARowForEachClientItMoves() {
		Employee leaving = data.employee(Role.MANAGER);
		Employee taking = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Client first = data.client(leaving);
		Client second = data.client(leaving);

		as(head.login()).post()
			.uri("/api/clients/reassign")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("fromLogin", leaving.login(), "toLogin", taking.login()))
			.exchange()
			.expectStatus()
			.isOk();

		for (Client client : List.of(first, second)) {
			trail(head, "clientId=" + client.id()).jsonPath("$.length()")
				.isEqualTo(1)
				.jsonPath("$[0].action")
				.isEqualTo("CLIENTS_REASSIGNED")
				.jsonPath("$[0].login")
				.isEqualTo(head.login())
				.jsonPath("$[0].before.ownerLogin")
				.isEqualTo(leaving.login())
				.jsonPath("$[0].after.toLogin")
				.isEqualTo(taking.login());
		}
	}

	@Test
	void productAndEmployeeChangesAreAuditedWithoutPasswords() {
		Employee admin = data.employee(Role.ADMIN);
		String sku = data.product("Audited pump", new BigDecimal("10.00"), 5).sku();
		String login = "audited-" + data.unique();

		as(admin.login()).patch()
			.uri("/api/products/{sku}", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("onHandDelta", 2))
			.exchange()
			.expectStatus()
			.isOk();
		as(admin.login()).post()
			.uri("/api/employees")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("login", login, "fullName", "Audited Person", "role", "MANAGER", "password",
					"s3cret-pass-word"))
			.exchange()
			.expectStatus()
			.isCreated();

		trail(admin, "login=" + admin.login()).jsonPath("$.length()")
			.isEqualTo(2)
			.jsonPath("$[0].action")
			.isEqualTo("EMPLOYEE_CREATED")
			.jsonPath("$[0].after.login")
			.isEqualTo(login)
			.jsonPath("$[0].after.password")
			.doesNotExist()
			.jsonPath("$[0].after.passwordHash")
			.doesNotExist()
			.jsonPath("$[1].action")
			.isEqualTo("PRODUCT_UPDATED")
			.jsonPath("$[1].entityId")
			.isEqualTo(sku)
			.jsonPath("$[1].before.onHand")
			.isEqualTo(5)
			.jsonPath("$[1].after.onHand")
			.isEqualTo(7);
	}

	private BodyContentSpec trail(Employee reader, String query) {
		return as(reader.login()).get().uri("/api/audit?" + query).exchange().expectStatus().isOk().expectBody();
	}

	private void execute(String sql) {
		db.sql(sql).then().block(WAIT);
	}

}

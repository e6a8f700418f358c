package io.ringside.clients;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

class ClientsIntegrationTests extends IntegrationTest {

	@Autowired
	DatabaseClient db;

	@Test
	void aManagerCreatesAClientThatTheyOwnWithNumbersStoredInE164() {
		Employee manager = data.employee(Role.MANAGER);
		String name = "Uralstal " + data.unique();

		as(manager.login()).post()
			.uri("/api/clients")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name, "industry", "Metallurgy", "vip", true, "phoneNumbers",
					List.of("8 (495) 123-45-67".replace("123-45-67", data.uniqueMoscowNumber().substring(5)))))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo(name)
			.jsonPath("$.vip")
			.isEqualTo(true)
			.jsonPath("$.owner.login")
			.isEqualTo(manager.login())
			.jsonPath("$.phoneNumbers[0]")
			.value(String.class, number -> assertThat(number).matches("\\+7495\\d{7}"));
	}

	@Test
	void lookupFindsTheClientByAnySpellingOfItsNumber() {
		Employee manager = data.employee(Role.MANAGER);
		String e164 = data.uniqueMoscowNumber();
		Client client = data.client(manager, e164);
		String local = e164.substring(5);
		String spelled = "8 (495) " + local.substring(0, 3) + "-" + local.substring(3, 5) + "-" + local.substring(5);

		for (String spelling : List.of(spelled, "+7 495 " + local, "7495" + local)) {
			as(manager.login()).get()
				.uri(uri -> uri.path("/api/lookup").queryParam("number", spelling).build())
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.number")
				.isEqualTo(e164)
				.jsonPath("$.client.id")
				.isEqualTo(client.id());
		}
	}

	@Test
	void lookupOfAnUnknownNumberIs404AndOfGarbageIs400() {
		Employee manager = data.employee(Role.MANAGER);
		as(manager.login()).get()
			.uri(uri -> uri.path("/api/lookup").queryParam("number", data.uniqueMoscowNumber()).build())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		as(manager.login()).get()
			.uri(uri -> uri.path("/api/lookup").queryParam("number", "not a number").build())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("number");
	}

	@Test
	void aNumberThatBelongsToAnotherClientIs409NamingThatClientAndNothingIsWritten() {
		Employee first = data.employee(Role.MANAGER);
		Employee second = data.employee(Role.MANAGER);
		String number = data.uniqueMoscowNumber();
		Client holder = data.client(first, number);
		String name = "Latecomer " + data.unique();

		as(second.login()).post()
			.uri("/api/clients")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name, "industry", "Retail", "phoneNumbers",
					List.of(data.uniqueMoscowNumber(), "8" + number.substring(2))))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.clientId")
			.isEqualTo(holder.id())
			.jsonPath("$.clientName")
			.isEqualTo(holder.name())
			.jsonPath("$.number")
			.isEqualTo(number);

		assertThat(count("select count(*) as n from clients where name = '" + name + "'")).isZero();
	}

	@Test
	void missingFieldsAndBadNumbersAre400ListingEachField() {
		Employee manager = data.employee(Role.MANAGER);
		as(manager.login()).post()
			.uri("/api/clients")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", " ", "industry", "Metallurgy"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'name')]")
			.exists();

		as(manager.login()).post()
			.uri("/api/clients")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Numbers " + data.unique(), "industry", "Metallurgy", "phoneNumbers",
					List.of("12", "hello")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("phoneNumbers[0]")
			.jsonPath("$.errors[1].field")
			.isEqualTo("phoneNumbers[1]");
	}

	@Test
	void malformedJsonIs400() {
		Employee manager = data.employee(Role.MANAGER);
		as(manager.login()).post()
			.uri("/api/clients")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": ")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aPageSizeOutOfRangeIs400() {
		Employee manager = data.employee(Role.MANAGER);
		as(manager.login()).get()
			.uri(uri -> uri.path("/api/clients").queryParam("size", 1000).build())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void anUnknownClientIs404() {
		Employee manager = data.employee(Role.MANAGER);
		as(manager.login()).get()
			.uri("/api/clients/{id}", Long.MAX_VALUE)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);
	}

	@Test
	void theDatabaseRefusesAClientOwnedByAnyoneButASalesPersonOrByNobody() {
		Employee supervisor = data.employee(Role.SUPERVISOR);
		db.sql("insert into clients (name, industry, owner_id) values ('Orphan', 'Retail', :owner)")
			.bind("owner", supervisor.id())
			.fetch()
			.rowsUpdated()
			.as(StepVerifier::create)
			.expectError(DataIntegrityViolationException.class)
			.verify(Duration.ofSeconds(5));
		db.sql("insert into clients (name, industry) values ('Orphan', 'Retail')")
			.fetch()
			.rowsUpdated()
			.as(StepVerifier::create)
			.expectError(DataIntegrityViolationException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void theDatabaseRefusesToMakeAnOwnerASupervisorWhileTheyOwnClients() {
		Employee manager = data.employee(Role.MANAGER);
		data.client(manager);
		Employee admin = data.employee(Role.ADMIN);

		as(admin.login()).patch()
			.uri("/api/employees/{id}", manager.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("role", "SUPERVISOR"))
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		as(admin.login()).get()
			.uri("/api/employees/{id}", manager.id())
			.exchange()
			.expectBody()
			.jsonPath("$.role")
			.isEqualTo("MANAGER");
	}

	@Test
	void aManagerMayNotChangeAnotherManagersClientButTheHeadOfSalesMay() {
		Employee owner = data.employee(Role.MANAGER);
		Employee colleague = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Client client = data.client(owner);

		as(colleague.login()).patch()
			.uri("/api/clients/{id}", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("vip", true))
			.exchange()
			.expectStatus()
			.isForbidden();
		as(head.login()).patch()
			.uri("/api/clients/{id}", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("vip", true))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.vip")
			.isEqualTo(true);
	}

	@Test
	void aManagerCannotCreateAClientForSomeoneElse() {
		Employee manager = data.employee(Role.MANAGER);
		Employee other = data.employee(Role.MANAGER);
		as(manager.login()).post()
			.uri("/api/clients")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Gift " + data.unique(), "industry", "Retail", "ownerLogin", other.login()))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void theHeadOfSalesCreatesAClientForAManager() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Employee manager = data.employee(Role.MANAGER);
		as(head.login()).post()
			.uri("/api/clients")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Assigned " + data.unique(), "industry", "Energy", "ownerLogin", manager.login()))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.owner.login")
			.isEqualTo(manager.login());
	}

	@Test
	void supervisorsReadClientsButCannotCreateThem() {
		Employee supervisor = data.employee(Role.SUPERVISOR);
		as(supervisor.login()).get().uri("/api/clients").exchange().expectStatus().isOk();
		as(supervisor.login()).post()
			.uri("/api/clients")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "Nope", "industry", "Retail"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void withoutCredentialsTheApiAnswers401AndWithAWrongPasswordToo() {
		web.get()
			.uri("/api/clients")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		Employee manager = data.employee(Role.MANAGER);
		web.get()
			.uri("/api/clients")
			.headers(h -> h.setBasicAuth(manager.login(), "wrong"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void searchFindsByNameFragmentNumberFragmentIndustryAndOwner() {
		Employee manager = data.employee(Role.MANAGER);
		String number = data.uniqueMoscowNumber();
		Client client = data.client(manager, number);

		as(manager.login()).get()
			.uri(uri -> uri.path("/api/clients").queryParam("owner", manager.login()).build())
			.exchange()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(1)
			.jsonPath("$.items[0].id")
			.isEqualTo(client.id());
		as(manager.login()).get()
			.uri(uri -> uri.path("/api/clients").queryParam("number", number.substring(6)).build())
			.exchange()
			.expectBody()
			.jsonPath("$.items[?(@.id == " + client.id() + ")]")
			.exists();
		as(manager.login()).get()
			.uri(uri -> uri.path("/api/clients")
				.queryParam("q", client.name().substring(7).toUpperCase())
				.queryParam("industry", "metallurgy")
				.build())
			.exchange()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(1)
			.jsonPath("$.items[0].id")
			.isEqualTo(client.id());
	}

	@Test
	void notesAndDecisionsLandInTheHistoryAndTheHistoryCannotBeRewritten() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);

		as(manager.login()).post()
			.uri("/api/clients/{id}/interactions", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("kind", "DECISION", "text", "Discount 5% on the next order"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.kind")
			.isEqualTo("DECISION")
			.jsonPath("$.employeeLogin")
			.isEqualTo(manager.login());
		as(manager.login()).get()
			.uri("/api/clients/{id}/interactions", client.id())
			.exchange()
			.expectBody()
			.jsonPath("$[0].kind")
			.isEqualTo("DECISION")
			.jsonPath("$[1].kind")
			.isEqualTo("CLIENT_CREATED");

		as(manager.login()).post()
			.uri("/api/clients/{id}/interactions", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("kind", "CALL_IN", "text", "forged call"))
			.exchange()
			.expectStatus()
			.isBadRequest();

		db.sql("update interactions set text = 'rewritten' where client_id = :id")
			.bind("id", client.id())
			.fetch()
			.rowsUpdated()
			.as(StepVerifier::create)
			.expectError()
			.verify(Duration.ofSeconds(5));
		db.sql("delete from interactions where client_id = :id")
			.bind("id", client.id())
			.fetch()
			.rowsUpdated()
			.as(StepVerifier::create)
			.expectError()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void archivingKeepsTheHistoryAndTakesTheClientOutOfSearches() {
		Employee manager = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Client client = data.client(manager);

		as(manager.login()).delete().uri("/api/clients/{id}", client.id()).exchange().expectStatus().isForbidden();
		as(head.login()).delete()
			.uri("/api/clients/{id}", client.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.archived")
			.isEqualTo(true);
		as(manager.login()).get()
			.uri(uri -> uri.path("/api/clients").queryParam("owner", manager.login()).build())
			.exchange()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(0);
		assertThat(count("select count(*) as n from interactions where client_id = " + client.id())).isEqualTo(2);
	}

	private long count(String sql) {
		return db.sql(sql).map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(5));
	}

}

package io.ringside.team;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import io.ringside.support.IntegrationTest;

class EmployeesIntegrationTests extends IntegrationTest {

	@Test
	void theAdminAddsAManagerWhoCanThenSignIn() {
		Employee admin = data.employee(Role.ADMIN);
		String login = "new-" + data.unique();

		as(admin.login()).post()
			.uri("/api/employees")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("login", login, "fullName", "Olga Orlova", "role", "MANAGER", "extension",
					"PJSIP/7" + data.unique().replaceAll("\\D", ""), "password", "s3cret-pass"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.login")
			.isEqualTo(login)
			.jsonPath("$.passwordHash")
			.doesNotExist();

		web.get()
			.uri("/api/employees/me")
			.headers(h -> h.setBasicAuth(login, "s3cret-pass"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.role")
			.isEqualTo("MANAGER");
	}

	@Test
	void aManagerCannotAddEmployees() {
		Employee manager = data.employee(Role.MANAGER);
		as(manager.login()).post()
			.uri("/api/employees")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("login", "sneaky-" + data.unique(), "fullName", "Sneaky", "role", "ADMIN", "password",
					"whatever"))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void aTakenLoginIs409AndABadOneIs400() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		as(head.login()).post()
			.uri("/api/employees")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("login", head.login(), "fullName", "Twin", "role", "MANAGER", "password",
					"long-enough-secret"))
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		as(head.login()).post()
			.uri("/api/employees")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					Map.of("login", "Has Spaces", "fullName", "X", "role", "MANAGER", "password", "long-enough-secret"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("login");
	}

	@Test
	void aManagerWhoStillOwnsClientsCannotBeDeactivatedAndADeactivatedOneCannotSignIn() {
		Employee admin = data.employee(Role.ADMIN);
		Employee owner = data.employee(Role.MANAGER);
		data.client(owner);
		Employee leaver = data.employee(Role.MANAGER);

		as(admin.login()).patch()
			.uri("/api/employees/{id}", owner.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("active", false))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.ownedClients")
			.isEqualTo(1);
		as(admin.login()).patch()
			.uri("/api/employees/{id}", leaver.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("active", false))
			.exchange()
			.expectStatus()
			.isOk();
		as(leaver.login()).get().uri("/api/employees/me").exchange().expectStatus().isUnauthorized();
	}

}

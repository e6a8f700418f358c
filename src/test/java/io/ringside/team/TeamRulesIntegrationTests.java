package io.ringside.team;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ringside.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may change whom in the team, and how long a new password must be (issue #12): the
 * head of sales could create an admin and reset the admin's password; now only an admin
 * touches admins, and the head of sales manages managers, supervisors and the warehouse
 * only.
 */
class TeamRulesIntegrationTests extends IntegrationTest {

	@Test
	void theHeadOfSalesCannotCreateAnAdminAndNobodyIsWritten() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		String login = "would-be-admin-" + data.unique();

		create(head, login, Role.ADMIN, "long-enough-secret").expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("You may not add an employee in the role ADMIN: only an admin creates, "
					+ "changes or deactivates an admin, or gives that role");
		create(head, "would-be-head-" + data.unique(), Role.HEAD_OF_SALES, "long-enough-secret").expectStatus()
			.isForbidden();

		web.get()
			.uri("/api/employees/me")
			.headers(h -> h.setBasicAuth(login, "long-enough-secret"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void theHeadOfSalesCannotRenameResetDeactivateAnAdminNorGiveTheRole() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Employee admin = data.employee(Role.ADMIN);
		Employee manager = data.employee(Role.MANAGER);

		for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("fullName", "Not the admin"),
				Map.of("password", "taken-over-admin"), Map.of("active", false), Map.of("role", "MANAGER"))) {
			change(head, admin, change).expectStatus()
				.isForbidden()
				.expectBody()
				.jsonPath("$.detail")
				.value(detail -> assertThat((String) detail)
					.startsWith("You may not change an employee in the role ADMIN"));
		}
		change(head, manager, Map.of("role", "ADMIN")).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("You may not give the role ADMIN: only an admin creates, "
					+ "changes or deactivates an admin, or gives that role");

		as(admin.login()).get()
			.uri("/api/employees/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.fullName")
			.isEqualTo(admin.fullName())
			.jsonPath("$.active")
			.isEqualTo(true);
		as(manager.login()).get()
			.uri("/api/employees/me")
			.exchange()
			.expectBody()
			.jsonPath("$.role")
			.isEqualTo("MANAGER");
	}

	@Test
	void theAdminCreatesChangesAndDeactivatesAnAdminAndGivesTheRole() {
		Employee admin = data.employee(Role.ADMIN);
		Employee manager = data.employee(Role.MANAGER);
		String login = "second-admin-" + data.unique();

		create(admin, login, Role.ADMIN, "long-enough-secret").expectStatus().isCreated();
		Employee second = signedIn(login, "long-enough-secret");
		change(admin, second, Map.of("fullName", "Second Admin", "password", "another-long-one")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.fullName")
			.isEqualTo("Second Admin");
		signedIn(login, "another-long-one");
		change(admin, manager, Map.of("role", "ADMIN")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.role")
			.isEqualTo("ADMIN");
		change(admin, second, Map.of("active", false)).expectStatus().isOk();

		web.get()
			.uri("/api/employees/me")
			.headers(h -> h.setBasicAuth(login, "another-long-one"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void theHeadOfSalesManagesManagersSupervisorsAndTheWarehouse() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Employee manager = data.employee(Role.MANAGER);
		String login = "new-warehouse-" + data.unique();

		create(head, login, Role.WAREHOUSE, "long-enough-secret").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.role")
			.isEqualTo("WAREHOUSE");
		Employee warehouse = signedIn(login, "long-enough-secret");
		change(head, warehouse, Map.of("role", "SUPERVISOR")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.role")
			.isEqualTo("SUPERVISOR");
		change(head, manager, Map.of("password", "reset-by-head")).expectStatus().isOk();
		web.get()
			.uri("/api/employees/me")
			.headers(h -> h.setBasicAuth(manager.login(), "reset-by-head"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aPasswordOfNineCharactersIs400AndOfTenIsTaken() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Employee manager = data.employee(Role.MANAGER);
		String shortOne = "new-" + data.unique();

		create(head, shortOne, Role.MANAGER, "123456789").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("password")
			.jsonPath("$.errors[0].message")
			.isEqualTo("a password needs at least 10 characters (at most 72)");
		change(head, manager, Map.of("password", "123456789")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("password");
		as(manager.login()).get().uri("/api/employees/me").exchange().expectStatus().isOk();

		String tenChars = "new-" + data.unique();
		create(head, tenChars, Role.MANAGER, "1234567890").expectStatus().isCreated();
		signedIn(tenChars, "1234567890");
		change(head, manager, Map.of("password", "0987654321")).expectStatus().isOk();
		web.get()
			.uri("/api/employees/me")
			.headers(h -> h.setBasicAuth(manager.login(), "0987654321"))
			.exchange()
			.expectStatus()
			.isOk();
		web.get()
			.uri("/api/employees/me")
			.headers(h -> h.setBasicAuth(shortOne, "123456789"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	private WebTestClient.ResponseSpec create(Employee actor, String login, Role role, String password) {
		return as(actor.login()).post()
			.uri("/api/employees")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("login", login, "fullName", "Test " + login, "role", role.name(), "password", password))
			.exchange();
	}

	private WebTestClient.ResponseSpec change(Employee actor, Employee employee, Map<String, Object> change) {
		return as(actor.login()).patch()
			.uri("/api/employees/{id}", employee.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(change)
			.exchange();
	}

	private Employee signedIn(String login, String password) {
		return web.get()
			.uri("/api/employees/me")
			.headers(h -> h.setBasicAuth(login, password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Employee.class)
			.returnResult()
			.getResponseBody();
	}

}

package io.ringside.calls;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.clients.Client;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

class CallbacksIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	Callbacks callbacks;

	@Autowired
	Employees employees;

	@Autowired
	DatabaseClient db;

	@Test
	void anOverdueCallbackGoesToTheHeadOfSalesAndShowsAsEscalated() {
		data.employeeWithPhone(Role.HEAD_OF_SALES);
		Employee head = employees.headOfSales().block(WAIT);
		Employee owner = data.employee(Role.MANAGER);
		Client client = data.client(owner);
		long overdue = task(client, owner, Instant.now().minus(Duration.ofHours(1)), Instant.now().minusSeconds(60));
		long onTime = task(client, owner, Instant.now(), Instant.now().plus(Duration.ofMinutes(30)));

		assertThat(callbacks.escalateOverdue().block(WAIT)).isGreaterThanOrEqualTo(1);

		Callback escalated = callbacks.byId(overdue).block(WAIT);
		assertThat(escalated.assignedTo()).isEqualTo(head.login());
		assertThat(escalated.ownerLogin()).isEqualTo(owner.login());
		assertThat(escalated.escalated()).isTrue();
		assertThat(escalated.overdue()).isTrue();
		assertThat(callbacks.byId(onTime).block(WAIT).assignedTo()).isEqualTo(owner.login());
		as(owner.login()).get()
			.uri("/api/callbacks")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.id == " + onTime + ")]")
			.exists()
			.jsonPath("$[?(@.id == " + overdue + ")]")
			.doesNotExist();
	}

	@Test
	void theOwnerMarksACallbackDoneAndItsResponseTimeIsMeasured() {
		Employee owner = data.employee(Role.MANAGER);
		Employee colleague = data.employee(Role.MANAGER);
		Client client = data.client(owner);
		long id = task(client, owner, Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plusSeconds(600));

		as(colleague.login()).post().uri("/api/callbacks/{id}/done", id).exchange().expectStatus().isForbidden();
		as(owner.login()).post()
			.uri("/api/callbacks/{id}/done", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.doneBy")
			.isEqualTo(owner.login())
			.jsonPath("$.responseTime")
			.exists();
		as(owner.login()).post().uri("/api/callbacks/{id}/done", id).exchange().expectStatus().isEqualTo(409);
		assertThat(callbacks.byId(id).block(WAIT).responseTime()).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void managersSeeOnlyTheirOwnCallbacksAndTheHeadOfSalesSeesAll() {
		Employee manager = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Client client = data.client(manager);
		long id = task(client, manager, Instant.now(), Instant.now().plusSeconds(600));

		as(manager.login()).get().uri("/api/callbacks?scope=all").exchange().expectStatus().isForbidden();
		as(head.login()).get()
			.uri("/api/callbacks?scope=all")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.id == " + id + ")].clientName")
			.isEqualTo(client.name());
	}

	private long task(Client client, Employee owner, Instant created, Instant due) {
		return db
			.sql("insert into callback_tasks (client_id, call_id, caller_number, owner_id, assigned_to, created_at, "
					+ "due_at) values (:client, :call, '+74950000000', :owner, :owner, :created, :due) returning id")
			.bind("client", client.id())
			.bind("call", "test-" + data.unique())
			.bind("owner", owner.id())
			.bind("created", OffsetDateTime.ofInstant(created, ZoneOffset.UTC))
			.bind("due", OffsetDateTime.ofInstant(due, ZoneOffset.UTC))
			.map(row -> row.get("id", Long.class))
			.one()
			.block(WAIT);
	}

}

package io.ringside.clients;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;

import io.ringside.clients.Reassignments.Reassignment;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

class ReassignmentIntegrationTests extends IntegrationTest {

	private static final ParameterizedTypeReference<List<Interaction>> HISTORY = new ParameterizedTypeReference<>() {
	};

	@Test
	void movesOneClientAndWritesWhyIntoItsHistory() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Employee from = data.employee(Role.MANAGER);
		Employee to = data.employee(Role.MANAGER);
		Client moved = data.client(from);
		Client stays = data.client(from);

		as(head.login()).post()
			.uri("/api/clients/reassign")
			.bodyValue(Map.of("clientId", moved.id(), "toLogin", to.login(), "reason", "closer to the plant"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Reassignment.class)
			.isEqualTo(new Reassignment(1, List.of(moved.id()), to.login()));

		assertThat(ownerOf(head, moved)).isEqualTo(to.login());
		assertThat(ownerOf(head, stays)).isEqualTo(from.login());
		Interaction entry = history(head, moved).get(0);
		assertThat(entry.kind()).isEqualTo(InteractionKind.REASSIGNED);
		assertThat(entry.text())
			.isEqualTo("Owner changed from " + from.fullName() + " to " + to.fullName() + ": closer to the plant");
		assertThat(entry.employeeLogin()).isEqualTo(head.login());
		assertThat(reassignedEntries(head, stays)).isZero();
	}

	@Test
	void movesAllClientsOfALeavingManagerWithOneEntryEachSoTheManagerCanBeDeactivated() {
		Employee admin = data.employee(Role.ADMIN);
		Employee leaving = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		List<Client> book = List.of(data.client(leaving), data.client(leaving), data.client(leaving));

		as(admin.login()).post()
			.uri("/api/clients/reassign")
			.bodyValue(Map.of("fromLogin", leaving.login(), "toLogin", head.login()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Reassignment.class)
			.isEqualTo(new Reassignment(3, book.stream().map(Client::id).toList(), head.login()));

		for (Client client : book) {
			assertThat(ownerOf(admin, client)).isEqualTo(head.login());
			assertThat(reassignedEntries(admin, client)).isEqualTo(1);
			assertThat(history(admin, client).get(0).text())
				.isEqualTo("Owner changed from " + leaving.fullName() + " to " + head.fullName());
		}
		as(admin.login()).patch()
			.uri("/api/employees/{id}", leaving.id())
			.bodyValue(Map.of("active", false))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aSupervisorCannotTakeClientsAndNothingChanges() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Employee from = data.employee(Role.MANAGER);
		Employee supervisor = data.employee(Role.SUPERVISOR);
		List<Client> book = List.of(data.client(from), data.client(from));

		as(head.login()).post()
			.uri("/api/clients/reassign")
			.bodyValue(Map.of("fromLogin", from.login(), "toLogin", supervisor.login()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("toLogin")
			.jsonPath("$.errors[0].message")
			.value(message -> assertThat((String) message).contains(supervisor.login()));

		for (Client client : book) {
			assertThat(ownerOf(head, client)).isEqualTo(from.login());
			assertThat(reassignedEntries(head, client)).isZero();
		}
	}

	@Test
	void aManagerMayNotReassign() {
		Employee manager = data.employee(Role.MANAGER);
		Employee other = data.employee(Role.MANAGER);
		Client client = data.client(other);

		as(manager.login()).post()
			.uri("/api/clients/reassign")
			.bodyValue(Map.of("clientId", client.id(), "toLogin", manager.login()))
			.exchange()
			.expectStatus()
			.isForbidden();

		assertThat(ownerOf(manager, client)).isEqualTo(other.login());
	}

	@Test
	void refusesBothOrNeitherOfClientAndFormerOwner() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Employee from = data.employee(Role.MANAGER);
		Employee to = data.employee(Role.MANAGER);
		Client client = data.client(from);

		as(head.login()).post()
			.uri("/api/clients/reassign")
			.bodyValue(Map.of("clientId", client.id(), "fromLogin", from.login(), "toLogin", to.login()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("clientId");
		as(head.login()).post()
			.uri("/api/clients/reassign")
			.bodyValue(Map.of("toLogin", to.login()))
			.exchange()
			.expectStatus()
			.isBadRequest();
		as(head.login()).post()
			.uri("/api/clients/reassign")
			.bodyValue(Map.of("clientId", client.id()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("toLogin");

		assertThat(ownerOf(head, client)).isEqualTo(from.login());
	}

	@Test
	void anUnknownClientIsNotFoundAndAnUnknownFormerOwnerIsRefused() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Employee to = data.employee(Role.MANAGER);

		as(head.login()).post()
			.uri("/api/clients/reassign")
			.bodyValue(Map.of("clientId", Long.MAX_VALUE, "toLogin", to.login()))
			.exchange()
			.expectStatus()
			.isNotFound();
		as(head.login()).post()
			.uri("/api/clients/reassign")
			.bodyValue(Map.of("fromLogin", "gone-" + data.unique(), "toLogin", to.login()))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_REQUEST)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("fromLogin");
	}

	@Test
	void aClientTheTargetOwnsAlreadyIsNotMoved() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Employee owner = data.employee(Role.MANAGER);
		Client client = data.client(owner);

		as(head.login()).post()
			.uri("/api/clients/reassign")
			.bodyValue(Map.of("clientId", client.id(), "toLogin", owner.login()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Reassignment.class)
			.isEqualTo(new Reassignment(0, List.of(), owner.login()));

		assertThat(reassignedEntries(head, client)).isZero();
	}

	private String ownerOf(Employee reader, Client client) {
		return as(reader.login()).get()
			.uri("/api/clients/{id}", client.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Client.class)
			.returnResult()
			.getResponseBody()
			.owner()
			.login();
	}

	private List<Interaction> history(Employee reader, Client client) {
		return as(reader.login()).get()
			.uri("/api/clients/{id}/interactions", client.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(HISTORY)
			.returnResult()
			.getResponseBody();
	}

	private long reassignedEntries(Employee reader, Client client) {
		return history(reader, client).stream().filter(entry -> entry.kind() == InteractionKind.REASSIGNED).count();
	}

}

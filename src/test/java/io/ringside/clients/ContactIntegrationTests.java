package io.ringside.clients;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

class ContactIntegrationTests extends IntegrationTest {

	private static final ParameterizedTypeReference<List<Contact>> CONTACTS = new ParameterizedTypeReference<>() {
	};

	@Test
	void addsAContactWithNumbersInE164AndListsIt() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		String number = data.uniqueMoscowNumber();
		String written = "8 (" + number.substring(2, 5) + ") " + number.substring(5);

		Contact created = as(manager.login()).post()
			.uri("/api/clients/{id}/contacts", client.id())
			.bodyValue(Map.of("fullName", " Irina Sokolova ", "position", "Chief buyer", "email", "irina@example.com",
					"phoneNumbers", List.of(written)))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Contact.class)
			.returnResult()
			.getResponseBody();

		assertThat(created.fullName()).isEqualTo("Irina Sokolova");
		assertThat(created.clientId()).isEqualTo(client.id());
		assertThat(created.phoneNumbers()).containsExactly(number);
		assertThat(contactsOf(manager, client)).containsExactly(created);
		as(manager.login()).get()
			.uri("/api/lookup?number={n}", number)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.client.id")
			.isEqualTo(client.id())
			.jsonPath("$.contactId")
			.isEqualTo(created.id());
	}

	@Test
	void aNumberOfAnotherClientIsAConflictNamingThatClientAndWritesNothing() {
		Employee manager = data.employee(Role.MANAGER);
		String taken = data.uniqueMoscowNumber();
		Client holder = data.client(manager, taken);
		Client client = data.client(manager);
		String fresh = data.uniqueMoscowNumber();

		as(manager.login()).post()
			.uri("/api/clients/{id}/contacts", client.id())
			.bodyValue(Map.of("fullName", "Pavel Orlov", "phoneNumbers", List.of(fresh, taken)))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.clientId")
			.isEqualTo(holder.id())
			.jsonPath("$.clientName")
			.isEqualTo(holder.name())
			.jsonPath("$.number")
			.isEqualTo(taken)
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains(holder.name()));

		assertThat(contactsOf(manager, client)).isEmpty();
		as(manager.login()).get().uri("/api/lookup?number={n}", fresh).exchange().expectStatus().isNotFound();
	}

	@Test
	void changesOnlyWhatIsGivenAndReplacesTheNumbersWhenTheyAreGiven() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		String kept = data.uniqueMoscowNumber();
		String dropped = data.uniqueMoscowNumber();
		String added = data.uniqueMoscowNumber();
		Contact contact = create(manager, client, Map.of("fullName", "Oleg Belov", "position", "Engineer", "email",
				"oleg@example.com", "phoneNumbers", List.of(kept, dropped)));

		Contact changed = as(manager.login()).patch()
			.uri("/api/clients/{id}/contacts/{contact}", client.id(), contact.id())
			.bodyValue(Map.of("position", "Chief engineer", "email", "", "phoneNumbers", List.of(kept, added)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Contact.class)
			.returnResult()
			.getResponseBody();

		assertThat(changed).isEqualTo(
				new Contact(contact.id(), client.id(), "Oleg Belov", "Chief engineer", null, List.of(kept, added)));
		as(manager.login()).get().uri("/api/lookup?number={n}", dropped).exchange().expectStatus().isNotFound();
	}

	@Test
	void aChangeThatTakesAnotherClientsNumberLeavesTheContactAsItWas() {
		Employee manager = data.employee(Role.MANAGER);
		String taken = data.uniqueMoscowNumber();
		Client holder = data.client(manager, taken);
		Client client = data.client(manager);
		String own = data.uniqueMoscowNumber();
		Contact contact = create(manager, client, Map.of("fullName", "Anna Kim", "phoneNumbers", List.of(own)));

		as(manager.login()).patch()
			.uri("/api/clients/{id}/contacts/{contact}", client.id(), contact.id())
			.bodyValue(Map.of("fullName", "Anna Kim-Lee", "phoneNumbers", List.of(taken)))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.clientId")
			.isEqualTo(holder.id());

		assertThat(contactsOf(manager, client)).containsExactly(contact);
	}

	@Test
	void deletingAContactRemovesItsNumbers() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		String number = data.uniqueMoscowNumber();
		Contact contact = create(manager, client, Map.of("fullName", "Gleb Popov", "phoneNumbers", List.of(number)));

		as(manager.login()).delete()
			.uri("/api/clients/{id}/contacts/{contact}", client.id(), contact.id())
			.exchange()
			.expectStatus()
			.isNoContent();

		assertThat(contactsOf(manager, client)).isEmpty();
		as(manager.login()).get().uri("/api/lookup?number={n}", number).exchange().expectStatus().isNotFound();
	}

	@Test
	void aContactOfAnotherClientIsNotFound() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		Client other = data.client(manager);
		Contact contact = create(manager, client, Map.of("fullName", "Vera Lis"));

		as(manager.login()).patch()
			.uri("/api/clients/{id}/contacts/{contact}", other.id(), contact.id())
			.bodyValue(Map.of("fullName", "Someone else"))
			.exchange()
			.expectStatus()
			.isNotFound();
		as(manager.login()).delete()
			.uri("/api/clients/{id}/contacts/{contact}", other.id(), contact.id())
			.exchange()
			.expectStatus()
			.isNotFound();
		assertThat(contactsOf(manager, client)).containsExactly(contact);
	}

	@Test
	void refusesAContactWithoutANameOrWithAnInvalidNumber() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);

		as(manager.login()).post()
			.uri("/api/clients/{id}/contacts", client.id())
			.bodyValue(Map.of("position", "Nobody"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("fullName");
		as(manager.login()).post()
			.uri("/api/clients/{id}/contacts", client.id())
			.bodyValue(Map.of("fullName", "Ivan Nomer", "phoneNumbers", List.of("12")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("phoneNumbers[0]");
		assertThat(contactsOf(manager, client)).isEmpty();
	}

	@Test
	void aManagerCannotAddContactsToAnotherManagersClient() {
		Employee owner = data.employee(Role.MANAGER);
		Employee colleague = data.employee(Role.MANAGER);
		Client client = data.client(owner);

		as(colleague.login()).post()
			.uri("/api/clients/{id}/contacts", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("fullName", "Intruder"))
			.exchange()
			.expectStatus()
			.isForbidden();
		as(owner.login()).get()
			.uri("/api/clients/{id}/contacts", client.id())
			.exchange()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(0);
	}

	@Test
	void aClientThatDoesNotExistHasNoContacts() {
		Employee manager = data.employee(Role.MANAGER);

		as(manager.login()).get()
			.uri("/api/clients/{id}/contacts", Long.MAX_VALUE)
			.exchange()
			.expectStatus()
			.isNotFound();
		as(manager.login()).post()
			.uri("/api/clients/{id}/contacts", Long.MAX_VALUE)
			.bodyValue(Map.of("fullName", "Lost Soul"))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private Contact create(Employee manager, Client client, Map<String, Object> body) {
		return as(manager.login()).post()
			.uri("/api/clients/{id}/contacts", client.id())
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Contact.class)
			.returnResult()
			.getResponseBody();
	}

	private List<Contact> contactsOf(Employee manager, Client client) {
		return as(manager.login()).get()
			.uri("/api/clients/{id}/contacts", client.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(CONTACTS)
			.returnResult()
			.getResponseBody();
	}

}

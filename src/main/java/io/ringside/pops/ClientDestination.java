package io.ringside.pops;

import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.ringside.clients.Clients;
import io.ringside.clients.Clients.NewClient;
import io.ringside.push.AppDestination;
import io.ringside.team.Employees;

/**
 * {@code /app/clients}: from the pop of an unknown caller, the caller as a new client, as
 * {@code POST /api/clients}:
 * {@code {"name":"Uralpipe","industry":"Metallurgy","phoneNumbers":["+73435422258"],"taxId":null,"vip":false,
 * "ownerLogin":null}}. A sales manager who creates a client owns it; the head of sales
 * and the admin name the owner ({@code ownerLogin}). The client's history starts with its
 * creation.
 */
@Component
class ClientDestination implements AppDestination {

	private static final String EXPECTED = "{\"name\":\"...\",\"industry\":\"...\",\"phoneNumbers\":[\"+7...\"]}";

	private final Clients clients;

	private final Employees employees;

	private final JsonMapper json;

	ClientDestination(Clients clients, Employees employees, JsonMapper json) {
		this.clients = clients;
		this.employees = employees;
		this.json = json;
		json.readValue("{\"phoneNumbers\":[]}", ClientForm.class);
	}

	@Override
	public String destination() {
		return "/app/clients";
	}

	@Override
	public Mono<Void> handle(Sent frame) {
		return Mono.fromCallable(() -> valid(Refusals.read(json, frame.body(), ClientForm.class, EXPECTED)))
			.flatMap(client -> Refusals.explained(employees.requireByLogin(frame.login())
				.flatMap(actor -> clients.create(new NewClient(client.name(), client.taxId(), client.industry(),
						Boolean.TRUE.equals(client.vip()), client.ownerLogin(),
						client.phoneNumbers() == null ? List.of() : client.phoneNumbers()), actor))))
			.then();
	}

	private static ClientForm valid(ClientForm client) {
		StringBuilder complaints = new StringBuilder();
		Refusals.text(complaints, "name", client.name(), 300, true);
		Refusals.text(complaints, "industry", client.industry(), 100, true);
		Refusals.text(complaints, "taxId", client.taxId(), 20, false);
		Refusals.text(complaints, "ownerLogin", client.ownerLogin(), 64, false);
		if (client.phoneNumbers() != null && client.phoneNumbers().size() > 20) {
			complaints.append("phoneNumbers: at most 20; ");
		}
		Refusals.check(complaints);
		return client;
	}

	record ClientForm(String name, String taxId, String industry, Boolean vip, String ownerLogin,
			List<String> phoneNumbers) {
	}

}

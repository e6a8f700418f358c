package io.ringside.audit;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;

import io.ringside.clients.Client;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #12: every opening of a client's card is audited, off the path of the card
 * itself.
 */
class CardOpeningsIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	DatabaseClient db;

	@Autowired
	MeterRegistry meters;

	@Test
	void openingACardIsRecordedShortlyAfterwardsWithWhoAndWhen() {
		Employee manager = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Client client = data.client(manager, data.uniqueMoscowNumber());
		Instant start = Instant.now().minusSeconds(1);

		openCard(manager, client);

		await().atMost(WAIT)
			.untilAsserted(() -> trail(head, "clientId=" + client.id()).jsonPath("$.length()")
				.isEqualTo(1)
				.jsonPath("$[0].action")
				.isEqualTo("CARD_OPENED")
				.jsonPath("$[0].login")
				.isEqualTo(manager.login())
				.jsonPath("$[0].entity")
				.isEqualTo("client")
				.jsonPath("$[0].clientId")
				.isEqualTo(client.id())
				.jsonPath("$[0].at")
				.value(String.class,
						at -> assertThat(Instant.parse(at)).isAfter(start).isBefore(Instant.now().plusSeconds(1))));
	}

	@Test
	void openingsTheDatabaseRefusesAreCountedAndLaterOnesAreStillRecorded() {
		Employee refused = data.employee(Role.MANAGER);
		Employee later = data.employee(Role.MANAGER);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Client client = data.client(refused);
		String constraint = "refuse_" + data.unique().replaceAll("\\W", "_");
		double lostBefore = lost();
		execute("alter table audit_trail add constraint " + constraint + " check (login <> '" + refused.login()
				+ "') not valid");
		try {
			openCard(refused, client);
			await().atMost(WAIT).until(() -> lost() > lostBefore);
		}
		finally {
			execute("alter table audit_trail drop constraint " + constraint);
		}

		openCard(later, client);

		await().atMost(WAIT)
			.untilAsserted(() -> trail(head, "clientId=" + client.id()).jsonPath("$.length()")
				.isEqualTo(1)
				.jsonPath("$[0].login")
				.isEqualTo(later.login()));
	}

	private void openCard(Employee employee, Client client) {
		as(employee.login()).get()
			.uri("/api/clients/{id}/card", client.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.client.id")
			.isEqualTo(client.id());
	}

	private double lost() {
		return meters.get("ringside.audit.cards.lost").counter().count();
	}

	private BodyContentSpec trail(Employee reader, String query) {
		return as(reader.login()).get().uri("/api/audit?" + query).exchange().expectStatus().isOk().expectBody();
	}

	private void execute(String sql) {
		db.sql(sql).then().block(WAIT);
	}

}

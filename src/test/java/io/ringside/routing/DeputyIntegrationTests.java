package io.ringside.routing;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import io.ringside.presence.Availability;
import io.ringside.presence.Presence;
import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A routing chain with a deputy (issue #14): {@code deputyLogin} on an employee, and
 * whole calls through the PBX simulator down a segment's chain, each step ringing its own
 * time ({@code RINGSIDE_RING_TIMEOUT}).
 */
class DeputyIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(40);

	private static final String CHAIN = """
			{"chain": [{"step": "OWNER", "ringTime": "PT5S"}, {"step": "DEPUTY", "ringTime": "PT6S"},
			 {"step": "HEAD_OF_SALES", "ringTime": "PT7S"}]}""";

	@Autowired
	PbxSimulator simulator;

	@Autowired
	Presence presence;

	@Autowired
	DatabaseClient db;

	@Test
	void anEmployeesDeputyIsSetByLoginAndOnlyToSomeoneWhoCanTakeCalls() {
		Employee manager = data.employee(Role.MANAGER);
		Employee colleague = data.employee(Role.MANAGER);
		String admin = data.employee(Role.ADMIN).login();

		deputy(admin, manager, colleague.login()).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.deputyLogin")
			.isEqualTo(colleague.login());
		as(admin).get()
			.uri("/api/employees/{id}", manager.id())
			.exchange()
			.expectBody()
			.jsonPath("$.deputyLogin")
			.isEqualTo(colleague.login());

		for (String wrong : List.of("nobody-" + data.unique(), manager.login(),
				data.employee(Role.WAREHOUSE).login())) {
			deputy(admin, manager, wrong).expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("deputyLogin");
		}
		deputy(admin, manager, "").expectStatus().isOk().expectBody().jsonPath("$.deputyLogin").doesNotExist();
	}

	@Test
	void anAbsentOwnersCallRingsTheDeputyForTheDeputysStepsTime() {
		CallScene scene = scenes.aClient().inIndustry(chainedSegment()).ownerAway().ready();
		Employee deputy = availableDeputyOf(scene.owner());
		scene.phones().set(deputy.extension(), PhoneBehaviour.answersAfter(Duration.ofMillis(300)));

		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofMillis(300)))
			.ended()
			.block(WAIT);

		assertThat(call.answeredBy()).isEqualTo(deputy.extension());
		assertThat(call.variables()).containsEntry("RINGSIDE_REASON", "DEPUTY")
			.containsEntry("RINGSIDE_STEP", "DEPUTY")
			.containsEntry("RINGSIDE_RING_TIMEOUT", "6");
		assertReasons(call.linkedid(), "DEPUTY");
	}

	@Test
	void whenTheOwnerRingsOutTheDeputyThenTheHeadOfSalesRing() {
		CallScene scene = scenes.aClient()
			.inIndustry(chainedSegment())
			.ownerAvailable()
			.everyPhone(PhoneBehaviour.neverAnswers())
			.headAnswersAfter(Duration.ofMillis(300))
			.ready();
		availableDeputyOf(scene.owner());

		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofMillis(300)))
			.ended()
			.block(WAIT);

		assertThat(call.answeredBy()).isEqualTo(scene.head().extension());
		assertThat(call.variables()).containsEntry("RINGSIDE_RING_TIMEOUT", "7");
		assertReasons(call.linkedid(), "OWNER", "DEPUTY", "OWNER_NO_ANSWER");
	}

	private String chainedSegment() {
		String industry = "Chain " + data.unique();
		as(data.employee(Role.HEAD_OF_SALES).login()).put()
			.uri("/api/rules/{key}", "SEGMENT:" + industry)
			.header("Content-Type", "application/json")
			.bodyValue(CHAIN)
			.exchange()
			.expectStatus()
			.isOk();
		return industry;
	}

	/** A manager with a phone, available, made the owner's deputy. */
	private Employee availableDeputyOf(Employee owner) {
		Employee deputy = data.employeeWithPhone(Role.MANAGER);
		presence.set(deputy.login(), Availability.AVAILABLE).block(WAIT);
		deputy(data.employee(Role.ADMIN).login(), owner, deputy.login()).expectStatus().isOk();
		return deputy;
	}

	private ResponseSpec deputy(String actor, Employee of, String deputyLogin) {
		return as(actor).patch()
			.uri("/api/employees/{id}", of.id())
			.header("Content-Type", "application/json")
			.bodyValue("{\"deputyLogin\": \"" + deputyLogin + "\"}")
			.exchange();
	}

	private void assertReasons(String callId, String... expected) {
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					db.sql("select reason from route_decisions where call_id = :id order by decided_at, id")
						.bind("id", callId)
						.map(row -> row.get("reason", String.class))
						.all()
						.collectList()
						.block(WAIT))
				.containsExactly(expected));
	}

}

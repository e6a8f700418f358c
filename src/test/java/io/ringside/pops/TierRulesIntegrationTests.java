package io.ringside.pops;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.presence.Availability;
import io.ringside.presence.Presence;
import io.ringside.push.StompClient;
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
 * The rules of work on whole calls (issue #14): a client of a segment whose rule is HIGH
 * with a script gets a pop that carries both, FastAGI gives the dialplan the priority for
 * {@code QUEUE_PRIO}, and a missed call's callback is due by the segment's deadline and,
 * once overdue, counted under its tier on the board.
 */
class TierRulesIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	PbxSimulator simulator;

	@Autowired
	JsonMapper json;

	@Autowired
	DatabaseClient db;

	@Autowired
	Presence presence;

	private PopPages pages;

	private String industry;

	@BeforeEach
	void aSegmentWithARuleOfItsOwn() {
		pages = new PopPages(port, json);
		industry = "Tier " + data.unique();
		as(data.employee(Role.HEAD_OF_SALES).login()).put()
			.uri("/api/rules/{key}", "SEGMENT:" + industry)
			.header("Content-Type", "application/json")
			.bodyValue(
					"""
							{"callbackDeadline": "PT7M", "priority": "HIGH",
							 "script": {"title": "Kilns", "text": {"en": "Ask about the kilns.", "ru": "Спросите о печах."}}}""")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void thePopCarriesTheTiersScriptAndPriorityAndTheDialplanGetsThePriority() {
		CallScene scene = scenes.aClient()
			.inIndustry(industry)
			.ownerAvailable()
			.ownerAnswersAfter(Duration.ofSeconds(1))
			.ready();
		try (StompClient page = pages.subscribedToPops(scene.owner())) {
			var call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofMillis(300)));

			Map<String, Object> ringing = pages.pops(page, call.linkedid(), 1).get(0);

			assertThat(ringing).containsEntry("priority", "HIGH");
			assertThat(ringing.get("script")).isEqualTo(
					Map.of("title", "Kilns", "text", Map.of("en", "Ask about the kilns.", "ru", "Спросите о печах.")));
			CallSummary ended = call.ended().block(WAIT);
			assertThat(ended.variables()).containsEntry("RINGSIDE_PRIORITY", "10");
		}
	}

	@Test
	void theDeputysPopSaysWhyTheCallCameToThemAndTheOwnerIsTold() {
		String chained = "Deputy " + data.unique();
		as(data.employee(Role.HEAD_OF_SALES).login()).put()
			.uri("/api/rules/{key}", "SEGMENT:" + chained)
			.header("Content-Type", "application/json")
			.bodyValue("{\"chain\": [{\"step\": \"OWNER\", \"ringTime\": \"PT5S\"}, "
					+ "{\"step\": \"DEPUTY\", \"ringTime\": \"PT5S\"}]}")
			.exchange()
			.expectStatus()
			.isOk();
		CallScene scene = scenes.aClient().inIndustry(chained).ownerAway().ready();
		Employee deputy = data.employeeWithPhone(Role.MANAGER);
		presence.set(deputy.login(), Availability.AVAILABLE).block(WAIT);
		scene.phones().set(deputy.extension(), PhoneBehaviour.answersAfter(Duration.ofSeconds(1)));
		as(data.employee(Role.ADMIN).login()).patch()
			.uri("/api/employees/{id}", scene.owner().id())
			.header("Content-Type", "application/json")
			.bodyValue("{\"deputyLogin\": \"" + deputy.login() + "\"}")
			.exchange()
			.expectStatus()
			.isOk();
		try (StompClient deputyPage = pages.subscribedToPops(deputy);
				StompClient ownerPage = pages.subscribe(scene.owner(), "/user/queue/notifications").page()) {
			var call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofMillis(300)));

			Map<String, Object> ringing = pages.pops(deputyPage, call.linkedid(), 1).get(0);

			assertThat(ringing).containsEntry("reason", "DEPUTY").containsEntry("routedTo", deputy.login());
			assertThat(ringing.get("passed"))
				.isEqualTo(List.of(Map.of("step", "OWNER", "why", "ABSENT", "login", scene.owner().login())));
			Map<String, Object> told = pages.messages(ownerPage, call.linkedid(), 1).get(0);
			assertThat(told).containsEntry("reason", "DEPUTY");
			assertThat((String) told.get("text")).contains("your deputy");
		}
	}

	@Test
	void aCallerOfAnotherTierGetsNormalPriority() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(Duration.ofMillis(300)).ready();

		CallSummary ended = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofMillis(300)))
			.ended()
			.block(WAIT);

		assertThat(ended.variables()).containsEntry("RINGSIDE_PRIORITY", "0");
	}

	@Test
	void aMissedCallsCallbackIsDueByItsTiersDeadline() {
		CallScene scene = scenes.aClient()
			.inIndustry(industry)
			.ownerAvailable()
			.everyPhone(PhoneBehaviour.neverAnswers())
			.ready();

		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number())).ended().block(WAIT);

		Map<String, Object> task = await().atMost(WAIT)
			.until(() -> db.sql("select created_at, due_at, tier from callback_tasks where call_id = :call")
				.bind("call", call.linkedid())
				.fetch()
				.one()
				.block(WAIT), found -> found != null);
		assertThat(task).containsEntry("tier", "SEGMENT:" + industry);
		assertThat(Duration.between((OffsetDateTime) task.get("created_at"), (OffsetDateTime) task.get("due_at")))
			.isEqualTo(Duration.ofMinutes(7));

		db.sql("update callback_tasks set due_at = now() - interval '1 minute' where call_id = :call")
			.bind("call", call.linkedid())
			.fetch()
			.rowsUpdated()
			.block(WAIT);
		String supervisor = data.employee(Role.SUPERVISOR).login();
		await().atMost(WAIT)
			.untilAsserted(() -> as(supervisor).get()
				.uri("/api/dashboard")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.figures.callbacksOverdueByTier['SEGMENT:" + industry + "']")
				.isEqualTo(1));
	}

}

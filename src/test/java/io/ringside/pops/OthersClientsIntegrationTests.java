package io.ringside.pops;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import io.ringside.pops.PopPages.Subscribed;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.SimulatedCall;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #14, one client, one manager on the phone: click-to-call to another manager's
 * client through the PBX simulator (real AMI), refused while the owner is there, allowed
 * for the head of sales, the admin, and when the owner is absent, who is then told over
 * STOMP; a call dialled by hand on a desk phone goes through, the owner and the head of
 * sales are told while it goes on, and the history says who called.
 */
class OthersClientsIntegrationTests extends IntegrationTest {

	private static final Duration RING = Duration.ofMillis(300);

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	PbxSimulator simulator;

	@Autowired
	DatabaseClient db;

	private PopPages pages;

	@BeforeEach
	void pagesOnThisInstance() {
		pages = new PopPages(port, json);
	}

	@Test
	void clickToCallToAnotherManagersClientIsRefusedNamingTheOwnerWhileTheOwnerIsThere() {
		CallScene scene = answeringScene().ownerAvailable().ready();
		Employee other = data.employeeWithPhone(Role.MANAGER);

		originate(other, scene.number()).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Another manager's client")
			.jsonPath("$.owner.login")
			.isEqualTo(scene.owner().login())
			.jsonPath("$.owner.name")
			.isEqualTo(scene.owner().fullName())
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains(scene.client().name()));
	}

	@Test
	void theHeadOfSalesCallsAnotherManagersClient() {
		CallScene scene = answeringScene().ownerAvailable().ready();

		originate(scene.head(), scene.number()).expectStatus().isAccepted();
	}

	@Test
	void theAdminCallsAnotherManagersClient() {
		CallScene scene = answeringScene().ownerAvailable().ready();
		Employee admin = data.employeeWithPhone(Role.ADMIN);

		originate(admin, scene.number()).expectStatus().isAccepted();
	}

	@Test
	void theOwnerCallsTheirOwnClient() {
		CallScene scene = answeringScene().ownerAvailable().ready();

		originate(scene.owner(), scene.number()).expectStatus().isAccepted();
	}

	@Test
	void anotherManagerCallsAnAbsentOwnersClientAndTheOwnerIsTold() {
		CallScene scene = answeringScene().ownerAway().ready();
		Employee other = data.employeeWithPhone(Role.MANAGER);
		long client = scene.client().id();

		try (Subscribed ownerPage = pages.subscribe(scene.owner(), "/user/queue/notifications")) {
			originate(other, "8" + scene.number().substring(2)).expectStatus().isAccepted();

			List<Map<String, Object>> notes = pages.messages(ownerPage.page(), note -> isAbout(note, client), 1);
			Map<String, Object> note = notes.get(0);
			assertThat(note).containsEntry("type", "CALLED_BY_OTHER")
				.containsEntry("way", "CLICK_TO_CALL")
				.containsEntry("number", scene.number());
			assertThat(note.get("calledBy")).isEqualTo(Map.of("login", other.login(), "name", other.fullName()));
			assertThat(note.get("owner"))
				.isEqualTo(Map.of("login", scene.owner().login(), "name", scene.owner().fullName()));
			assertThat((String) note.get("text")).contains(scene.client().name()).contains(other.fullName());
		}
	}

	@Test
	void aCallDialledByHandToAnotherManagersClientTellsTheOwnerAndTheHeadAtOnceAndTheHistorySaysWhoCalled() {
		CallScene scene = scenes.aClient()
			.ownerAvailable()
			.everyPhone(PhoneBehaviour.answersAfter(RING, Duration.ofSeconds(4)))
			.ready();
		Employee other = data.employeeWithPhone(Role.MANAGER);
		long client = scene.client().id();

		try (Subscribed ownerPage = pages.subscribe(scene.owner(), "/user/queue/notifications");
				Subscribed headPage = pages.subscribe(scene.head(), "/user/queue/notifications")) {
			SimulatedCall call = simulator.outboundCall(other.extension(), "8" + scene.number().substring(2),
					Duration.ofSeconds(4));

			Map<String, Object> toOwner = pages.messages(ownerPage.page(), note -> isAbout(note, client), 1).get(0);
			Map<String, Object> toHead = pages.messages(headPage.page(), note -> isAbout(note, client), 1).get(0);
			assertThat(simulator.activeChannels().block(WAIT)).as("told while the call goes on")
				.anyMatch(channel -> channel.startsWith(other.extension() + "-"));
			for (Map<String, Object> note : List.of(toOwner, toHead)) {
				assertThat(note).containsEntry("type", "CALLED_BY_OTHER")
					.containsEntry("way", "DESK_PHONE")
					.containsEntry("callId", call.linkedid())
					.containsEntry("number", scene.number());
				assertThat(note.get("calledBy")).isEqualTo(Map.of("login", other.login(), "name", other.fullName()));
			}
			assertThat(toOwner).containsEntry("to", scene.owner().login());
			assertThat(toHead).containsEntry("to", scene.head().login());
			assertThat((String) toHead.get("text")).contains(scene.owner().fullName()).contains(other.fullName());
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					db.sql("select employee_id, text from interactions where kind = 'CALL_OUT' and client_id = :client")
						.bind("client", client)
						.fetch()
						.all()
						.collectList()
						.block(WAIT))
				.singleElement()
				.satisfies(row -> {
					assertThat(row.get("employee_id")).isEqualTo(other.id());
					assertThat((String) row.get("text")).contains(other.fullName());
				}));
	}

	private CallScene.Builder answeringScene() {
		return scenes.aClient().everyPhone(PhoneBehaviour.answersAfter(RING, Duration.ofSeconds(1)));
	}

	private ResponseSpec originate(Employee caller, String number) {
		return as(caller.login()).post()
			.uri("/api/calls/originate")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("number", number))
			.exchange();
	}

	@SuppressWarnings("unchecked")
	static boolean isAbout(Map<String, Object> note, long client) {
		return note.get("client") instanceof Map<?, ?> ref && ((Map<String, Object>) ref).get("id") instanceof Number id
				&& id.longValue() == client;
	}

}

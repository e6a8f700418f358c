package io.ringside.dashboard;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;

import io.ringside.push.StompClient;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The supervisors' board end to end: a supervisor's STOMP client on
 * {@code /topic/dashboard} gets the snapshot, then sees a simulated call (real AMI and
 * FastAGI sockets) ring, be answered and end, and today's figures move;
 * {@code GET /api/dashboard} gives the same snapshot; managers get neither.
 */
class DashboardIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	PbxSimulator simulator;

	@Autowired
	JsonMapper json;

	@Autowired
	DatabaseClient db;

	private Employee supervisor;

	@BeforeEach
	void aSupervisor() {
		supervisor = data.employee(Role.SUPERVISOR);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aSupervisorSeesTheSnapshotThenTheCallRingThenTalkThenTheFiguresMove() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(Duration.ofSeconds(1)).ready();
		Employee owner = scene.owner();
		try (StompClient page = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"), supervisor.login(),
				TestData.PASSWORD, "0,0")) {
			page.send(StompCommand.SUBSCRIBE, Map.of("id", "board", "destination", "/topic/dashboard", "receipt", "r"));
			Map<String, Object> snapshot = message(page, body -> "snapshot".equals(body.get("type")));
			Map<String, Object> figuresBefore = (Map<String, Object>) snapshot.get("figures");
			long version = ((Number) snapshot.get("version")).longValue();

			String callId = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofMillis(500)))
				.linkedid();

			Map<String, Object> ringing = callIn(page, callId, "RINGING");
			assertThat(ringing).containsEntry("reason", "OWNER").containsEntry("direction", "INBOUND");
			assertThat((Map<String, Object>) ringing.get("routedTo")).containsEntry("login", owner.login())
				.containsEntry("name", owner.fullName())
				.containsEntry("target", owner.extension());
			assertThat((Map<String, Object>) ringing.get("client")).containsEntry("name", scene.client().name())
				.containsEntry("ownerLogin", owner.login());
			assertThat(ringing.get("callerNumber")).isNotNull();
			Map<String, Object> talking = callIn(page, callId, "TALKING");
			// the owner was new to the board: routing the call to them made it read the
			// team again
			assertThat(employees(get(supervisor.login())))
				.anySatisfy(employee -> assertThat(employee).containsEntry("login", owner.login()));
			assertThat(talking).containsEntry("answeredBy", owner.login());
			Map<String, Object> ended = message(page,
					body -> body.get("endedCalls") instanceof List<?> ids && ids.contains(callId));
			assertThat(((Number) ended.get("version")).longValue()).isGreaterThan(version);
			Map<String, Object> figures = message(page, body -> body.get("figures") instanceof Map<?, ?> now
					&& number(now, "answered") > number(figuresBefore, "answered"));
			assertThat(number((Map<String, Object>) figures.get("figures"), "received"))
				.isGreaterThan(number(figuresBefore, "received"));
			assertThat(((Map<String, Object>) figures.get("figures")).get("averageSpeedOfAnswerSeconds")).isNotNull();
			assertThat(((Map<String, Object>) figures.get("figures")).get("serviceLevelThresholdSeconds"))
				.isEqualTo(20);
		}
	}

	/**
	 * The board reads the team again only when the caller directory has (it hears every
	 * change to it): a manager renamed in SQL, as an operator might, shows under the new
	 * name after the next refresh.
	 */
	@Test
	void aChangeToTheTeamReachesTheBoardAtItsNextRefresh() {
		Employee manager = data.employee(Role.MANAGER);
		await().atMost(WAIT).until(() -> nameOnTheBoard(manager.login()), manager.fullName()::equals);
		String renamed = manager.fullName() + " Renamed";

		db.sql("update employees set full_name = :name where id = :id")
			.bind("name", renamed)
			.bind("id", manager.id())
			.fetch()
			.rowsUpdated()
			.block();

		await().atMost(WAIT).until(() -> nameOnTheBoard(manager.login()), renamed::equals);
	}

	private @Nullable Object nameOnTheBoard(String login) {
		return employees(get(supervisor.login())).stream()
			.filter(employee -> login.equals(employee.get("login")))
			.map(employee -> employee.get("name"))
			.findFirst()
			.orElse(null);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theRestSnapshotHasTheShapeOfTheStompSnapshot() {
		try (StompClient page = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"), supervisor.login(),
				TestData.PASSWORD, "0,0")) {
			page.send(StompCommand.SUBSCRIBE, Map.of("id", "board", "destination", "/topic/dashboard"));
			Map<String, Object> overStomp = message(page, body -> "snapshot".equals(body.get("type")));

			Map<String, Object> overRest = get(supervisor.login());

			assertThat(overRest).containsEntry("type", "snapshot").containsEntry("zone", "Europe/Moscow");
			assertThat(overRest.keySet()).containsAll(List.of("version", "at", "day", "calls", "employees", "figures"))
				.isEqualTo(overStomp.keySet());
			assertThat((Map<String, Object>) overRest.get("figures")).containsKeys("received", "answered", "missed",
					"abandoned", "serviceLevelThresholdSeconds", "takeovers", "callbacksOverdue");
			assertThat((Map<String, Object>) overStomp.get("figures")).containsKeys("received", "answered", "missed",
					"abandoned", "serviceLevelThresholdSeconds", "takeovers", "callbacksOverdue");
		}
	}

	/**
	 * What another instance (or this one before a restart) recorded counts too: calls
	 * written to the {@code calls} table as the recorder writes them show up in the
	 * figures once the board reads the database again.
	 */
	@Test
	void theFiguresCountTheCallsRecordedInTheDatabase() {
		CallScene scene = scenes.aClient().ready();
		Employee owner = scene.owner();
		Employee head = data.employeeWithPhone(Role.HEAD_OF_SALES);
		Map<String, Object> before = figures(get(supervisor.login()));
		String prefix = "recorded-" + data.unique() + "-";
		Instant now = Instant.now();
		record(scene, prefix + "owner", now, owner, "ANSWERED", false, 3_000,
				"[{\"device\": \"" + owner.extension() + "\"}]");
		record(scene, prefix + "head", now, head, "ANSWERED", false, 25_000,
				"[{\"device\": \"" + head.extension() + "\"}]");
		record(scene, prefix + "abandoned", now, null, "MISSED", true, 4_000,
				"[{\"device\": \"" + owner.extension() + "\", \"endReason\": \"CANCEL\"}]");
		record(scene, prefix + "missed", now, null, "MISSED", false, 40_000,
				"[{\"device\": \"" + owner.extension() + "\", \"endReason\": \"NOANSWER\"}]");

		await().atMost(WAIT).untilAsserted(() -> {
			Map<String, Object> after = figures(get(supervisor.login()));
			assertThat(number(after, "received")).isEqualTo(number(before, "received") + 4);
			assertThat(number(after, "answered")).isEqualTo(number(before, "answered") + 2);
			assertThat(number(after, "abandoned")).isEqualTo(number(before, "abandoned") + 1);
			assertThat(number(after, "missed")).isEqualTo(number(before, "missed") + 1);
			assertThat(number(after, "takeovers")).isEqualTo(number(before, "takeovers") + 1);
		});
	}

	/** A call of the scene's client written as the recorder writes it. */
	private void record(CallScene scene, String callId, Instant startedAt, Employee answeredBy, String outcome,
			boolean abandoned, long waitMillis, String legs) {
		OffsetDateTime started = startedAt.atOffset(ZoneOffset.UTC);
		db.sql("insert into calls (id, direction, caller_number, client_id, started_at, answered_at, ended_at, "
				+ "answered_device, answered_by, outcome, abandoned, wait_ms, talk_ms, legs) values (:id, 'INBOUND', :caller, "
				+ ":client, :started, :answered, :ended, :device, :by, :outcome, :abandoned, :wait, 1000, :legs::jsonb)")
			.bind("id", callId)
			.bind("caller", scene.number())
			.bind("client", scene.client().id())
			.bind("started", started)
			.bind("answered",
					Parameter.fromOrEmpty(answeredBy == null ? null : started.plusNanos(waitMillis * 1_000_000),
							OffsetDateTime.class))
			.bind("ended", started.plusSeconds(60))
			.bind("device", Parameter.fromOrEmpty(answeredBy == null ? null : answeredBy.extension(), String.class))
			.bind("by", Parameter.fromOrEmpty(answeredBy == null ? null : answeredBy.id(), Long.class))
			.bind("outcome", outcome)
			.bind("abandoned", abandoned)
			.bind("wait", waitMillis)
			.bind("legs", legs)
			.fetch()
			.rowsUpdated()
			.block(WAIT);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> figures(Map<String, Object> snapshot) {
		return (Map<String, Object>) snapshot.get("figures");
	}

	@Test
	void aManagerIsRefusedWithAProblem() {
		as(data.employee(Role.MANAGER).login()).get()
			.uri("/api/dashboard")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.FORBIDDEN)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403);
	}

	@Test
	void theOpenApiDocumentDescribesTheBoard() {
		web.mutate()
			.responseTimeout(WAIT)
			.build()
			.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/dashboard'].get.responses['200']")
			.exists()
			.jsonPath("$.paths['/api/dashboard'].get.responses['403']")
			.exists()
			.jsonPath("$.components.schemas.DashboardSnapshot")
			.exists();
	}

	@Test
	void theHeadOfSalesAndTheAdminMayReadTheBoard() {
		as(data.employee(Role.HEAD_OF_SALES).login()).get().uri("/api/dashboard").exchange().expectStatus().isOk();
		as(data.employee(Role.ADMIN).login()).get().uri("/api/dashboard").exchange().expectStatus().isOk();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> get(String login) {
		return as(login).get()
			.uri("/api/dashboard")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> employees(Map<String, Object> snapshot) {
		return (List<Map<String, Object>>) snapshot.get("employees");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> callIn(StompClient page, String callId, String state) {
		Map<String, Object> change = message(page, body -> body.get("calls") instanceof List<?> calls
				&& calls.stream().anyMatch(call -> isCall((Map<String, Object>) call, callId, state)));
		return ((List<Map<String, Object>>) change.get("calls")).stream()
			.filter(call -> isCall(call, callId, state))
			.findFirst()
			.orElseThrow();
	}

	private static boolean isCall(Map<String, Object> call, String callId, String state) {
		return callId.equals(call.get("callId")) && state.equals(call.get("state")) && (!"RINGING".equals(state)
				|| call.get("routedTo") instanceof Map<?, ?> routedTo && routedTo.get("name") != null);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> message(StompClient page, Predicate<Map<String, Object>> which) {
		return page.commands()
			.filter(frame -> StompClient.command(frame) == StompCommand.MESSAGE)
			.map(frame -> (Map<String, Object>) json.readValue(StompClient.body(frame), Map.class))
			.filter(which)
			.next()
			.block(WAIT);
	}

	private static long number(Map<?, ?> figures, String name) {
		return ((Number) figures.get(name)).longValue();
	}

}

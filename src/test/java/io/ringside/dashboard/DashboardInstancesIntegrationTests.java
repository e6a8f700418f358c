package io.ringside.dashboard;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompCommand;

import io.ringside.clients.Client;
import io.ringside.presence.Presence;
import io.ringside.push.StompClient;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.support.CallScene;
import io.ringside.support.Instance;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;
import io.ringside.telephony.Pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Ringside instances on one PBX (the test's simulator: the second instance connects
 * to its AMI as a second manager client, the dialplan routes through the first): a
 * supervisor on each sees the call, with its routing, and receives every change of the
 * board exactly once, as one unbroken sequence of versions.
 */
class DashboardInstancesIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static Instance second;

	@LocalServerPort
	int port;

	@Autowired
	PbxSimulator simulator;

	@Autowired
	Pbx pbx;

	@Autowired
	Presence presence;

	@Autowired
	JsonMapper json;

	@BeforeAll
	static void startASecondInstanceOnTheSamePbx(@Autowired PbxSimulator simulator) {
		second = Instance.start("--ringside.pbx.mode=asterisk", "--ringside.pbx.ami.host=127.0.0.1",
				"--ringside.pbx.ami.port=" + simulator.amiPort(), "--ringside.pbx.ami.reconnect-min=PT0.2S");
	}

	@AfterAll
	static void stopTheSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void eachInstancesSupervisorGetsEveryChangeOnceInOneSequence() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(Duration.ofMillis(700)).ready();
		Employee owner = scene.owner();
		String number = scene.number();
		Client client = scene.client();
		Employee supervisor = data.employee(Role.SUPERVISOR);
		await().atMost(WAIT).until(() -> second.bean(Pbx.class).connected());
		URI onB = second.stomp();
		URI onA = URI.create("ws://localhost:" + port + "/ws");
		try (StompClient pageOnA = subscribed(onA, supervisor); StompClient pageOnB = subscribed(onB, supervisor)) {
			String callId = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofMillis(500)))
				.linkedid();

			for (StompClient page : new StompClient[] { pageOnA, pageOnB }) {
				List<Map<String, Object>> messages = page.commands()
					.filter(frame -> StompClient.command(frame) == StompCommand.MESSAGE)
					.map(frame -> (Map<String, Object>) json.readValue(StompClient.body(frame), Map.class))
					.takeUntil(message -> message.get("endedCalls") instanceof List<?> ended && ended.contains(callId))
					.collectList()
					.block(WAIT);

				List<String> arrived = messages.stream()
					.map(message -> message.get("type") + "-" + message.get("version"))
					.toList();
				List<Long> versions = messages.stream()
					.dropWhile(message -> !"snapshot".equals(message.get("type")))
					.map(message -> ((Number) message.get("version")).longValue())
					.toList();
				assertThat(versions).as("one snapshot, then each change once, in order").isNotEmpty();
				for (int i = 1; i < versions.size(); i++) {
					assertThat(versions.get(i)).as("version after " + versions.get(i - 1) + " in " + arrived)
						.isEqualTo(versions.get(i - 1) + 1);
				}
				List<Map<String, Object>> seen = messages.stream()
					.filter(message -> message.get("calls") instanceof List<?>)
					.flatMap(message -> ((List<Map<String, Object>>) message.get("calls")).stream())
					.filter(call -> callId.equals(call.get("callId")))
					.toList();
				assertThat(seen).extracting(call -> call.get("state")).contains("RINGING", "TALKING");
				assertThat(seen).as("the routing made on the first instance reaches both")
					.anySatisfy(call -> assertThat(call.get("reason")).isEqualTo("OWNER"));
				assertThat(seen).anySatisfy(call -> assertThat((Map<String, Object>) call.get("client"))
					.containsEntry("name", client.name()));
			}
		}
	}

	private static StompClient subscribed(URI uri, Employee supervisor) {
		StompClient page = StompClient.connect(uri, supervisor.login(), TestData.PASSWORD, "0,0");
		page.send(StompCommand.SUBSCRIBE, Map.of("id", "board", "destination", "/topic/dashboard", "receipt", "r"));
		page.commands().filter(frame -> StompClient.command(frame) == StompCommand.RECEIPT).next().block(WAIT);
		return page;
	}

}

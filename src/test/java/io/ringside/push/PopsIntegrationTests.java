package io.ringside.push;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.stomp.StompCommand;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.ringside.crm.Client;
import io.ringside.crm.Employee;
import io.ringside.crm.Employees;
import io.ringside.crm.Role;
import io.ringside.presence.Availability;
import io.ringside.presence.Presence;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.ScriptedPhones;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.telephony.Pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A simulated call (real AMI and FastAGI sockets) makes a STOMP client signed in as the right person receive the
 * pop, with the client's card, before the phone is answered, and then its updates.
 */
class PopsIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	PbxSimulator simulator;

	@Autowired
	Pbx pbx;

	@Autowired
	Presence presence;

	@Autowired
	Employees employees;

	@Autowired
	JsonMapper json;

	private Employee owner;

	private Employee head;

	private String number;

	private Client client;

	private ScriptedPhones phones;

	@BeforeEach
	void aClientWithAnOwner() {
		data.employeeWithPhone(Role.HEAD_OF_SALES);
		head = employees.headOfSales().block(WAIT);
		owner = data.employeeWithPhone(Role.MANAGER);
		number = data.uniqueMoscowNumber();
		client = data.client(owner, number);
		phones = new ScriptedPhones(PhoneBehaviour.neverAnswers());
		simulator.phones(phones);
		await().atMost(WAIT).until(pbx::connected);
	}

	@Test
	void theOwnerSeesTheCallersCardWhileItRingsThenAnsweredThenEnded() {
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		phones.set(owner.extension(), PhoneBehaviour.answersAfter(Duration.ofSeconds(1)));
		try (StompClient page = subscribedToPops(owner)) {
			String callId = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofMillis(500))).linkedid();

			List<Map<String, Object>> pops = pops(page, callId, 3);

			assertThat(pops).extracting(pop -> pop.get("state")).containsExactly("RINGING", "ANSWERED", "ENDED");
			assertThat(pops).allSatisfy(pop -> assertThat(pop.get("callId")).isEqualTo(callId));
			Map<String, Object> ringing = pops.get(0);
			assertThat(ringing).containsEntry("reason", "OWNER").containsEntry("routedTo", owner.login());
			assertThat(clientOf(ringing)).containsEntry("id", ((Number) client.id()).intValue())
				.containsEntry("name", client.name());
			assertThat(pops.get(1)).containsEntry("answeredBy", owner.login());
		}
	}

	@Test
	void whenTheOwnerIsAwayTheHeadOfSalesGetsThePopWithTheReason() {
		presence.set(owner.login(), Availability.AWAY).block(WAIT);
		phones.set(head.extension(), PhoneBehaviour.answersAfter(Duration.ofSeconds(1)));
		try (StompClient ownerPage = subscribedToPops(owner); StompClient headPage = subscribedToPops(head)) {
			String callId = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofMillis(500))).linkedid();

			Map<String, Object> ringing = pops(headPage, callId, 1).get(0);

			assertThat(ringing).containsEntry("callId", callId)
				.containsEntry("state", "RINGING")
				.containsEntry("reason", "OWNER_ABSENT");
			assertThat(clientOf(ringing)).containsEntry("name", client.name());
		}
	}

	@Test
	void theOwnersPopIsWithdrawnWhenTheCallMovesToTheHeadOfSales() {
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		phones.set(owner.extension(), PhoneBehaviour.neverAnswers()).set(head.extension(),
				PhoneBehaviour.answersAfter(Duration.ofMillis(500)));
		try (StompClient page = subscribedToPops(owner)) {
			String callId = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofMillis(500))).linkedid();

			assertThat(pops(page, callId, 2)).extracting(pop -> pop.get("state")).containsExactly("RINGING", "WITHDRAWN");
		}
	}

	private StompClient subscribedToPops(Employee employee) {
		StompClient page = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"), employee.login(),
				TestData.PASSWORD, "0,0");
		page.send(StompCommand.SUBSCRIBE, Map.of("id", "pops", "destination", "/user/queue/pops", "receipt", "r"));
		assertThat(page.commands().skip(1).next().map(StompClient::command).block(WAIT)).isEqualTo(StompCommand.RECEIPT);
		return page;
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> pops(StompClient page, String callId, int count) {
		return page.commands()
			.skip(2)
			.filter(frame -> StompClient.command(frame) == StompCommand.MESSAGE)
			.map(frame -> (Map<String, Object>) json.readValue(StompClient.body(frame), Map.class))
			.filter(pop -> callId.equals(pop.get("callId")))
			.take(count)
			.collectList()
			.block(WAIT);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> clientOf(Map<String, Object> pop) {
		Map<String, Object> card = (Map<String, Object>) pop.get("client");
		assertThat(card).as("the pop carries the client's card").isNotNull();
		return (Map<String, Object>) card.get("client");
	}

}

package io.ringside.pops;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.clients.Client;
import io.ringside.presence.Availability;
import io.ringside.presence.Presence;
import io.ringside.push.StompClient;
import io.ringside.routing.RouteRequest;
import io.ringside.routing.RouteRequest.Attempt;
import io.ringside.routing.Router;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.ScriptedPhones;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
	Presence presence;

	@Autowired
	JsonMapper json;

	@Autowired
	DatabaseClient db;

	@Autowired
	Router router;

	private Employee owner;

	private Employee head;

	private String number;

	private Client client;

	private ScriptedPhones phones;

	@BeforeEach
	void aClientWithAnOwner() {
		CallScene scene = scenes.aClient().ready();
		owner = scene.owner();
		head = scene.head();
		number = scene.number();
		client = scene.client();
		phones = scene.phones();
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
	void aPopForACallThePbxNeverShowsIsWithdrawnOnceThePbxHadTimeToShowIt() {
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		try (StompClient page = subscribedToPops(owner)) {
			String callId = "never-shown." + System.nanoTime();
			// Routed as the route script would, but no channel of it ever appears on the PBX (the caller hung up
			// during the route).
			router.decide(new RouteRequest(callId, number, "100", Attempt.FIRST, null))
				.doOnNext(Router.Decided::announce)
				.block(WAIT);

			assertThat(pops(page, callId, 2)).extracting(pop -> pop.get("state"))
				.containsExactly("RINGING", "WITHDRAWN");
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

	@Test
	void aPageThatReconnectsDuringACallGetsItsPopAgainAndNothingOnceItEnded() {
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		phones.set(owner.extension(), PhoneBehaviour.answersAfter(Duration.ofMillis(1500)));
		String callId;
		try (StompClient page = subscribedToPops(owner)) {
			var call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofSeconds(3)));
			callId = call.linkedid();
			pops(page, callId, 1);
			try (Subscribed again = subscribe(owner, "/user/queue/pops")) {
				assertThat(again.messages()).as("the snapshot of a page reconnecting while it rings")
					.filteredOn(pop -> callId.equals(pop.get("callId")))
					.singleElement()
					.satisfies(pop -> {
						assertThat(pop).containsEntry("state", "RINGING").containsEntry("routedTo", owner.login());
						assertThat(clientOf(pop)).containsEntry("name", client.name());
					});
			}
			assertThat(call.answered().block(WAIT)).isEqualTo(owner.extension());
			Map<String, Object> answered = pops(page, callId, 2).get(1);
			try (Subscribed again = subscribe(owner, "/user/queue/pops")) {
				assertThat(again.messages()).as("the snapshot of a page reconnecting during the conversation")
					.filteredOn(pop -> callId.equals(pop.get("callId")))
					.singleElement()
					.satisfies(pop -> assertThat(pop).containsEntry("state", "ANSWERED")
						.containsEntry("answeredBy", owner.login())
						.containsEntry("version", answered.get("version")));
			}
			call.ended().block(WAIT);
			assertThat(pops(page, callId, 3).get(2)).containsEntry("state", "ENDED");
		}
		try (Subscribed after = subscribe(owner, "/user/queue/pops")) {
			assertThat(after.messages()).extracting(pop -> pop.get("callId")).doesNotContain(callId);
		}
	}

	@Test
	void whenTheHeadOfSalesTakesAnAbsentOwnersCallTheOwnerIsToldThenTheOutcome() {
		presence.set(owner.login(), Availability.AWAY).block(WAIT);
		phones.set(head.extension(), PhoneBehaviour.answersAfter(Duration.ofMillis(500)));
		try (Subscribed ownerPage = subscribe(owner, "/user/queue/notifications");
				StompClient headPage = subscribedToPops(head)) {
			String callId = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofMillis(500))).linkedid();

			assertThat(pops(headPage, callId, 1).get(0)).containsEntry("reason", "OWNER_ABSENT");
			List<Map<String, Object>> notes = messages(ownerPage.page(), callId, 2);

			Map<String, Object> taken = notes.get(0);
			assertThat(taken).containsEntry("type", "CALL_TAKEN")
				.containsEntry("reason", "OWNER_ABSENT")
				.containsEntry("owner", owner.login());
			assertThat(taken.get("client")).isEqualTo(Map.of("id", (int) client.id(), "name", client.name()));
			assertThat(taken.get("takenBy")).isEqualTo(Map.of("login", head.login(), "name", head.fullName()));
			assertThat((String) taken.get("text")).contains(client.name()).contains(head.fullName());
			Map<String, Object> outcome = notes.get(1);
			assertThat(outcome).containsEntry("type", "CALL_OUTCOME").containsEntry("outcome", "ANSWERED");
			assertThat(outcome.get("answeredBy")).isEqualTo(Map.of("login", head.login(), "name", head.fullName()));
			assertThat(ownerPage.messages()).as("notifications have no snapshot").isEmpty();
		}
	}

	@Test
	void everyoneTheLeadLineRingsGetsThePopAndWhenOneAnswersTheOthersAreWithdrawn() {
		List<Employee> lead = data.leadLine();
		phones.set(lead.get(1).extension(), PhoneBehaviour.answersAfter(Duration.ofSeconds(1)));
		String stranger = data.uniqueMoscowNumber();
		try (StompClient first = subscribedToPops(lead.get(0)); StompClient second = subscribedToPops(lead.get(1));
				StompClient third = subscribedToPops(lead.get(2))) {
			String callId = simulator.inboundCall(InboundCall.from(stranger).talkingFor(Duration.ofMillis(500)))
				.linkedid();

			List<Map<String, Object>> answerer = pops(second, callId, 3);
			assertThat(answerer).extracting(pop -> pop.get("state")).containsExactly("RINGING", "ANSWERED", "ENDED");
			assertThat(answerer.get(0)).containsEntry("reason", "UNKNOWN_CALLER")
				.containsEntry("unknownCaller", true)
				.containsEntry("routedTo", lead.get(1).login());
			for (StompClient other : List.of(first, third)) {
				assertThat(pops(other, callId, 2)).extracting(pop -> pop.get("state"), pop -> pop.get("answeredBy"))
					.containsExactly(tuple("RINGING", null), tuple("WITHDRAWN", lead.get(1).login()));
			}
		}
	}

	@Test
	void aTransferTargetGetsThePopAndTheTransferrersIsWithdrawn() {
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		phones.set(owner.extension(), PhoneBehaviour.answersAfter(Duration.ofMillis(500))).set(head.extension(),
				PhoneBehaviour.answersAfter(Duration.ofMillis(500)));
		try (StompClient ownerPage = subscribedToPops(owner); StompClient headPage = subscribedToPops(head)) {
			var call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofSeconds(2)));
			assertThat(call.answered().block(WAIT)).isEqualTo(owner.extension());

			assertThat(call.blindTransfer(head.extension()).block(WAIT)).isTrue();

			assertThat(pops(ownerPage, call.linkedid(), 3)).extracting(pop -> pop.get("state"))
				.containsExactly("RINGING", "ANSWERED", "WITHDRAWN");
			List<Map<String, Object>> target = pops(headPage, call.linkedid(), 3);
			assertThat(target).extracting(pop -> pop.get("state")).containsExactly("RINGING", "ANSWERED", "ENDED");
			assertThat(target.get(0)).containsEntry("reason", "TRANSFERRED").containsEntry("routedTo", head.login());
			assertThat(clientOf(target.get(0))).containsEntry("name", client.name());
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void thePopCarriesTheClientsOpenCallbacks() {
		long task = db.sql("insert into callback_tasks (client_id, call_id, caller_number, owner_id, assigned_to, "
				+ "created_at, due_at) values (:client, :call, :number, :owner, :owner, now(), now() + interval '1 hour') "
				+ "returning id")
			.bind("client", client.id())
			.bind("call", "missed-" + data.unique())
			.bind("number", number)
			.bind("owner", owner.id())
			.map(row -> row.get("id", Long.class))
			.one()
			.block(WAIT);
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		phones.set(owner.extension(), PhoneBehaviour.answersAfter(Duration.ofMillis(500)));
		try (StompClient page = subscribedToPops(owner)) {
			String callId = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofMillis(200))).linkedid();

			Map<String, Object> ringing = pops(page, callId, 1).get(0);

			assertThat((List<?>) ringing.get("callbacks")).singleElement()
				.satisfies(callback -> assertThat((Map<Object, Object>) callback).containsEntry("id", (int) task)
					.containsEntry("clientId", (int) client.id())
					.containsEntry("assignedTo", owner.login()));
		}
	}

	@Test
	void anAttendedTransferTargetGetsThePopAnsweredAndTheTransferrersIsWithdrawn() {
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		phones.set(owner.extension(), PhoneBehaviour.answersAfter(Duration.ofMillis(500))).set(head.extension(),
				PhoneBehaviour.answersAfter(Duration.ofMillis(500)));
		try (StompClient ownerPage = subscribedToPops(owner); StompClient headPage = subscribedToPops(head)) {
			var call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofSeconds(3)));
			assertThat(call.answered().block(WAIT)).isEqualTo(owner.extension());

			assertThat(call.attendedTransfer(head.extension()).block(WAIT)).isTrue();

			assertThat(pops(ownerPage, call.linkedid(), 3)).extracting(pop -> pop.get("state"))
				.containsExactly("RINGING", "ANSWERED", "WITHDRAWN");
			List<Map<String, Object>> target = pops(headPage, call.linkedid(), 2);
			assertThat(target).extracting(pop -> pop.get("state")).containsExactly("ANSWERED", "ENDED");
			assertThat(target.get(0)).containsEntry("reason", "TRANSFERRED").containsEntry("answeredBy", head.login());
		}
	}

	/** A page signed in as this employee with one subscription, and the snapshot it got before the RECEIPT. */
	private Subscribed subscribe(Employee employee, String destination) {
		StompClient page = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"), employee.login(),
				TestData.PASSWORD, "0,0");
		page.send(StompCommand.SUBSCRIBE, Map.of("id", "sub", "destination", destination, "receipt", "subscribed"));
		List<Map<String, Object>> snapshot = page.commands()
			.skip(1)
			.takeUntil(frame -> StompClient.command(frame) == StompCommand.RECEIPT)
			.filter(frame -> StompClient.command(frame) == StompCommand.MESSAGE)
			.publishOn(Schedulers.boundedElastic())
			.map(this::read)
			.collectList()
			.block(WAIT);
		return new Subscribed(page, snapshot);
	}

	private List<Map<String, Object>> messages(StompClient page, String callId, int count) {
		return page.commands()
			.filter(frame -> StompClient.command(frame) == StompCommand.MESSAGE)
			.publishOn(Schedulers.boundedElastic())
			.map(this::read)
			.filter(message -> callId.equals(message.get("callId")))
			.take(count)
			.collectList()
			.block(WAIT);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> read(org.springframework.messaging.Message<byte[]> frame) {
		return (Map<String, Object>) json.readValue(StompClient.body(frame), Map.class);
	}

	record Subscribed(StompClient page, List<Map<String, Object>> messages) implements AutoCloseable {

		@Override
		public void close() {
			page.close();
		}

	}

	/** A page subscribed to its pops; a snapshot of calls still going on from other tests is let through. */
	private StompClient subscribedToPops(Employee employee) {
		return subscribe(employee, "/user/queue/pops").page();
	}

	/** The first {@code count} pops of this call the page received, snapshot included. */
	private List<Map<String, Object>> pops(StompClient page, String callId, int count) {
		return messages(page, callId, count);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> clientOf(Map<String, Object> pop) {
		Map<String, Object> card = (Map<String, Object>) pop.get("client");
		assertThat(card).as("the pop carries the client's card").isNotNull();
		return (Map<String, Object>) card.get("client");
	}

}

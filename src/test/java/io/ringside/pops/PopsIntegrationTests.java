package io.ringside.pops;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.calls.Callbacks;
import io.ringside.clients.Client;
import io.ringside.database.Redis;
import io.ringside.database.RedisKeys;
import io.ringside.database.RedisResilience;
import io.ringside.pops.PopPages.Subscribed;
import io.ringside.push.StompClient;
import io.ringside.routing.RouteRequest;
import io.ringside.routing.RouteRequest.Attempt;
import io.ringside.routing.Router;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestServices;
import io.ringside.team.Employee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A simulated call (real AMI and FastAGI sockets) makes a STOMP client signed in as the
 * right person receive the pop, with the client's card, before the phone is answered, and
 * then its updates.
 */
class PopsIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	PbxSimulator simulator;

	@Autowired
	JsonMapper json;

	@Autowired
	Callbacks callbacks;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	Redis ringsideRedis;

	@Autowired
	RedisKeys keys;

	@Autowired
	DatabaseClient db;

	@Autowired
	Router router;

	@Autowired
	MeterRegistry meters;

	private PopPages pages;

	@BeforeEach
	void pagesOnThisInstance() {
		pages = new PopPages(port, json);
	}

	@Test
	void theOwnerSeesTheCallersCardWhileItRingsThenAnsweredThenEnded() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(Duration.ofSeconds(1)).ready();
		Employee owner = scene.owner();
		try (StompClient page = pages.subscribedToPops(owner)) {
			String callId = callFrom(scene);

			List<Map<String, Object>> pops = pages.pops(page, callId, 3);

			assertThat(pops).extracting(pop -> pop.get("state")).containsExactly("RINGING", "ANSWERED", "ENDED");
			assertThat(pops).allSatisfy(pop -> assertThat(pop.get("callId")).isEqualTo(callId));
			Map<String, Object> ringing = pops.get(0);
			assertThat(ringing).containsEntry("reason", "OWNER").containsEntry("routedTo", owner.login());
			assertThat(clientOf(ringing)).containsEntry("id", ((Number) scene.client().id()).intValue())
				.containsEntry("name", scene.client().name());
			assertThat(pops.get(1)).containsEntry("answeredBy", owner.login());
		}
		// Redis answered every write: none waited, every pop was kept.
		assertThat(meters.get("ringside.pops.writes.waiting").gauge().value()).isZero();
		assertThat(meters.get("ringside.pops.writes.unkept").functionCounter().count()).isZero();
	}

	@Test
	void aPopForACallThePbxNeverShowsIsWithdrawnOnceThePbxHadTimeToShowIt() {
		CallScene scene = scenes.aClient().ownerAvailable().ready();
		try (StompClient page = pages.subscribedToPops(scene.owner())) {
			String callId = "never-shown." + System.nanoTime();
			// Routed as the route script would, but no channel of it ever appears on the
			// PBX (the caller hung up
			// during the route).
			router.decide(new RouteRequest(callId, scene.number(), "100", Attempt.FIRST, null))
				.doOnNext(Router.Decided::announce)
				.block(WAIT);

			assertThat(pages.pops(page, callId, 2)).extracting(pop -> pop.get("state"))
				.containsExactly("RINGING", "WITHDRAWN");
		}
	}

	@Test
	void whenTheOwnerIsAwayTheHeadOfSalesGetsThePopWithTheReason() {
		CallScene scene = scenes.aClient().ownerAway().headAnswersAfter(Duration.ofSeconds(1)).ready();
		try (StompClient ownerPage = pages.subscribedToPops(scene.owner());
				StompClient headPage = pages.subscribedToPops(scene.head())) {
			String callId = callFrom(scene);

			Map<String, Object> ringing = pages.pops(headPage, callId, 1).get(0);

			assertThat(ringing).containsEntry("callId", callId)
				.containsEntry("state", "RINGING")
				.containsEntry("reason", "OWNER_ABSENT");
			assertThat(clientOf(ringing)).containsEntry("name", scene.client().name());
		}
	}

	@Test
	void theOwnersPopIsWithdrawnWhenTheCallMovesToTheHeadOfSales() {
		CallScene scene = scenes.aClient()
			.ownerAvailable()
			.ownersPhone(PhoneBehaviour.neverAnswers())
			.headAnswersAfter(Duration.ofMillis(500))
			.ready();
		try (StompClient page = pages.subscribedToPops(scene.owner())) {
			String callId = callFrom(scene);

			assertThat(pages.pops(page, callId, 2)).extracting(pop -> pop.get("state"))
				.containsExactly("RINGING", "WITHDRAWN");
		}
	}

	@Test
	void aPageThatReconnectsDuringACallGetsItsPopAgainAndNothingOnceItEnded() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(Duration.ofMillis(1500)).ready();
		Employee owner = scene.owner();
		String callId;
		try (StompClient page = pages.subscribedToPops(owner)) {
			var call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofSeconds(3)));
			callId = call.linkedid();
			pages.pops(page, callId, 1);
			try (Subscribed again = pages.subscribe(owner, "/user/queue/pops")) {
				assertThat(again.messages()).as("the snapshot of a page reconnecting while it rings")
					.filteredOn(pop -> callId.equals(pop.get("callId")))
					.singleElement()
					.satisfies(pop -> {
						assertThat(pop).containsEntry("state", "RINGING").containsEntry("routedTo", owner.login());
						assertThat(clientOf(pop)).containsEntry("name", scene.client().name());
					});
			}
			assertThat(call.answered().block(WAIT)).isEqualTo(owner.extension());
			Map<String, Object> answered = pages.pops(page, callId, 2).get(1);
			try (Subscribed again = pages.subscribe(owner, "/user/queue/pops")) {
				assertThat(again.messages()).as("the snapshot of a page reconnecting during the conversation")
					.filteredOn(pop -> callId.equals(pop.get("callId")))
					.singleElement()
					.satisfies(pop -> assertThat(pop).containsEntry("state", "ANSWERED")
						.containsEntry("answeredBy", owner.login())
						.containsEntry("version", answered.get("version")));
			}
			call.ended().block(WAIT);
			assertThat(pages.pops(page, callId, 3).get(2)).containsEntry("state", "ENDED");
		}
		try (Subscribed after = pages.subscribe(owner, "/user/queue/pops")) {
			assertThat(after.messages()).extracting(pop -> pop.get("callId")).doesNotContain(callId);
		}
	}

	/**
	 * The writes of a pop's states leave one after the other without waiting for each
	 * answer: the last one (the end, which removes it) must still be the one Redis keeps.
	 */
	@Test
	void aCallAnsweredAndEndedAtOnceLeavesNoPopStored() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(Duration.ZERO).ready();
		Employee owner = scene.owner();
		try (StompClient page = pages.subscribedToPops(owner)) {
			for (int i = 0; i < 5; i++) {
				var call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ZERO));
				String callId = call.linkedid();
				assertThat(pages.pops(page, callId, 3)).extracting(pop -> pop.get("state"))
					.containsExactly("RINGING", "ANSWERED", "ENDED");
				// read on the connection the writes left on, as a page's snapshot is: it
				// sees every write that left before it (another connection may not yet)
				String key = keys.key("pops:" + owner.login());
				assertThat(ringsideRedis.mono(commands -> commands.hexists(key, callId)).block(WAIT))
					.as("call %s stored after it ended", callId)
					.isFalse();
			}
		}
	}

	/**
	 * A pop does not wait for Redis to answer its write: while Redis holds every write
	 * ({@code CLIENT PAUSE WRITE}; reads go on), the page has the pop, before the write's
	 * deadline, and Redis does not yet; once the pause ends, Redis has it too, for pages
	 * that reconnect.
	 */
	@Test
	void aPopReachesItsPageWhileRedisHoldsItsWriteAndIsKeptOnceRedisGoesOn() {
		CallScene scene = scenes.aClient().ownerAvailable().ready();
		Employee owner = scene.owner();
		String stored = keys.key("pops:" + owner.login());
		try (StompClient page = pages.subscribedToPops(owner)) {
			String callId = "held." + System.nanoTime();
			holdRedisWrites(Duration.ofSeconds(20));
			try {
				long routed = System.nanoTime();
				router.decide(new RouteRequest(callId, scene.number(), "100", Attempt.FIRST, null))
					.doOnNext(Router.Decided::announce)
					.block(WAIT);

				assertThat(pages.pops(page, callId, 1)).extracting(pop -> pop.get("state")).containsExactly("RINGING");
				// a pop that waited for the write's answer would have gone once the
				// command timed out, at the earliest
				assertThat(Duration.ofNanos(System.nanoTime() - routed)).isLessThan(RedisResilience.COMMAND_TIMEOUT);
				assertThat(storedNow(stored, callId)).as("stored while Redis holds the writes").isFalse();
			}
			finally {
				letRedisWritesGo();
			}
			await().atMost(WAIT).until(() -> storedNow(stored, callId));
		}
	}

	/**
	 * Read on a connection of its own: the application's one has the held write ahead of
	 * anything sent after it.
	 */
	private static boolean storedNow(String key, String field) {
		RedisClient client = RedisClient.create(TestServices.redis());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().hexists(key, field);
		}
		finally {
			client.shutdown();
		}
	}

	private static void holdRedisWrites(Duration atMost) {
		redisCommand("PAUSE", Long.toString(atMost.toMillis()), "WRITE");
	}

	private static void letRedisWritesGo() {
		redisCommand("UNPAUSE");
	}

	private static void redisCommand(String... clientArguments) {
		RedisClient client = RedisClient.create(TestServices.redis());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
			for (String argument : clientArguments) {
				args.add(argument);
			}
			assertThat(connection.sync().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8), args))
				.isEqualTo("OK");
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void whenTheHeadOfSalesTakesAnAbsentOwnersCallTheOwnerIsToldThenTheOutcome() {
		CallScene scene = scenes.aClient().ownerAway().headAnswersAfter(Duration.ofMillis(500)).ready();
		Employee owner = scene.owner();
		Employee head = scene.head();
		Client client = scene.client();
		try (Subscribed ownerPage = pages.subscribe(owner, "/user/queue/notifications");
				StompClient headPage = pages.subscribedToPops(head)) {
			String callId = callFrom(scene);

			assertThat(pages.pops(headPage, callId, 1).get(0)).containsEntry("reason", "OWNER_ABSENT");
			List<Map<String, Object>> notes = pages.messages(ownerPage.page(), callId, 2);

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
		scenes.phones(PhoneBehaviour.neverAnswers())
			.set(lead.get(1).extension(), PhoneBehaviour.answersAfter(Duration.ofSeconds(1)));
		String stranger = data.uniqueMoscowNumber();
		try (StompClient first = pages.subscribedToPops(lead.get(0));
				StompClient second = pages.subscribedToPops(lead.get(1));
				StompClient third = pages.subscribedToPops(lead.get(2))) {
			String callId = simulator.inboundCall(InboundCall.from(stranger).talkingFor(Duration.ofMillis(500)))
				.linkedid();

			List<Map<String, Object>> answerer = pages.pops(second, callId, 3);
			assertThat(answerer).extracting(pop -> pop.get("state")).containsExactly("RINGING", "ANSWERED", "ENDED");
			assertThat(answerer.get(0)).containsEntry("reason", "UNKNOWN_CALLER")
				.containsEntry("unknownCaller", true)
				.containsEntry("routedTo", lead.get(1).login());
			for (StompClient other : List.of(first, third)) {
				assertThat(pages.pops(other, callId, 2))
					.extracting(pop -> pop.get("state"), pop -> pop.get("answeredBy"))
					.containsExactly(tuple("RINGING", null), tuple("WITHDRAWN", lead.get(1).login()));
			}
		}
	}

	@Test
	void aTransferTargetGetsThePopAndTheTransferrersIsWithdrawn() {
		CallScene scene = bothAnswer();
		Employee head = scene.head();
		try (StompClient ownerPage = pages.subscribedToPops(scene.owner());
				StompClient headPage = pages.subscribedToPops(head)) {
			var call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofSeconds(2)));
			assertThat(call.answered().block(WAIT)).isEqualTo(scene.owner().extension());

			assertThat(call.blindTransfer(head.extension()).block(WAIT)).isTrue();

			assertThat(pages.pops(ownerPage, call.linkedid(), 3)).extracting(pop -> pop.get("state"))
				.containsExactly("RINGING", "ANSWERED", "WITHDRAWN");
			List<Map<String, Object>> target = pages.pops(headPage, call.linkedid(), 3);
			assertThat(target).extracting(pop -> pop.get("state")).containsExactly("RINGING", "ANSWERED", "ENDED");
			assertThat(target.get(0)).containsEntry("reason", "TRANSFERRED").containsEntry("routedTo", head.login());
			assertThat(clientOf(target.get(0))).containsEntry("name", scene.client().name());
		}
	}

	@Test
	void thePopCarriesTheClientsOpenCallbacksAsTheCallbacksApiShowsThem() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(Duration.ofMillis(500)).ready();
		Employee owner = scene.owner();
		Client client = scene.client();
		long later = callback(scene, "interval '1 hour'", false);
		long overdue = callback(scene, "interval '-1 hour'", true);
		long done = callback(scene, "interval '2 hours'", false);
		db.sql("update callback_tasks set done_at = now(), done_by = owner_id where id = :id")
			.bind("id", done)
			.fetch()
			.rowsUpdated()
			.block(WAIT);
		try (StompClient page = pages.subscribedToPops(owner)) {
			String callId = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofMillis(200)))
				.linkedid();

			Map<String, Object> ringing = pages.pops(page, callId, 1).get(0);

			// the most urgent first, the done one left out, each field as GET
			// /api/callbacks writes it
			assertThat(json.writeValueAsString(ringing.get("callbacks")))
				.isEqualTo(json.writeValueAsString(json.readValue(
						json.writeValueAsString(
								List.of(callbacks.byId(overdue).block(WAIT), callbacks.byId(later).block(WAIT))),
						List.class)));
			assertThat(callbacks.byId(overdue).block(WAIT)).satisfies(task -> {
				assertThat(task.overdue()).isTrue();
				assertThat(task.escalated()).isTrue();
				assertThat(task.clientId()).isEqualTo(client.id());
			});
		}
	}

	/** An open callback of the scene's client, due at now() plus this interval. */
	private long callback(CallScene scene, String dueIn, boolean escalated) {
		return db.sql("insert into callback_tasks (client_id, call_id, caller_number, owner_id, assigned_to, "
				+ "created_at, due_at, escalated_at) values (:client, :call, :number, :owner, :owner, now(), now() + "
				+ dueIn + ", " + (escalated ? "now()" : "null") + ") returning id")
			.bind("client", scene.client().id())
			.bind("call", "missed-" + data.unique())
			.bind("number", scene.number())
			.bind("owner", scene.owner().id())
			.map(row -> row.get("id", Long.class))
			.one()
			.block(WAIT);
	}

	@Test
	void anAttendedTransferTargetGetsThePopAnsweredAndTheTransferrersIsWithdrawn() {
		CallScene scene = bothAnswer();
		Employee head = scene.head();
		try (StompClient ownerPage = pages.subscribedToPops(scene.owner());
				StompClient headPage = pages.subscribedToPops(head)) {
			var call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofSeconds(3)));
			assertThat(call.answered().block(WAIT)).isEqualTo(scene.owner().extension());

			assertThat(call.attendedTransfer(head.extension()).block(WAIT)).isTrue();

			assertThat(pages.pops(ownerPage, call.linkedid(), 3)).extracting(pop -> pop.get("state"))
				.containsExactly("RINGING", "ANSWERED", "WITHDRAWN");
			List<Map<String, Object>> target = pages.pops(headPage, call.linkedid(), 2);
			assertThat(target).extracting(pop -> pop.get("state")).containsExactly("ANSWERED", "ENDED");
			assertThat(target.get(0)).containsEntry("reason", "TRANSFERRED").containsEntry("answeredBy", head.login());
		}
	}

	/**
	 * The owner is available; the owner and the head of sales answer after half a second.
	 */
	private CallScene bothAnswer() {
		Duration ring = Duration.ofMillis(500);
		return scenes.aClient().ownerAvailable().ownerAnswersAfter(ring).headAnswersAfter(ring).ready();
	}

	/**
	 * A call from the scene's client, which talks for half a second once answered; its
	 * id.
	 */
	private String callFrom(CallScene scene) {
		return simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofMillis(500))).linkedid();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> clientOf(Map<String, Object> pop) {
		Map<String, Object> card = (Map<String, Object>) pop.get("client");
		assertThat(card).as("the pop carries the client's card").isNotNull();
		return (Map<String, Object>) card.get("client");
	}

}

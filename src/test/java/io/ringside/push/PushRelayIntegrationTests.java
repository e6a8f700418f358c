package io.ringside.push;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompCommand;

import io.ringside.presence.Presence;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.support.CallScene;
import io.ringside.support.Instance;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;
import io.ringside.telephony.Pbx;

import static io.ringside.push.StompClient.command;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Ringside instances on the same PostgreSQL and Redis: the test's own application (A)
 * and a second one (B) started here. A message pushed on either reaches the sessions on
 * both, each exactly once.
 */
class PushRelayIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static Instance second;

	@LocalServerPort
	int port;

	@Autowired
	Push push;

	@Autowired
	PbxSimulator simulator;

	@Autowired
	Pbx pbx;

	@Autowired
	Presence presence;

	@BeforeAll
	static void startASecondInstance() {
		second = Instance.start();
	}

	@AfterAll
	static void stopTheSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	private URI a() {
		return URI.create("ws://localhost:" + port + "/ws");
	}

	private static URI b() {
		return second.stomp();
	}

	private static StompClient subscribed(URI uri, String login, String destination) {
		StompClient client = StompClient.connect(uri, login, TestData.PASSWORD, "0,0");
		client.send(StompCommand.SUBSCRIBE, Map.of("id", "s", "destination", destination, "receipt", "ready"));
		// on /topic/dashboard the board's snapshot (and any change of the board) may come
		// before the RECEIPT
		client.commands()
			.skip(1)
			.filter(frame -> command(frame) != StompCommand.MESSAGE)
			.next()
			.map(StompClient::command)
			.as(StepVerifier::create)
			.expectNext(StompCommand.RECEIPT)
			.verifyComplete();
		return client;
	}

	/**
	 * Each instance delivers its own messages at once and the others' when Redis brings
	 * them, so a session may see them in either order. Once it has all three, a marker
	 * from each instance follows: Redis delivers a publisher's echo before anything
	 * published later, so a duplicate would arrive before the markers and be counted.
	 */
	@Test
	void deliversAPopToTheUsersSessionsOnBothInstancesExactlyOnce() {
		String login = data.employee(Role.MANAGER).login();
		Push pushOnB = second.bean(Push.class);
		try (StompClient onA = subscribed(a(), login, "/user/queue/pops");
				StompClient onB = subscribed(b(), login, "/user/queue/pops")) {
			push.toUser(login, Push.POPS, Map.of("n", 1))
				.then(push.toUser(login, Push.POPS, Map.of("n", 2)))
				.then(pushOnB.toUser(login, Push.POPS, Map.of("n", 3)))
				.as(StepVerifier::create)
				.verifyComplete();
			for (StompClient client : new StompClient[] { onA, onB }) {
				messages(client, 3).as(StepVerifier::create)
					.assertNext(bodies -> assertThat(bodies).containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":2}",
							"{\"n\":3}"))
					.verifyComplete();
			}
			push.toUser(login, Push.POPS, Map.of("marker", "A"))
				.then(pushOnB.toUser(login, Push.POPS, Map.of("marker", "B")))
				.as(StepVerifier::create)
				.verifyComplete();
			for (StompClient client : new StompClient[] { onA, onB }) {
				messages(client, 5).as(StepVerifier::create)
					.assertNext(bodies -> assertThat(bodies.subList(3, 5))
						.containsExactlyInAnyOrder("{\"marker\":\"A\"}", "{\"marker\":\"B\"}"))
					.verifyComplete();
			}
		}
	}

	/**
	 * The pop lives in Redis, so a page reconnecting on the other instance during the
	 * call gets it again.
	 */
	@Test
	void aPageReconnectingOnTheOtherInstanceDuringACallGetsThePopRoutedOnTheFirst() {
		CallScene scene = scenes.aClient()
			.withoutHeadOfSales()
			.ownerAvailable()
			.ownerAnswersAfter(Duration.ofMillis(300))
			.ready();
		Employee owner = scene.owner();
		String number = scene.number();
		try (StompClient onA = subscribed(a(), owner.login(), "/user/queue/pops")) {
			var call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofSeconds(3)));
			assertThat(call.answered().block(WAIT)).isEqualTo(owner.extension());
			messages(onA, 2).as(StepVerifier::create)
				.assertNext(bodies -> assertThat(bodies.get(1)).contains("\"state\":\"ANSWERED\""))
				.verifyComplete();

			try (StompClient onB = StompClient.connect(b(), owner.login(), TestData.PASSWORD, "0,0")) {
				onB.send(StompCommand.SUBSCRIBE, Map.of("id", "s", "destination", "/user/queue/pops", "receipt", "r"));
				onB.commands()
					.skip(1)
					.take(2)
					.map(frame -> command(frame) + " " + StompClient.body(frame))
					.collectList()
					.as(StepVerifier::create)
					.assertNext(frames -> {
						assertThat(frames.get(0)).startsWith("MESSAGE")
							.contains("\"callId\":\"" + call.linkedid() + "\"")
							.contains("\"state\":\"ANSWERED\"");
						assertThat(frames.get(1)).startsWith("RECEIPT");
					})
					.expectComplete()
					.verify(WAIT);
			}
		}
	}

	/** The bodies of the first messages a client received, once it has that many. */
	private static Mono<List<String>> messages(StompClient client, int count) {
		return messages(client, body -> true, count);
	}

	private static Mono<List<String>> messages(StompClient client, Predicate<String> which, int count) {
		return client.commands()
			.filter(frame -> command(frame) == StompCommand.MESSAGE)
			.map(StompClient::body)
			.filter(which)
			.take(count)
			.collectList()
			.timeout(WAIT);
	}

	@Test
	void deliversTheDashboardPublishedOnOneInstanceToSubscribersOnTheOther() {
		String head = data.employee(Role.HEAD_OF_SALES).login();
		try (StompClient onB = subscribed(b(), head, Push.DASHBOARD)) {
			push.toTopic(Push.DASHBOARD, Map.of("waiting", 2))
				.then(second.bean(Push.class).toTopic(Push.DASHBOARD, Map.of("waiting", 3)))
				.as(StepVerifier::create)
				.verifyComplete();
			messages(onB, body -> body.contains("waiting"), 2).as(StepVerifier::create)
				.assertNext(
						bodies -> assertThat(bodies).containsExactlyInAnyOrder("{\"waiting\":2}", "{\"waiting\":3}"))
				.verifyComplete();
		}
	}

}

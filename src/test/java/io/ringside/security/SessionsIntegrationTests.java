package io.ringside.security;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ringside.push.StompClient;
import io.ringside.support.FormSignIn;
import io.ringside.support.Instance;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.support.TestServices;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static io.ringside.push.StompClient.command;
import static io.ringside.push.StompClient.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in sessions shared by two instances through Redis, and ended on both, with the
 * STOMP sessions of both, when an employee's access changes (issue 12, "Sessions").
 * Instance A is the test's own context, B a second one on the same PostgreSQL and Redis
 * with the same key prefix.
 */
class SessionsIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(15);

	/**
	 * The promise: every session of the employee ends within a second of the
	 * change.
	 */
	private static final Duration WITHIN = Duration.ofSeconds(1);

	private static Instance second;

	@LocalServerPort
	int port;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	ReactiveRedisIndexedSessionRepository sessions;

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

	@Test
	void aPageSignedInOnOneInstanceIsSignedInOnTheOther() {
		Employee manager = data.employee(Role.MANAGER);
		String session = FormSignIn.session(web, manager.login(), TestData.PASSWORD);

		me(onB(), session).expectStatus().isOk().expectBody().jsonPath("$.login").isEqualTo(manager.login());
		me(web, session).expectStatus().isOk();
		redis.hasKey(TestServices.REDIS_KEY_PREFIX + "session:sessions:" + session)
			.as(StepVerifier::create)
			.as("kept in Redis under this run's key prefix")
			.expectNext(true)
			.verifyComplete();
	}

	@Test
	void deactivatingAManagerEndsHerPagesAndSocketsOnEveryInstanceWithinASecond() {
		Employee manager = data.employee(Role.MANAGER);
		endsEverythingWhen(manager, Map.of("active", false), TestData.PASSWORD);
		as(manager.login()).get().uri("/api/employees/me").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void demotingAHeadOfSalesEndsHerSessionsAndHerRights() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Employee other = data.employee(Role.MANAGER);
		endsEverythingWhen(head, Map.of("role", "MANAGER"), TestData.PASSWORD);
		as(head.login()).patch()
			.uri("/api/employees/{id}", other.id())
			.bodyValue(Map.of("fullName", "Renamed"))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void changingAPasswordEndsTheSessionsSignedInWithTheOldOne() {
		Employee manager = data.employee(Role.MANAGER);
		endsEverythingWhen(manager, Map.of("password", "a-new-secret"), "a-new-secret");
		as(manager.login()).get().uri("/api/employees/me").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void renamingAnEmployeeLeavesTheirSessionsAlone() {
		Employee manager = data.employee(Role.MANAGER);
		String session = FormSignIn.session(web, manager.login(), TestData.PASSWORD);
		try (StompClient socket = connected(wsOn(port), cookie(session))) {
			asAdmin(onB()).patch()
				.uri("/api/employees/{id}", manager.id())
				.bodyValue(Map.of("fullName", "Still Signed In"))
				.exchange()
				.expectStatus()
				.isOk();
			me(web, session).expectStatus().isOk();
			me(onB(), session).expectStatus().isOk();
			socket.commands()
				.filter(frame -> command(frame) == StompCommand.ERROR)
				.as(StepVerifier::create)
				.expectSubscription()
				.expectNoEvent(Duration.ofMillis(1500))
				.thenCancel()
				.verify();
		}
	}

	/**
	 * A request in flight while its session ended writes the session's last access back
	 * when it completes; what it leaves in Redis is no session: the cookie gets 401, not
	 * a failure.
	 */
	@Test
	void aSessionWrittenBackAfterItEndedIsNoSession() {
		Employee manager = data.employee(Role.MANAGER);
		String session = FormSignIn.session(web, manager.login(), TestData.PASSWORD);
		endsEverythingWhen(manager, Map.of("active", false), TestData.PASSWORD);
		sessions.getSessionRedisOperations()
			.opsForHash()
			.put(TestServices.REDIS_KEY_PREFIX + "session:sessions:" + session, "lastAccessedTime",
					System.currentTimeMillis())
			.as(StepVerifier::create)
			.expectNext(true)
			.verifyComplete();
		me(web, session).expectStatus().isUnauthorized();
		me(onB(), session).expectStatus().isUnauthorized();
	}

	/**
	 * The employee signed in with the form on A, with that session's page on B holding a
	 * STOMP socket and a script on A holding one with HTTP Basic; the admin changes them
	 * on B. By the time the change is answered their session is gone on both instances;
	 * within a second each socket has an ERROR and is closed.
	 */
	private void endsEverythingWhen(Employee employee, Map<String, Object> change, String passwordAfter) {
		String session = FormSignIn.session(web, employee.login(), TestData.PASSWORD);
		me(onB(), session).expectStatus().isOk();
		try (StompClient pageOnB = connected(second.stomp(), cookie(session));
				StompClient scriptOnA = connected(wsOn(port), StompClient.basic(employee.login(), TestData.PASSWORD))) {
			asAdmin(onB()).patch()
				.uri("/api/employees/{id}", employee.id())
				.bodyValue(change)
				.exchange()
				.expectStatus()
				.isOk();
			long answered = System.nanoTime();

			me(web, session).expectStatus().isUnauthorized();
			me(onB(), session).expectStatus().isUnauthorized();
			for (StompClient socket : new StompClient[] { pageOnB, scriptOnA }) {
				socket.commands().skip(1).as(StepVerifier::create).assertNext(frame -> {
					assertThat(command(frame)).isEqualTo(StompCommand.ERROR);
					assertThat(header(frame, "message")).isEqualTo(AccessRevocation.MESSAGE);
				}).expectComplete().verify(left(answered));
			}
		}
		if (!Boolean.FALSE.equals(change.get("active"))) {
			FormSignIn.session(web, employee.login(), passwordAfter);
		}
	}

	/**
	 * What is left of the second that began when the change was answered (at least a
	 * millisecond).
	 */
	private static Duration left(long since) {
		Duration left = WITHIN.minusNanos(System.nanoTime() - since);
		return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
	}

	private static StompClient connected(URI uri, HttpHeaders headers) {
		StompClient client = StompClient.open(uri, headers, true);
		client.send(StompCommand.CONNECT, Map.of("accept-version", "1.2", "heart-beat", "0,0"));
		client.commands()
			.next()
			.map(StompClient::command)
			.as(StepVerifier::create)
			.expectNext(StompCommand.CONNECTED)
			.verifyComplete();
		return client;
	}

	private static HttpHeaders cookie(String session) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.COOKIE, "SESSION=" + session);
		return headers;
	}

	private static WebTestClient.ResponseSpec me(WebTestClient client, String session) {
		return client.get().uri("/api/employees/me").cookie("SESSION", session).exchange();
	}

	private WebTestClient asAdmin(WebTestClient client) {
		String admin = data.employee(Role.ADMIN).login();
		return client.mutate().defaultHeaders(headers -> headers.setBasicAuth(admin, TestData.PASSWORD)).build();
	}

	private static URI wsOn(int port) {
		return URI.create("ws://localhost:" + port + "/ws");
	}

	private static WebTestClient onB() {
		return second.anonymous().mutate().responseTimeout(WAIT).build();
	}

}

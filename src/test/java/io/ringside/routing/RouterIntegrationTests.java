package io.ringside.routing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;
import redis.embedded.RedisServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.ringside.clients.CallerDirectory;
import io.ringside.clients.Client;
import io.ringside.clients.Clients;
import io.ringside.clients.PhoneNumbers;
import io.ringside.database.Redis;
import io.ringside.database.RedisKeys;
import io.ringside.database.RedisResilience;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;
import io.ringside.presence.Presence;
import io.ringside.presence.PresenceSettings;
import io.ringside.routing.RouteRequest.Attempt;
import io.ringside.rules.Rules;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The router against real PostgreSQL and Redis, and against stores that are down or hang.
 */
class RouterIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	Router router;

	@Autowired
	Presence presence;

	@Autowired
	Clients clients;

	@Autowired
	CallerDirectory directory;

	@Autowired
	DatabaseClient db;

	@Autowired
	Employees employees;

	@Autowired
	PhoneNumbers phoneNumbers;

	@Autowired
	Rules rules;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	RoutingSettings settings;

	@Autowired
	RedisKeys keys;

	@Autowired
	Redis commands;

	@Autowired
	PresenceSettings presenceSettings;

	private final List<AutoCloseable> closeAfter = new ArrayList<>();

	private Employee owner;

	private Employee head;

	private String number;

	private Client client;

	@BeforeEach
	void aClientWithAnOwnerAndAHeadOfSales() {
		data.employeeWithPhone(Role.HEAD_OF_SALES);
		head = employees.headOfSales().block(WAIT);
		presence.set(head.login(), Availability.AVAILABLE).block(WAIT);
		owner = data.employeeWithPhone(Role.MANAGER);
		number = data.uniqueMoscowNumber();
		client = data.client(owner, number);
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : closeAfter) {
			closeable.close();
		}
	}

	@Test
	void routesToTheOwnerWhoIsAvailableWithAFreePhone() {
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		presence.setDeviceState(owner.extension(), DeviceState.NOT_INUSE).block(WAIT);

		router.route(first("8" + number.substring(2))).as(StepVerifier::create).assertNext(decision -> {
			assertThat(decision.reason()).isEqualTo(RouteReason.OWNER);
			assertThat(decision.target()).isEqualTo(owner.extension());
			assertThat(decision.clientId()).isEqualTo(client.id());
		}).verifyComplete();
	}

	@Test
	void routesToAHeadOfSalesWhenTheOwnerIsAwayOrOnThePhone() {
		presence.set(owner.login(), Availability.AWAY).block(WAIT);
		assertThat(router.route(first(number)).block(WAIT).reason()).isEqualTo(RouteReason.OWNER_ABSENT);

		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		presence.setDeviceState(owner.extension(), DeviceState.INUSE).block(WAIT);
		RouteDecision busy = router.route(first(number)).block(WAIT);
		assertThat(busy.reason()).isEqualTo(RouteReason.OWNER_ABSENT);
		assertThat(busy.employeeLogin()).isEqualTo(head.login());

		presence.set(head.login(), Availability.AWAY).block(WAIT);
		RouteDecision bothAway = router.route(first(number)).block(WAIT);
		presence.set(head.login(), Availability.AVAILABLE).block(WAIT);
		assertThat(bothAway.hasTarget()).isFalse();
		assertThat(bothAway.passed()).extracting(RouteDecision.Passed::login)
			.containsExactly(owner.login(), head.login());
	}

	@Test
	void readsStartedBeforeTheCallIsKnownDecideAndAreAnnouncedOnlyWhenAsked() {
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		presence.setDeviceState(owner.extension(), DeviceState.NOT_INUSE).block(WAIT);
		Router.Lookup lookup = router.lookUp(number, Attempt.FIRST);
		RouteRequest request = new RouteRequest("lookup." + System.nanoTime(), number, "100", Attempt.FIRST, null);

		StepVerifier.create(router.decisions().filter(decided -> decided.request().callId().equals(request.callId())))
			.then(() -> {
				Router.Decided decided = router.decide(request, lookup).block(WAIT);
				assertThat(decided.decision().reason()).isEqualTo(RouteReason.OWNER);
				assertThat(decided.decision().clientId()).isEqualTo(client.id());
				decided.announce();
				decided.announce();
			})
			.assertNext(announced -> {
				assertThat(announced.decision().target()).isEqualTo(owner.extension());
				assertThat(announced.caller().owner().login()).isEqualTo(owner.login());
				assertThat(announced.caller().clientName()).isEqualTo(client.name());
			})
			.expectNoEvent(Duration.ofMillis(300))
			.thenCancel()
			.verify(WAIT);
	}

	@Test
	void theCallersClientIsAnnouncedAsSoonAsItIsFoundBeforeAnyDecision() {
		StepVerifier.create(router.callersFound().filter(found -> found.clientId() == client.id()).take(1))
			.then(() -> router.lookUp(number, Attempt.FIRST))
			.assertNext(found -> {
				assertThat(found.clientName()).isEqualTo(client.name());
				assertThat(found.owner().login()).isEqualTo(owner.login());
			})
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void anUnknownCallerIsAnUnknownCaller() {
		assertThat(router.route(first(data.uniqueMoscowNumber())).block(WAIT).reason())
			.isEqualTo(RouteReason.UNKNOWN_CALLER);
		assertThat(router.route(first("anonymous")).block(WAIT).reason()).isEqualTo(RouteReason.UNKNOWN_CALLER);
	}

	@Test
	void everyDecisionIsPublished() {
		StepVerifier.create(router.decisions().filter(d -> d.request().callId().equals("published.1")).take(1))
			.then(() -> router.route(new RouteRequest("published.1", number, "100", Attempt.FIRST, null)).subscribe())
			.assertNext(decided -> assertThat(decided.decision().clientId()).isEqualTo(client.id()))
			.verifyComplete();
	}

	@Test
	void whenRedisGoesAwayTheCallFallsBackAtOnceAndRoutesAgainWhenItIsBack() throws IOException {
		int port = closedPort();
		RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("save \"\"").build();
		redis.start();
		closeAfter.add(redis::stop);
		LettuceConnectionFactory connection = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port), RedisResilience.clientConfiguration());
		connection.setEagerInitialization(true);
		connection.afterPropertiesSet();
		connection.start();
		closeAfter.add(connection::destroy);
		Redis ownCommands = new Redis(connection);
		closeAfter.add(ownCommands::stop);
		Presence ownRedis = new Presence(ownCommands, new PresenceSettings(Duration.ofMinutes(2)), keys);
		Router router = new Router(directory, ownRedis, phoneNumbers, settings, rules, Clock.systemUTC());
		ownRedis.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		assertThat(router.route(first(number)).block(WAIT).reason()).isEqualTo(RouteReason.OWNER);

		redis.stop();
		RouteDecision duringOutage = router.route(first(number)).block(Duration.ofSeconds(2));

		assertThat(duringOutage.reason()).isEqualTo(RouteReason.FALLBACK);
		assertThat(duringOutage.employeeLogin()).isNotNull();

		redis.start();
		ownRedis.set(owner.login(), Availability.AVAILABLE)
			.retryWhen(Retry.fixedDelay(50, Duration.ofMillis(200)))
			.block(Duration.ofSeconds(15));
		assertThat(router.route(first(number)).block(WAIT).reason()).isEqualTo(RouteReason.OWNER);
	}

	@Test
	void whenPostgresHangsTheCallFallsBackWithinTheDeadline() throws IOException {
		ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		closeAfter.add(silent);
		ConnectionFactory hangingConnections = ConnectionFactories
			.get("r2dbc:postgresql://postgres@127.0.0.1:" + silent.getLocalPort() + "/none?connectTimeout=PT30S");
		DatabaseClient hanging = DatabaseClient.create(hangingConnections);
		Employees slowEmployees = new Employees(hanging, passwords);
		// Never started, as when its listening connection cannot be made: it reads the
		// (hanging) database.
		CallerDirectory notListening = new CallerDirectory(hangingConnections, hanging,
				new Clients(hanging, slowEmployees, null, phoneNumbers), slowEmployees);
		Router router = new Router(notListening, presence, phoneNumbers, settings, rules, Clock.systemUTC());

		long started = System.nanoTime();
		RouteDecision decision = router.route(first(number)).block(Duration.ofSeconds(3));
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(decision.reason()).isEqualTo(RouteReason.FALLBACK);
		assertThat(took).isLessThan(settings.answerWithin().plusSeconds(1));
	}

	@Test
	void itsHealthSaysWhereRoutingReadsCallersAndPresenceNow() {
		await().atMost(WAIT).until(() -> directory.serving() && presence.mirrored());
		as(owner.login()).get()
			.uri("/actuator/health/routing")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.details.callers")
			.isEqualTo("memory")
			.jsonPath("$.details.presence")
			.isEqualTo("memory");

		// A directory never started and a presence without a mirror: what an instance
		// reads while they do not serve.
		CallerDirectory notListening = new CallerDirectory(db.getConnectionFactory(), db, clients, employees);
		Presence unmirrored = new Presence(commands, presenceSettings, keys);
		Health health = new RoutingHealthIndicator(notListening, unmirrored).health().block(WAIT);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("callers", "database").containsEntry("presence", "redis");
	}

	private static RouteRequest first(String callerNumber) {
		return new RouteRequest("test." + System.nanoTime(), callerNumber, "100", Attempt.FIRST, null);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

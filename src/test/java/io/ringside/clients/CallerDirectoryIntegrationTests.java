package io.ringside.clients;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The caller directory against the real PostgreSQL: it answers from memory, follows
 * changes whoever makes them, and stops serving (routing reads the database) while its
 * listening connection is lost.
 */
class CallerDirectoryIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	CallerDirectory directory;

	@Autowired
	ConnectionFactory connections;

	@Autowired
	DatabaseClient db;

	@Autowired
	PhoneNumbers phoneNumbers;

	@Autowired
	PasswordEncoder passwords;

	private Employee owner;

	private String number;

	private Client client;

	private ServerSocket silent;

	@BeforeEach
	void aClientWithANumber() throws IOException {
		owner = data.employeeWithPhone(Role.MANAGER);
		number = data.uniqueMoscowNumber();
		client = data.client(owner, number);
		silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
	}

	@AfterEach
	void close() throws IOException {
		silent.close();
	}

	@Test
	void answersFromMemoryWithoutTheDatabase() {
		data.employeeWithPhone(Role.HEAD_OF_SALES);
		// Its own reads go to the real database; the lookups it would fall back on hang.
		CallerDirectory own = new CallerDirectory(connections, db, hangingClients(), hangingEmployees());
		own.start();
		try {
			await().atMost(WAIT).until(own::serving);

			StepVerifier.create(own.callerOf(number)).assertNext(found -> {
				assertThat(found).isPresent();
				assertThat(found.get().clientId()).isEqualTo(client.id());
				assertThat(found.get().clientName()).isEqualTo(client.name());
				assertThat(found.get().owner().login()).isEqualTo(owner.login());
				assertThat(found.get().owner().extension()).isEqualTo(owner.extension());
			}).expectComplete().verify(Duration.ofSeconds(1));
			StepVerifier.create(own.callerOf(data.uniqueMoscowNumber()))
				.expectNext(Optional.empty())
				.expectComplete()
				.verify(Duration.ofSeconds(1));
			StepVerifier.create(own.headOfSales())
				.assertNext(head -> assertThat(head).isPresent())
				.expectComplete()
				.verify(Duration.ofSeconds(1));
		}
		finally {
			own.stop();
		}
		assertThat(own.serving()).isFalse();
	}

	/**
	 * During a PostgreSQL outage each call must not wait for the database first: after
	 * one read that took too long, the listing read last answers at once.
	 */
	@Test
	void whileNotServingOneSlowReadIsWaitedForAndTheNextLookupsTakeTheLastListingAtOnce() {
		data.employeeWithPhone(Role.HEAD_OF_SALES);
		CallerDirectory own = new CallerDirectory(connections, db, hangingClients(), hangingEmployees());
		own.start();
		await().atMost(WAIT).until(own::serving);
		own.stop();
		assertThat(own.serving()).isFalse();

		long started = System.nanoTime();
		Optional<CallerMatch> first = own.callerOf(number).block(WAIT);
		Duration firstTook = Duration.ofNanos(System.nanoTime() - started);
		started = System.nanoTime();
		for (int call = 0; call < 20; call++) {
			assertThat(own.callerOf(number).block(WAIT)).map(found -> found.owner().login()).contains(owner.login());
			assertThat(own.headOfSales().block(WAIT)).isPresent();
		}
		Duration nextTook = Duration.ofNanos(System.nanoTime() - started);

		assertThat(first).map(CallerMatch::clientId).contains(client.id());
		assertThat(firstTook).isGreaterThanOrEqualTo(CallerDirectory.STALE_AFTER);
		assertThat(nextTook)
			.as("40 lookups, each waiting %s if the database were asked again", CallerDirectory.STALE_AFTER)
			.isLessThan(CallerDirectory.STALE_AFTER.multipliedBy(10));
	}

	@Test
	void followsChangesMadeOutsideRingsideOnceCaughtUp() {
		await().atMost(WAIT).until(directory::serving);
		Employee other = data.employeeWithPhone(Role.MANAGER);
		String added = data.uniqueMoscowNumber();

		sql("update clients set owner_id = :other, name = 'Renamed in psql', vip = true where id = :client",
				Map.of("other", other.id(), "client", client.id()));
		sql("insert into phone_numbers (client_id, e164, label) values (:client, :e164, 'psql')",
				Map.of("client", client.id(), "e164", added));
		sql("update employees set extension = 'PJSIP/moved-' || id where id = :other", Map.of("other", other.id()));
		directory.caughtUp().block(WAIT);

		CallerMatch moved = directory.callerOf(number).block(WAIT).orElseThrow();
		assertThat(moved.owner().login()).isEqualTo(other.login());
		assertThat(moved.owner().extension()).isEqualTo("PJSIP/moved-" + other.id());
		assertThat(moved.clientName()).isEqualTo("Renamed in psql");
		assertThat(moved.vip()).isTrue();
		assertThat(directory.callerOf(added).block(WAIT)).map(CallerMatch::clientId).contains(client.id());

		sql("delete from phone_numbers where e164 = :e164", Map.of("e164", number));
		directory.caughtUp().block(WAIT);

		assertThat(directory.callerOf(number).block(WAIT)).isEmpty();
		assertThat(directory.callerOf(added).block(WAIT)).isPresent();
	}

	@Test
	void whileItsConnectionIsLostItDoesNotServeAndAfterwardsItHasEveryChange() {
		await().atMost(WAIT).until(directory::serving);
		Employee other = data.employeeWithPhone(Role.MANAGER);

		Long ended = db
			.sql("select count(pg_terminate_backend(pid)) as ended from pg_stat_activity "
					+ "where datname = current_database() and query = 'LISTEN " + CallerDirectory.CHANNEL + "'")
			.map(row -> row.get("ended", Long.class))
			.one()
			.block(WAIT);
		assertThat(ended).isPositive();
		await().atMost(WAIT).until(() -> !directory.serving());
		// Made while nobody listens: no notice of it reaches the directory.
		sql("update clients set owner_id = :other where id = :client",
				Map.of("other", other.id(), "client", client.id()));
		assertThat(directory.callerOf(number).block(WAIT).orElseThrow().owner().login())
			.as("read from the database while not serving")
			.isEqualTo(other.login());

		await().atMost(Duration.ofSeconds(30)).until(directory::serving);

		assertThat(directory.callerOf(number).block(WAIT).orElseThrow().owner().login()).isEqualTo(other.login());
	}

	@Test
	void aChangeThroughTheApiIsSeenByTheNextCall() {
		await().atMost(WAIT).until(directory::serving);
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Employee other = data.employeeWithPhone(Role.MANAGER);

		as(head.login()).post()
			.uri("/api/clients/reassign")
			.bodyValue(Map.of("clientId", client.id(), "toLogin", other.login()))
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(directory.callerOf(number).block(WAIT).orElseThrow().owner().login()).isEqualTo(other.login());
	}

	private void sql(String statement, Map<String, Object> binds) {
		DatabaseClient.GenericExecuteSpec spec = db.sql(statement);
		for (Map.Entry<String, Object> bind : binds.entrySet()) {
			spec = spec.bind(bind.getKey(), bind.getValue());
		}
		spec.fetch().rowsUpdated().block(WAIT);
	}

	private DatabaseClient hangingDatabase() {
		return DatabaseClient.create(ConnectionFactories
			.get("r2dbc:postgresql://postgres@127.0.0.1:" + silent.getLocalPort() + "/none?connectTimeout=PT30S"));
	}

	private Employees hangingEmployees() {
		return new Employees(hangingDatabase(), passwords);
	}

	private Clients hangingClients() {
		return new Clients(hangingDatabase(), hangingEmployees(), null, phoneNumbers);
	}

}

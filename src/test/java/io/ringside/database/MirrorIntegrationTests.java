package io.ringside.database;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared mirror engine against the real PostgreSQL, mirroring a table of its own
 * (key, value) that a writer changes and notifies in one statement: what arrives while
 * everything is read is applied after it in order, a caught up mirror has applied every
 * change before it, and a lost connection or a failed change is followed by a new read.
 */
class MirrorIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	ConnectionFactory connections;

	@Autowired
	DatabaseClient db;

	private final String table = "mirror_test_" + unique();

	private final String channel = "mirror_test_" + unique();

	private final AtomicInteger reads = new AtomicInteger();

	private Mirror<Map<String, String>> mirror;

	@BeforeEach
	void aTable() {
		db.sql("create table " + table + " (key text primary key, value text not null)").then().block(WAIT);
	}

	@AfterEach
	void dropIt() {
		if (mirror != null) {
			mirror.stop();
		}
		db.sql("drop table " + table).then().block(WAIT);
	}

	@Test
	void changesCommittedWhileEverythingIsReadAreAppliedAfterTheReadInOrder() {
		put("a", "1").then(put("b", "1")).block(WAIT);
		// The first read: what the select found, then three changes committed before the
		// read completes.
		mirror = mirror(() -> readAll().flatMap(read -> reads.get() > 1 ? Mono.just(read)
				: put("b", "2").then(put("b", "3")).then(put("c", "1")).thenReturn(read)), this::applyAll);

		mirror.start();

		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(mirror.serving()).as("served").isEqualTo(Map.of("a", "1", "b", "3", "c", "1")));
		assertThat(reads.get()).as("reads").isEqualTo(1);
	}

	@Test
	void caughtUpCompletesOnlyOnceEveryChangeBeforeItIsApplied() {
		// Applying is slow: the mark after a change is heard long before that change is
		// applied.
		mirror = mirror(this::readAll,
				(state, changes) -> Mono.delay(Duration.ofMillis(300)).then(applyAll(state, changes)));
		mirror.start();
		await().atMost(WAIT).until(() -> mirror.serving() != null);

		put("x", "1").then(put("x", "2")).block(WAIT);
		mirror.caughtUp(WAIT).block(WAIT);

		assertThat(mirror.serving()).as("served").containsEntry("x", "2");
	}

	@Test
	void whileItsListeningConnectionIsLostItDoesNotServeAndAfterwardsItHasEveryChange() {
		put("k", "before").block(WAIT);
		mirror = mirror(this::readAll, this::applyAll);
		mirror.start();
		await().atMost(WAIT).until(() -> mirror.serving() != null);

		Long ended = db
			.sql("select count(pg_terminate_backend(pid)) as ended from pg_stat_activity "
					+ "where datname = current_database() and query = 'LISTEN " + channel + "'")
			.map(row -> row.get("ended", Long.class))
			.one()
			.block(WAIT);
		assertThat(ended).isEqualTo(1);
		await().atMost(WAIT).until(() -> mirror.serving() == null);
		assertThat(mirror.last()).as("the last state, while not serving").containsEntry("k", "before");
		// Written behind the mirror's back: nobody is notified.
		db.sql("update " + table + " set value = 'meanwhile' where key = 'k'").then().block(WAIT);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(mirror.serving()).as("served").containsEntry("k", "meanwhile"));
	}

	@Test
	void aChangeThatCannotBeAppliedStopsTheServingUntilEverythingIsReadAgain() {
		mirror = mirror(this::readAll, (state, changes) -> changes.contains("k=bad")
				? Mono.error(new IllegalStateException("cannot apply k=bad")) : applyAll(state, changes));
		mirror.start();
		await().atMost(WAIT).until(() -> mirror.serving() != null);
		int readsBefore = reads.get();

		put("k", "bad").block(WAIT);

		await().atMost(WAIT).untilAsserted(() -> assertThat(mirror.serving()).as("served").containsEntry("k", "bad"));
		assertThat(reads.get()).as("reads").isGreaterThan(readsBefore);
	}

	private Mirror<Map<String, String>> mirror(Supplier<Mono<Map<String, String>>> readAll,
			BiFunction<Map<String, String>, List<String>, Mono<Map<String, String>>> apply) {
		return new Mirror<>("test mirror", new PostgresChannel(connections, db, channel), "mark:", readAll, apply);
	}

	private Mono<Map<String, String>> readAll() {
		return Mono.defer(() -> {
			reads.incrementAndGet();
			return db.sql("select key, value from " + table)
				.map(row -> Map.entry(row.get("key", String.class), row.get("value", String.class)))
				.all()
				.collectMap(Map.Entry::getKey, Map.Entry::getValue, ConcurrentHashMap::new);
		});
	}

	/**
	 * Each change is {@code key=value}; applying one again is harmless, applying them out
	 * of order is not.
	 */
	private Mono<Map<String, String>> applyAll(Map<String, String> state, List<String> changes) {
		return Mono.fromSupplier(() -> {
			changes.forEach(change -> state.put(change.substring(0, change.indexOf('=')),
					change.substring(change.indexOf('=') + 1)));
			return state;
		});
	}

	/**
	 * Writes and notifies in one statement: the notice goes out when the change commits.
	 */
	private Mono<Void> put(String key, String value) {
		return db
			.sql("with written as (insert into " + table + " (key, value) values (:key, :value) "
					+ "on conflict (key) do update set value = excluded.value returning key, value) "
					+ "select pg_notify(:channel, key || '=' || value) from written")
			.bind("key", key)
			.bind("value", value)
			.bind("channel", channel)
			.then();
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

}

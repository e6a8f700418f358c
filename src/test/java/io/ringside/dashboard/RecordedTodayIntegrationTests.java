package io.ringside.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board's reads of today's recorded calls in the real PostgreSQL: all of them first,
 * then those written since, a call whose transaction commits after a read began included,
 * and all again on a new day.
 */
class RecordedTodayIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	RecordedCalls records;

	@Autowired
	DatabaseClient db;

	@Autowired
	ConnectionFactory connections;

	private final MovableClock clock = new MovableClock();

	private final List<String> inserted = new ArrayList<>();

	/** The calls written here go: other tests count this context's board. */
	@AfterEach
	void removeTheCalls() {
		db.sql("delete from calls where id = any(:ids)")
			.bind("ids", inserted.toArray(String[]::new))
			.fetch()
			.rowsUpdated()
			.block(WAIT);
	}

	@Test
	void readsTodaysCallsOnceAndThenThoseWrittenSince() {
		RecordedToday today = new RecordedToday(records, ZoneOffset.UTC, clock);
		String old = recorded();

		assertThat(ids(today)).as("the first read has all of today").contains(old);

		String next = recorded();
		List<String> second = ids(today);
		assertThat(second).as("those written since the last read, not one read before")
			.contains(next)
			.doesNotContain(old);
		assertThat(ids(today)).as("nothing written since").doesNotContain(old, next);
	}

	@Test
	void aCallWhoseTransactionCommitsAfterAReadBeganIsReadByTheNextRead() {
		RecordedToday today = new RecordedToday(records, ZoneOffset.UTC, clock);
		ids(today);
		Connection writer = Mono.from(connections.create()).block(WAIT);
		try {
			Mono.from(writer.beginTransaction()).block(WAIT);
			String late = insert(writer);
			String meanwhile = recorded();

			assertThat(ids(today)).as("not committed yet: not seen").contains(meanwhile).doesNotContain(late);
			Mono.from(writer.commitTransaction()).block(WAIT);

			assertThat(ids(today)).as("committed after that read began: read by the next").contains(late);
			assertThat(ids(today)).doesNotContain(late, meanwhile);
		}
		finally {
			Mono.from(writer.close()).block(WAIT);
		}
	}

	@Test
	void aNewDayReadsAllOfItAgain() {
		RecordedToday today = new RecordedToday(records, ZoneId.of("Pacific/Kiritimati"), clock);
		ids(today);
		String old = recorded();
		assertThat(ids(today)).contains(old);
		assertThat(ids(today)).doesNotContain(old);

		// the call started "now": a day on, it is yesterday's and not read at all
		clock.move(Duration.ofDays(1));
		assertThat(ids(today)).doesNotContain(old);
		clock.move(Duration.ofDays(-1));
		assertThat(ids(today)).as("back on the call's day (the clock went back): all of that day again").contains(old);
	}

	private List<String> ids(RecordedToday today) {
		return today.read().block(WAIT).stream().map(Outcome::callId).toList();
	}

	/** An inbound call that started now, recorded in a transaction of its own; its id. */
	private String recorded() {
		String id = "recorded-" + data.unique();
		db.sql(INSERT).bind(0, id).fetch().rowsUpdated().block(WAIT);
		inserted.add(id);
		return id;
	}

	/** The same on that connection, in its transaction. */
	private String insert(Connection connection) {
		String id = "recorded-" + data.unique();
		Flux.from(connection.createStatement(INSERT).bind(0, id).execute())
			.flatMap(Result::getRowsUpdated)
			.blockLast(WAIT);
		inserted.add(id);
		return id;
	}

	private static final String INSERT = "insert into calls (id, direction, caller_number, started_at, ended_at, "
			+ "outcome, wait_ms, talk_ms) values ($1, 'INBOUND', '+74950000000', now(), now(), 'MISSED', 0, 0)";

	/** The system clock, moved by hand. */
	private static final class MovableClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void move(Duration by) {
			offset = offset.plus(by);
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(offset);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("not needed");
		}

	}

}

package io.ringside.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board's reads of today's recorded calls in the real PostgreSQL: all of them first,
 * then those recorded since the newest read (less a margin for late commits), all again
 * every few minutes and on a new day.
 */
class RecordedTodayIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	RecordedCalls records;

	@Autowired
	DatabaseClient db;

	private final MovableClock clock = new MovableClock();

	private final List<String> inserted = new ArrayList<>();

	/**
	 * The calls written here go: recorded long before they were inserted, which no real
	 * call is, they would show on the board of this context (whose figures other tests
	 * count) at its next full read.
	 */
	@AfterEach
	void removeTheCalls() {
		db.sql("delete from calls where id = any(:ids)")
			.bind("ids", inserted.toArray(String[]::new))
			.fetch()
			.rowsUpdated()
			.block(WAIT);
	}

	@Test
	void readsTodaysCallsOnceAndThenThoseRecordedSinceAndAllAgainEveryFewMinutes() {
		RecordedToday today = new RecordedToday(records, ZoneOffset.UTC, clock);
		String old = recorded("interval '2 minutes'");

		assertThat(ids(today)).as("the first read has all of today").contains(old);

		String next = recorded("interval '0 seconds'");
		List<String> second = ids(today);
		assertThat(second).as("those recorded since the newest read, not one read long before")
			.contains(next)
			.doesNotContain(old);

		String late = recorded("interval '10 minutes'");
		assertThat(ids(today)).as("a call that shows long after its insert is missed by the reads in between")
			.doesNotContain(late);

		clock.move(RecordedToday.FULL_EVERY);
		assertThat(ids(today)).as("and found by the next full read").contains(late, old, next);
		assertThat(ids(today)).doesNotContain(late, old);
	}

	@Test
	void aNewDayReadsAllOfItAgain() {
		RecordedToday today = new RecordedToday(records, ZoneId.of("Pacific/Kiritimati"), clock);
		ids(today);
		String old = recorded("interval '2 minutes'");
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

	/** An inbound call that started now and was recorded this long ago; its id. */
	private String recorded(String ago) {
		String id = "recorded-" + data.unique();
		db.sql("insert into calls (id, direction, caller_number, started_at, ended_at, outcome, wait_ms, talk_ms, "
				+ "recorded_at) values (:id, 'INBOUND', '+74950000000', now(), now(), 'MISSED', 0, 0, clock_timestamp() - "
				+ ago + ")")
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.block(WAIT);
		inserted.add(id);
		return id;
	}

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

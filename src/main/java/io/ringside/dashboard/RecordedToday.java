package io.ringside.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.ringside.dashboard.RecordedCalls.Recorded;

/**
 * Today's recorded inbound calls for the board, read without reading the whole day each
 * time: all of them on the first read, on the first of a new day and every
 * {@link #FULL_EVERY}; in between, only those recorded since the newest one read, less
 * {@link #LATE}. A call is recorded at its insert ({@code calls.recorded_at}, the
 * database's clock, so the application's clock does not matter) but shows once its
 * transaction commits, a little later: one that commits more than {@link #LATE} after its
 * insert is missed by the reads in between and found by the next full one. Calls read
 * twice are counted once (the board replaces what it knew of a call). A read of all of
 * today cost the board a row per call of the day every refresh: in the whole-call
 * benchmark, a tenth of PostgreSQL's client thread and growing through the day.
 * <p>
 * Reads follow one another (the board's refreshes are in sequence); not for reads at
 * once.
 */
final class RecordedToday {

	/** How much later than its insert a call may show and still be read in between. */
	static final Duration LATE = Duration.ofSeconds(30);

	/** How often today's calls are all read again. */
	static final Duration FULL_EVERY = Duration.ofMinutes(5);

	private final RecordedCalls records;

	private final ZoneId zone;

	private final Clock clock;

	/** What the reads so far have seen; null before the first. */
	private volatile @Nullable Seen seen;

	RecordedToday(RecordedCalls records, ZoneId zone, Clock clock) {
		this.records = records;
		this.zone = zone;
		this.clock = clock;
	}

	/** The outcomes of today's calls recorded since the last read (all, when full). */
	Mono<List<Outcome>> read() {
		Instant at = clock.instant();
		LocalDate today = LocalDate.ofInstant(at, zone);
		long now = at.toEpochMilli();
		Seen before = seen;
		OffsetDateTime newestBefore = before == null ? null : before.newest();
		boolean full = before == null || newestBefore == null || !before.day().equals(today)
				|| now - before.fullAt() >= FULL_EVERY.toMillis();
		OffsetDateTime from = full || newestBefore == null ? null : newestBefore.minus(LATE);
		long fullAt = full || before == null ? now : before.fullAt();
		return records.inboundSince(today.atStartOfDay(zone).toInstant(), from).collectList().map(read -> {
			OffsetDateTime newest = full ? null : newestBefore;
			List<Outcome> outcomes = new ArrayList<>(read.size());
			for (Recorded call : read) {
				outcomes.add(call.outcome());
				if (newest == null || call.recordedAt().isAfter(newest)) {
					newest = call.recordedAt();
				}
			}
			seen = new Seen(today, newest, fullAt);
			return outcomes;
		});
	}

	/**
	 * @param newest the newest recording read today, null for none
	 * @param fullAt when today's calls were last all read (epoch ms by the clock)
	 */
	private record Seen(LocalDate day, @Nullable OffsetDateTime newest, long fullAt) {
	}

}

package io.ringside.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Today's recorded inbound calls for the board, read without reading the whole day each
 * time: all of them on the first read and on the first of a new day; in between, only
 * those whose transaction ({@code calls.recorded_xid}) is at or above the {@code xmin} of
 * the last read's snapshot. Every transaction below that xmin had ended when that read
 * began, so whatever it committed was read then: every call committed since is among
 * those read next, however late its transaction commits. Read again are only the calls
 * written since the oldest transaction open at the last read began (milliseconds' worth
 * while the recorder's transactions are short); the board counts a call read twice once.
 * Reading the last 30 s again at every refresh, as before, was a burst of 6,000 rows
 * every 10 s at 200 calls/s on PostgreSQL's client thread, ahead of the pops' cards.
 * <p>
 * Reads follow one another (the board's refreshes are in sequence); not for reads at
 * once.
 */
final class RecordedToday {

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

	/** The outcomes of today's calls recorded since the last read (all, on a new day). */
	Mono<List<Outcome>> read() {
		LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
		Seen before = seen;
		Long since = before == null || !before.day().equals(today) ? null : before.snapshotXmin();
		return records.inboundSince(today.atStartOfDay(zone).toInstant(), since).map(read -> {
			seen = new Seen(today, read.snapshotXmin());
			return read.outcomes();
		});
	}

	/**
	 * @param snapshotXmin the xmin of the last read's snapshot
	 */
	private record Seen(LocalDate day, long snapshotXmin) {
	}

}

package io.ringside.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ringside.dashboard.DashboardSnapshot.Figures;

/**
 * Today's figures of the board, as running totals over the calls counted today
 * ({@link CountedCalls}): whether an outcome came from the live events or from the
 * {@code calls} table it counts once, and a recorded one replaces a live one (its old
 * contribution taken back). Today is the calendar day in the zone; at its midnight the
 * figures start again. Memory stays about 32 bytes a call of the day, and the figures
 * cost the same whatever the number of calls. Single-threaded, like the {@link Board}.
 */
final class TodaysFigures {

	private static final int ANSWERED = 1;

	private static final int ABANDONED = 1 << 1;

	private static final int FROM_CLIENT = 1 << 2;

	private static final int BY_OWNER = 1 << 3;

	private static final int TAKEOVER = 1 << 4;

	private static final int WITHIN_THRESHOLD = 1 << 5;

	private static final int HOUR_SHIFT = 6;

	private static final int WAIT_SHIFT = 11;

	private final ZoneId zone;

	private final Duration threshold;

	private LocalDate day;

	private final CountedCalls counted = new CountedCalls();

	private final Totals totals = new Totals();

	private Collection<OpenCallback> openCallbacks = List.of();

	TodaysFigures(ZoneId zone, Duration threshold, Instant now) {
		this.zone = zone;
		this.threshold = threshold;
		this.day = now.atZone(zone).toLocalDate();
	}

	LocalDate day() {
		return day;
	}

	/** Time passed: past midnight in the zone, yesterday's calls go. */
	void advance(Instant now) {
		LocalDate today = now.atZone(zone).toLocalDate();
		if (today.isAfter(day)) {
			day = today;
			counted.clear();
			totals.clear();
		}
	}

	/**
	 * An outcome seen live: counted unless the call is already known (from the database)
	 * or not today's.
	 */
	void live(Outcome outcome) {
		if (isToday(outcome.startedAt()) && counted.get(outcome.callId()) == CountedCalls.ABSENT) {
			long packed = pack(outcome);
			counted.put(outcome.callId(), packed);
			totals.add(packed, 1);
		}
	}

	/** An outcome as recorded in the database: it replaces what was seen live. */
	void recorded(Outcome outcome) {
		if (isToday(outcome.startedAt())) {
			long packed = pack(outcome);
			long before = counted.put(outcome.callId(), packed);
			if (before != CountedCalls.ABSENT) {
				totals.add(before, -1);
			}
			totals.add(packed, 1);
		}
	}

	void callbacks(Collection<OpenCallback> open) {
		openCallbacks = List.copyOf(open);
	}

	private boolean isToday(Instant at) {
		return at.atZone(zone).toLocalDate().equals(day);
	}

	private long pack(Outcome outcome) {
		long flags = (outcome.answered() ? ANSWERED : 0) | (outcome.abandoned() ? ABANDONED : 0)
				| (outcome.fromClient() ? FROM_CLIENT : 0) | (outcome.byOwner() ? BY_OWNER : 0)
				| (outcome.takeover() ? TAKEOVER : 0)
				| (outcome.waitTime().compareTo(threshold) <= 0 ? WITHIN_THRESHOLD : 0);
		long hour = outcome.startedAt().atZone(zone).getHour();
		long waitMillis = Math.max(0, Math.min(outcome.waitTime().toMillis(), Long.MAX_VALUE >>> WAIT_SHIFT));
		return flags | (hour << HOUR_SHIFT) | (waitMillis << WAIT_SHIFT);
	}

	Figures figures(Instant now) {
		int overdue = 0;
		Map<String, Integer> overdueByTier = new TreeMap<>();
		for (OpenCallback open : openCallbacks) {
			if (open.due().isBefore(now)) {
				overdue++;
				overdueByTier.merge(open.tier(), 1, Integer::sum);
			}
		}
		Totals t = totals;
		return new Figures(t.received, t.answered, t.missed, t.abandoned,
				t.answered == 0 ? null : round(t.waitMillis / 1000.0 / t.answered, 10),
				t.received == 0 ? null : round((double) t.withinThreshold / t.received, 1000), threshold.toSeconds(),
				t.fromClients == 0 ? null : round((double) t.byOwners / t.fromClients, 1000), t.takeovers, overdue,
				overdueByTier, Arrays.asList(boxed(t.perHour)), Arrays.asList(boxed(t.answeredPerHour)));
	}

	private static Integer[] boxed(int[] counts) {
		return Arrays.stream(counts).boxed().toArray(Integer[]::new);
	}

	private static double round(double value, int scale) {
		return Math.round(value * scale) / (double) scale;
	}

	/** The sums the figures are made of; {@link #add} with -1 takes an outcome back. */
	private static final class Totals {

		private int received;

		private int answered;

		private int missed;

		private int abandoned;

		private int withinThreshold;

		private int fromClients;

		private int byOwners;

		private int takeovers;

		private long waitMillis;

		private final int[] perHour = new int[24];

		private final int[] answeredPerHour = new int[24];

		void add(long packed, int sign) {
			int hour = (int) ((packed >>> HOUR_SHIFT) & 31);
			received += sign;
			perHour[hour] += sign;
			if ((packed & ANSWERED) != 0) {
				answered += sign;
				answeredPerHour[hour] += sign;
				waitMillis += sign * (packed >>> WAIT_SHIFT);
				if ((packed & WITHIN_THRESHOLD) != 0) {
					withinThreshold += sign;
				}
			}
			else if ((packed & ABANDONED) != 0) {
				abandoned += sign;
			}
			else {
				missed += sign;
			}
			if ((packed & FROM_CLIENT) != 0) {
				fromClients += sign;
				if ((packed & BY_OWNER) != 0) {
					byOwners += sign;
				}
			}
			if ((packed & TAKEOVER) != 0) {
				takeovers += sign;
			}
		}

		void clear() {
			received = 0;
			answered = 0;
			missed = 0;
			abandoned = 0;
			withinThreshold = 0;
			fromClients = 0;
			byOwners = 0;
			takeovers = 0;
			waitMillis = 0;
			Arrays.fill(perHour, 0);
			Arrays.fill(answeredPerHour, 0);
		}

	}

}

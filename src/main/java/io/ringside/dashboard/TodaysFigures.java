package io.ringside.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ringside.dashboard.DashboardSnapshot.Figures;

/**
 * Today's figures of the board, derived from a set of outcomes keyed by call id: whether an outcome came from the
 * live events or from the {@code calls} table it counts once, and a recorded one replaces a live one. Today is the
 * calendar day in the zone; at its midnight the figures start again. Single-threaded, like the {@link Board}.
 */
final class TodaysFigures {

	private final ZoneId zone;

	private final Duration threshold;

	private LocalDate day;

	private final Map<String, Outcome> outcomes = new HashMap<>();

	private Collection<Instant> openCallbacks = List.of();

	TodaysFigures(ZoneId zone, Duration threshold, Instant now) {
		this.zone = zone;
		this.threshold = threshold;
		this.day = now.atZone(zone).toLocalDate();
	}

	LocalDate day() {
		return day;
	}

	/** Time passed: past midnight in the zone, yesterday's outcomes go. */
	void advance(Instant now) {
		LocalDate today = now.atZone(zone).toLocalDate();
		if (today.isAfter(day)) {
			day = today;
			outcomes.values().removeIf(outcome -> !isToday(outcome.startedAt()));
		}
	}

	/** An outcome seen live: counted unless the call is already known (from the database) or not today's. */
	void live(Outcome outcome) {
		if (isToday(outcome.startedAt())) {
			outcomes.putIfAbsent(outcome.callId(), outcome);
		}
	}

	/** An outcome as recorded in the database: it replaces what was seen live. */
	void recorded(Outcome outcome) {
		if (isToday(outcome.startedAt())) {
			outcomes.put(outcome.callId(), outcome);
		}
	}

	void callbacks(Collection<Instant> openDeadlines) {
		openCallbacks = List.copyOf(openDeadlines);
	}

	private boolean isToday(Instant at) {
		return at.atZone(zone).toLocalDate().equals(day);
	}

	Figures figures(Instant now) {
		int received = 0;
		int answered = 0;
		int missed = 0;
		int abandoned = 0;
		int withinThreshold = 0;
		int fromClients = 0;
		int byOwners = 0;
		int takeovers = 0;
		long waitMillis = 0;
		Integer[] perHour = new Integer[24];
		Integer[] answeredPerHour = new Integer[24];
		Arrays.fill(perHour, 0);
		Arrays.fill(answeredPerHour, 0);
		for (Outcome outcome : outcomes.values()) {
			received++;
			int hour = outcome.startedAt().atZone(zone).getHour();
			perHour[hour]++;
			if (outcome.answered()) {
				answered++;
				answeredPerHour[hour]++;
				waitMillis += outcome.waitTime().toMillis();
				if (outcome.waitTime().compareTo(threshold) <= 0) {
					withinThreshold++;
				}
			}
			else if (outcome.abandoned()) {
				abandoned++;
			}
			else {
				missed++;
			}
			if (outcome.fromClient()) {
				fromClients++;
				if (outcome.byOwner()) {
					byOwners++;
				}
			}
			if (outcome.takeover()) {
				takeovers++;
			}
		}
		int overdue = 0;
		for (Instant due : openCallbacks) {
			if (due.isBefore(now)) {
				overdue++;
			}
		}
		return new Figures(received, answered, missed, abandoned,
				answered == 0 ? null : round(waitMillis / 1000.0 / answered, 10),
				received == 0 ? null : round((double) withinThreshold / received, 1000), threshold.toSeconds(),
				fromClients == 0 ? null : round((double) byOwners / fromClients, 1000), takeovers, overdue,
				Arrays.asList(perHour), Arrays.asList(answeredPerHour));
	}

	private static double round(double value, int scale) {
		return Math.round(value * scale) / (double) scale;
	}

}

package io.ringside.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The whole board at one moment: what {@code GET /api/dashboard} returns and what a new
 * subscriber to {@code /topic/dashboard} receives first. {@link DashboardChange}s with a
 * higher {@code version} follow.
 *
 * @param type always {@code snapshot}
 * @param version the number of the last change included; changes with a version up to it
 * are already in here
 * @param at when the board was read
 * @param day today's date in {@code zone}, the day the figures count
 * @param zone the time zone of {@code day} ({@code ringside.dashboard.zone})
 * @param calls calls ringing and in progress, the oldest first
 * @param employees the sales team (managers and heads of sales), by name
 */
public record DashboardSnapshot(String type, long version, Instant at, LocalDate day, String zone,
		List<CallOnBoard> calls, List<EmployeeOnBoard> employees, Figures figures) {

	public static final String TYPE = "snapshot";

	/**
	 * Whether a call is still ringing (or waiting for a phone) or someone is talking on
	 * it.
	 */
	public enum CallState {

		RINGING, TALKING

	}

	/**
	 * A call ringing or in progress.
	 *
	 * @param direction INBOUND, OUTBOUND or INTERNAL
	 * @param callerNumber as the PBX has it; null when unknown
	 * @param client the calling client when the number is known
	 * @param routedTo where Ringside sent the call, null when it was not asked (outbound
	 * calls, the dialplan's safety path) or while the routing is not known here yet
	 * @param reason the routing reason ({@code OWNER}, {@code OWNER_ABSENT}, ...), null
	 * like {@code routedTo}
	 * @param since when the call entered its state: started ringing, or was answered
	 * @param answeredBy the login of who talks, else the device; null while ringing
	 */
	public record CallOnBoard(String callId, @Nullable String direction, @Nullable String callerNumber,
			@Nullable ClientOnBoard client, @Nullable RoutedTo routedTo, @Nullable String reason, CallState state,
			Instant since, Instant startedAt, @Nullable String answeredBy) {
	}

	public record ClientOnBoard(long id, @Nullable String name, @Nullable String ownerLogin) {
	}

	/**
	 * @param login the employee a single target belongs to; null for a group or an
	 * unknown device
	 * @param name their full name
	 * @param target the dial string, e.g. {@code PJSIP/101} or a group
	 * {@code PJSIP/100&PJSIP/101}
	 */
	public record RoutedTo(@Nullable String login, @Nullable String name, String target) {
	}

	/**
	 * An employee on the board.
	 *
	 * @param availability AVAILABLE, AWAY or OFFLINE
	 * @param deviceState their phone as the PBX reports it (NOT_INUSE, INUSE, RINGING,
	 * ... or UNKNOWN)
	 * @param callId the call they talk on, else a call ringing their phone; null when
	 * none
	 * @param callState the state of that call
	 */
	public record EmployeeOnBoard(String login, String name, String role, @Nullable String extension,
			String availability, String deviceState, @Nullable String callId, @Nullable CallState callState) {
	}

	/**
	 * Today's inbound calls ({@code day} in {@code zone}, by the time a call started).
	 * Every inbound call that ended is received and exactly one of answered, missed
	 * (nobody answered, the caller did not hang up while it rang) or abandoned (the
	 * caller hung up while a phone rang or before any rang).
	 *
	 * @param averageSpeedOfAnswerSeconds the mean wait of answered calls, in seconds;
	 * null before the first
	 * @param serviceLevel answered within {@code serviceLevelThresholdSeconds}
	 * (inclusive) ÷ received; null before the first call
	 * @param ownerAnswerRate of the calls from known clients, the share their owner
	 * answered; null before the first
	 * @param takeovers calls from known clients the head of sales answered for the owner
	 * @param callbacksOverdue open callbacks past their deadline now (any day)
	 * @param callbacksOverdueByTier of those, how many per tier of the rules of work
	 * ({@code VIP}, {@code SEGMENT:<industry>}, {@code DEFAULT}): the tier whose deadline
	 * they missed; tiers with none overdue are left out
	 * @param callsPerHour received calls by the hour they started in the zone: 24 counts,
	 * index 0 is 00:00–00:59
	 * @param answeredPerHour of those, the answered ones, by the same hours
	 */
	public record Figures(int received, int answered, int missed, int abandoned,
			@Nullable Double averageSpeedOfAnswerSeconds, @Nullable Double serviceLevel,
			long serviceLevelThresholdSeconds, @Nullable Double ownerAnswerRate, int takeovers, int callbacksOverdue,
			Map<String, Integer> callbacksOverdueByTier, List<Integer> callsPerHour, List<Integer> answeredPerHour) {

		public Figures {
			callbacksOverdueByTier = Collections.unmodifiableMap(new TreeMap<>(callbacksOverdueByTier));
			callsPerHour = List.copyOf(callsPerHour);
			answeredPerHour = List.copyOf(answeredPerHour);
		}

	}

}

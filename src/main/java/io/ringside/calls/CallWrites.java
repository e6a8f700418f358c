package io.ringside.calls;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.ringside.calls.CallLookups.Found;
import io.ringside.clients.CallerMatch;
import io.ringside.clients.InteractionKind;
import io.ringside.rules.Rules;
import io.ringside.rules.WorkRule;
import io.ringside.team.Employee;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.Direction;

/**
 * The rows an entry writes, as the JSON that {@link CallRecorder}'s statements read with
 * {@code jsonb_to_recordset}: each component is a column of the statement's record (one
 * lower-case word each, so that the JSON's names are the columns' names). Pure: what the
 * batch's lookups found and the rules of work decide the rows.
 */
final class CallWrites {

	private CallWrites() {
	}

	/**
	 * A call's row in {@code calls}, with its entry in the client's history ({@code kind}
	 * to {@code text}: none for a call without a client) and, for a missed call, its
	 * callback ({@code due} to {@code owner}).
	 */
	record CallRow(String id, String direction, @Nullable String caller, @Nullable String dialed, @Nullable Long client,
			String started, @Nullable String answered, String ended, @Nullable String device, @Nullable Long answerer,
			String outcome, boolean abandoned, long waitms, long talkms, int cause, Object legs, Object transfers,
			@Nullable String file, @Nullable String kind, @Nullable Long employee, @Nullable String text,
			@Nullable String due, @Nullable String tier, @Nullable Long owner) {
	}

	/** A route decision's row in {@code route_decisions}. */
	record RouteJson(String call, String at, String attempt, @Nullable String caller, String target, String reason,
			@Nullable String login, @Nullable Long client, long took) {

		static RouteJson of(RouteRow route) {
			return new RouteJson(route.callId(), route.decidedAt().toString(), route.attempt(), route.callerNumber(),
					route.target(), route.reason(), route.employeeLogin(), route.clientId(), route.tookMicros());
		}

	}

	/**
	 * An answered call from an employee to a client: it closes the callbacks open for
	 * that client that were owed before it.
	 */
	record Close(String call, long client, String at, long employee) {
	}

	static CallRow call(FinishedCall call, Found found, @Nullable CallerMatch client, Rules rules) {
		CallEnded ended = call.ended();
		Employee answeredBy = ended.direction() == Direction.OUTBOUND && !ended.answered() ? null
				: found.byExtension(ended.answeredBy());
		Instant answeredAt = ended.answered() ? call.startedAt().plus(ended.waitTime()) : null;
		String kind = null;
		Long employee = null;
		String text = null;
		String due = null;
		String tier = null;
		Long owner = null;
		if (client != null) {
			InteractionKind interaction = kind(ended);
			Employee who = ended.direction() == Direction.OUTBOUND ? found.byPhoneNumber(ended.callerNumber())
					: answeredBy;
			kind = interaction.name();
			employee = who == null ? null : who.id();
			text = describe(ended, who);
			if (interaction == InteractionKind.CALL_MISSED) {
				WorkRule rule = rules.forClient(client.vip(), client.industry());
				due = ended.at().plus(rule.callbackDeadline()).toString();
				tier = rule.tier();
				owner = client.owner().id();
			}
		}
		return new CallRow(ended.callId(), ended.direction().name(), ended.callerNumber(), ended.dialedNumber(),
				client == null ? null : client.clientId(), call.startedAt().toString(),
				answeredAt == null ? null : answeredAt.toString(), ended.at().toString(), ended.answeredBy(),
				answeredBy == null ? null : answeredBy.id(), ended.answered() ? "ANSWERED" : "MISSED",
				ended.abandoned(), ended.waitTime().toMillis(), ended.talkTime().toMillis(), ended.hangupCause(),
				call.legs(), call.transfers(), ended.recordingFile(), kind, employee, text, due, tier, owner);
	}

	/**
	 * The callbacks an answered outbound call to a client closes; null for any other
	 * call.
	 */
	static @Nullable Close close(FinishedCall call, Found found, @Nullable CallerMatch client) {
		CallEnded ended = call.ended();
		if (client == null || ended.direction() != Direction.OUTBOUND || !ended.answered()) {
			return null;
		}
		Employee caller = found.byPhoneNumber(ended.callerNumber());
		return caller == null ? null
				: new Close(ended.callId(), client.clientId(), call.startedAt().toString(), caller.id());
	}

	private static InteractionKind kind(CallEnded ended) {
		return switch (ended.direction()) {
			case INBOUND -> ended.answered() ? InteractionKind.CALL_IN : InteractionKind.CALL_MISSED;
			default -> InteractionKind.CALL_OUT;
		};
	}

	private static String describe(CallEnded ended, @Nullable Employee who) {
		String name = who == null ? "" : " " + who.fullName();
		return switch (ended.direction()) {
			case INBOUND -> ended.answered()
					? "Call from " + ended.callerNumber() + " answered by"
							+ (name.isEmpty() ? " " + ended.answeredBy() : name) + "; talked " + human(ended.talkTime())
					: "Missed call from " + ended.callerNumber() + "; waited " + human(ended.waitTime());
			default -> "Call to " + ended.dialedNumber() + (name.isEmpty() ? "" : " by" + name)
					+ (ended.answered() ? "; talked " + human(ended.talkTime()) : "; not answered");
		};
	}

	private static String human(Duration duration) {
		long seconds = duration.toSeconds();
		return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
	}

}

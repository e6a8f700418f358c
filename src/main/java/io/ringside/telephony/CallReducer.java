package io.ringside.telephony;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.ringside.telephony.Call.Channel;
import io.ringside.telephony.Call.Leg;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.CallStarted;
import io.ringside.telephony.CallEvent.CallsMerged;
import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.CallEvent.LegEndReason;

/**
 * The call state as a pure function: {@code (Call, AmiEvent) -> (Call, events)}. It never
 * looks anything up and keeps no state of its own; the clock is read only for events that
 * carry no {@code Timestamp}. Routing an event to its call (by Linkedid) and merging
 * calls is the {@link CallTracker}'s job; its steps on the call's channels are in
 * {@link Channels}, those on the phones a call rang in {@link Legs}, and calls rebuilt
 * from the PBX's list of channels come from {@link CallSeeding}.
 * <p>
 * The rules, from what real Asterisk sends (see the captures in the test resources):
 * <ul>
 * <li>A phone rings when it is dialled (DialBegin, a queue's AgentCalled, DialState
 * RINGING) or when a channel other than the caller's goes to state 5 Ringing; a leg is
 * keyed by its channel's Uniqueid, so the DialBegin that Asterisk-Java repeats as a
 * legacy DialEvent, and the DialBegin a queue sends next to its AgentCalled, ring
 * once.</li>
 * <li>A person answered when a DialEnd says ANSWER or a queue says AgentConnect, for a
 * channel that is not a Local channel. The caller's channel going Up means nothing
 * (voicemail, IVR and queues answer it themselves).</li>
 * <li>A leg ends unanswered on DialEnd NOANSWER, BUSY, CONGESTION, CHANUNAVAIL; on CANCEL
 * or ABORT it is ANSWERED_ELSEWHERE when someone already answered the call, CANCEL
 * otherwise; on AgentRingNoAnswer it is NOANSWER; on the Hangup of a still-ringing
 * channel the Q.850 cause decides (26 answered elsewhere, or cancel while nobody has
 * answered; 17 busy, 18/19/21 no answer, 1/2/3/20/22/27/28 unavailable, 34/38/41/42/44
 * congestion). Legs still ringing when the call ends are ended with CANCEL (or
 * ANSWERED_ELSEWHERE).</li>
 * <li>Local channels are never legs and never answerers; the real device appears in the
 * dial their {@code ;2} half makes, which carries the same Linkedid. A queue's
 * AgentConnect or AgentRingNoAnswer for a Local member applies to the phone that member's
 * {@code ;2} half dialled.</li>
 * <li>A channel that hung up is gone for good: any later event of its own (Asterisk sends
 * NewCallerid and NewConnectedLine for Local halves after their Hangup) is ignored, and
 * no event can bring it back as a channel, a leg or the answerer.</li>
 * <li>A caller in a queue (QueueCallerJoin) abandoned the call only on
 * QueueCallerAbandon; outside a queue, when nobody answered and the caller's own dial
 * ended CANCEL (they hung up while it rang) or no phone rang at all.</li>
 * <li>The call ends when its last known channel hangs up.</li>
 * <li>The file the call is recorded into is the last non-empty value a channel of the
 * call set {@link Pbx#RECORDING_VARIABLE} to (a VarSet); it is told with the end of an
 * answered call only, since the dialplan records while the caller is bridged
 * (MixMonitor's {@code b} option): a call nobody answered has no audio.</li>
 * </ul>
 * Stateless, so thread-safe, if the clock is.
 */
final class CallReducer {

	/**
	 * The new state (null when the event did not concern a call the reducer could start)
	 * and what happened.
	 */
	record Step(@Nullable Call call, List<CallEvent> events) {

		boolean ended() {
			return events.stream().anyMatch(CallEnded.class::isInstance);
		}

	}

	private final Extensions extensions;

	private final Clock clock;

	CallReducer(Extensions extensions, Clock clock) {
		this.extensions = extensions;
		this.clock = clock;
	}

	/**
	 * When the event happened: its {@code Timestamp} (seconds with microseconds) when
	 * present, else now.
	 */
	Instant timeOf(AmiEvent event) {
		String timestamp = event.get("Timestamp");
		if (timestamp != null) {
			try {
				BigDecimal seconds = new BigDecimal(timestamp.trim());
				long whole = seconds.longValue();
				long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
				return Instant.ofEpochSecond(whole, nanos);
			}
			catch (NumberFormatException | ArithmeticException ex) {
				// a Timestamp we cannot read is no reason to lose the event: fall back to
				// our clock
			}
		}
		return clock.instant();
	}

	Step apply(@Nullable Call call, AmiEvent event) {
		return apply(call, event, timeOf(event));
	}

	/**
	 * One step. With no call, only a Newchannel starts one (the tracker passes none only
	 * for a call's first channel); anything else gives an empty step.
	 */
	Step apply(@Nullable Call call, AmiEvent event, Instant at) {
		List<CallEvent> out = new ArrayList<>();
		if (call == null) {
			return event.is("Newchannel") ? new Step(start(event, at, out), List.copyOf(out))
					: new Step(null, List.of());
		}
		if (call.isGone(event.get("Uniqueid"))) {
			// Asterisk sends events of a channel after its Hangup (NewCallerid,
			// NewConnectedLine on Local halves):
			// a channel that hung up is gone for good and cannot rejoin, ring or answer
			// the call
			return new Step(call, List.of());
		}
		Call next = switch (event.name().toLowerCase(Locale.ROOT)) {
			case "newchannel", "newconnectedline" -> Channels.known(call, event);
			case "newstate" -> Channels.newState(call, event, at, out);
			case "newcallerid" -> Channels.newCallerId(call, event);
			case "rename" -> Channels.rename(call, event);
			case "bridgeenter" ->
				Channels.inBridge(Channels.known(call, event), event.get("Uniqueid"), event.get("BridgeUniqueid"));
			case "bridgeleave" -> Channels.inBridge(Channels.known(call, event), event.get("Uniqueid"), null);
			case "dialbegin", "agentcalled" -> offer(Channels.known(call, event), event, at, out);
			case "dialstate" -> "RINGING".equalsIgnoreCase(event.get("DialStatus"))
					? offer(Channels.known(call, event), event, at, out) : Channels.known(call, event);
			case "dialend" -> dialEnd(Channels.known(call, event), event, at, out);
			case "agentconnect" -> Legs.agentConnect(Channels.known(call, event), event, at, out);
			case "agentringnoanswer" -> Legs.ringNoAnswer(call, event.get("DestUniqueid"), at, out);
			case "queuecallerjoin" -> call.queue() == Call.Queue.NONE ? call.inQueue(Call.Queue.WAITED) : call;
			case "queuecallerabandon" -> call.answered() ? call : call.inQueue(Call.Queue.ABANDONED);
			case "hangup" -> hangup(call, event, at, out);
			case "blindtransfer" -> Transfers.blind(call, event, at, out);
			case "attendedtransfer" -> Transfers.attended(call, event, at, out);
			case "varset" -> Channels.variable(call, event);
			default -> call;
		};
		return new Step(next, List.copyOf(out));
	}

	/**
	 * {@code merged} becomes part of {@code surviving}: channels and legs together, the
	 * earliest start and answer.
	 */
	Step merge(Call surviving, Call merged, Instant at) {
		Call into = surviving;
		for (Channel channel : merged.channels().values()) {
			into = into.channels().containsKey(channel.uniqueid()) ? into : into.withChannel(channel);
		}
		for (Leg leg : merged.legs().values()) {
			into = into.legs().containsKey(leg.uniqueid()) ? into : into.withLeg(leg);
		}
		Map<String, String> gone = new LinkedHashMap<>(into.gone());
		merged.gone().forEach(gone::putIfAbsent);
		Call.Queue queue = into.queue().compareTo(merged.queue()) >= 0 ? into.queue() : merged.queue();
		// answeredAt is set with answeredBy (Call.answeredBy), so a call has it exactly
		// when it was answered
		Instant mergedAnsweredAt = merged.answeredAt();
		Instant intoAnsweredAt = into.answeredAt();
		boolean mergedAnsweredFirst = mergedAnsweredAt != null
				&& (intoAnsweredAt == null || mergedAnsweredAt.isBefore(intoAnsweredAt));
		Instant startedAt = merged.startedAt().isBefore(into.startedAt()) ? merged.startedAt() : into.startedAt();
		into = new Call(into.id(), into.direction(), into.callerUniqueid(), into.callerNumber(), into.dialedNumber(),
				startedAt, mergedAnsweredFirst ? merged.answeredAt() : into.answeredAt(),
				mergedAnsweredFirst ? merged.answeredBy() : into.answeredBy(), into.hangupCause(), into.callerHungUp(),
				into.channels(), gone, into.legs(), queue, into.callerCancelled() || merged.callerCancelled(),
				into.recordingFile() != null ? into.recordingFile() : merged.recordingFile());
		return new Step(into, List.of(new CallsMerged(surviving.id(), at, merged.id())));
	}

	/**
	 * The call goes on under another Linkedid that names no call we know (its older
	 * channels we never saw).
	 */
	Step rename(Call call, String newId, Instant at) {
		return new Step(call.withId(newId), List.of(new CallsMerged(newId, at, call.id())));
	}

	/**
	 * Ends a call now, whatever its channels say: for a call that is gone from the PBX's
	 * channel list. Its hangup cause is the caller's when that hangup was seen, else
	 * unknown (0).
	 */
	Step end(Call call, Instant at) {
		List<CallEvent> out = new ArrayList<>();
		Call ended = end(call, at, call.callerHungUp() ? call.hangupCause() : 0, out);
		return new Step(ended, List.copyOf(out));
	}

	private @Nullable Call start(AmiEvent event, Instant at, List<CallEvent> out) {
		String uniqueid = event.get("Uniqueid");
		if (uniqueid == null) {
			return null;
		}
		String callId = event.get("Linkedid") != null ? event.get("Linkedid") : uniqueid;
		String channel = event.get("Channel");
		String dialed = Extensions.dialedNumber(event.get("Exten"));
		String caller = event.text("CallerIDNum");
		Direction direction = extensions.directionOf(channel, dialed);
		out.add(new CallStarted(callId, at, direction, caller, dialed));
		return Call.first(callId, direction, new Channel(uniqueid, channel, event.number("ChannelState"), null), caller,
				dialed, at);
	}

	/** A dial to the {@code Dest} channel: if it is a phone, it rings. */
	private Call offer(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		String destUniqueid = event.get("DestUniqueid");
		String destChannel = event.get("DestChannel");
		if (destUniqueid == null || destChannel == null) {
			return call;
		}
		if (call.isGone(destUniqueid)) {
			return call;
		}
		// The Dest channel is not made a channel of the call here: it counts once an
		// event of its own is seen (its
		// Newchannel comes first). One known only from others' events (its own were lost)
		// would keep the call up for
		// ever, since its Hangup is lost too.
		return Legs.ring(call, destUniqueid, destChannel, event.get("Interface"), event.get("Uniqueid"), at, out);
	}

	private Call dialEnd(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		String status = event.get("DialStatus");
		String destUniqueid = event.get("DestUniqueid");
		if (status == null || destUniqueid == null) {
			return call;
		}
		return switch (status.toUpperCase(Locale.ROOT)) {
			case "ANSWER" -> Legs.answer(call, destUniqueid, event.get("DestChannel"), null, at, out);
			case "NOANSWER" -> Legs.endRinging(call, destUniqueid, LegEndReason.NOANSWER, at, out);
			case "BUSY" -> Legs.endRinging(call, destUniqueid, LegEndReason.BUSY, at, out);
			case "CONGESTION" -> Legs.endRinging(call, destUniqueid, LegEndReason.CONGESTION, at, out);
			case "CHANUNAVAIL" -> Legs.endRinging(call, destUniqueid, LegEndReason.CHANUNAVAIL, at, out);
			case "CANCEL", "ABORT" -> Legs.endRinging(byCaller(call, event) ? call.cancelledByCaller() : call,
					destUniqueid, call.answered() ? LegEndReason.ANSWERED_ELSEWHERE : LegEndReason.CANCEL, at, out);
			default -> call;
		};
	}

	private static boolean byCaller(Call call, AmiEvent event) {
		return call.callerUniqueid().equals(event.get("Uniqueid"));
	}

	private Call hangup(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		String uniqueid = event.get("Uniqueid");
		if (uniqueid == null) {
			return call;
		}
		int cause = event.number("Cause");
		Call next = Legs.endRinging(call, uniqueid, Legs.reasonOf(cause, call.answered()), at, out)
			.hungUp(uniqueid, cause);
		return next.channels().isEmpty() ? end(next, at, next.hangupCause(), out) : next;
	}

	private static Call end(Call call, Instant at, int hangupCause, List<CallEvent> out) {
		Call next = call;
		for (Leg leg : call.legs().values()) {
			next = Legs.endRinging(next, leg.uniqueid(),
					call.answered() ? LegEndReason.ANSWERED_ELSEWHERE : LegEndReason.CANCEL, at, out);
		}
		Instant answeredAt = next.answeredAt();
		Duration wait = Duration.between(next.startedAt(), answeredAt != null ? answeredAt : at);
		Duration talk = answeredAt != null ? Duration.between(answeredAt, at) : Duration.ZERO;
		out.add(new CallEnded(next.id(), at, next.answered(), next.answeredBy(), nonNegative(wait), nonNegative(talk),
				hangupCause, next.callerNumber(), next.dialedNumber(), next.direction(), next.abandoned(),
				next.answered() ? next.recordingFile() : null));
		return next;
	}

	private static Duration nonNegative(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}

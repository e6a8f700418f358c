package io.ringside.telephony;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ringside.telephony.Call.Channel;
import io.ringside.telephony.Call.Leg;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.CallStarted;
import io.ringside.telephony.CallEvent.CallTransferred;
import io.ringside.telephony.CallEvent.CallsMerged;
import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.CallEvent.LegEndReason;
import io.ringside.telephony.CallEvent.LegEnded;
import io.ringside.telephony.CallEvent.LegRinging;
import io.ringside.telephony.CallEvent.TransferKind;

/**
 * The call state as a pure function: {@code (Call, AmiEvent) -> (Call, events)}. It never looks anything up and keeps
 * no state of its own; the clock is read only for events that carry no {@code Timestamp}. Routing an event to its call
 * (by Linkedid) and merging calls is the {@link CallTracker}'s job.
 * <p>
 * The rules, from what real Asterisk sends (see the captures in the test resources):
 * <ul>
 * <li>A phone rings when it is dialled (DialBegin, a queue's AgentCalled, DialState RINGING) or when a channel other
 * than the caller's goes to state 5 Ringing; a leg is keyed by its channel's Uniqueid, so the DialBegin that
 * Asterisk-Java repeats as a legacy DialEvent, and the DialBegin a queue sends next to its AgentCalled, ring once.</li>
 * <li>A person answered when a DialEnd says ANSWER or a queue says AgentConnect, for a channel that is not a Local
 * channel. The caller's channel going Up means nothing (voicemail, IVR and queues answer it themselves).</li>
 * <li>A leg ends unanswered on DialEnd NOANSWER, BUSY, CONGESTION, CHANUNAVAIL; on CANCEL or ABORT it is
 * ANSWERED_ELSEWHERE when someone already answered the call, CANCEL otherwise; on AgentRingNoAnswer it is NOANSWER;
 * on the Hangup of a still-ringing channel the Q.850 cause decides (26 answered elsewhere, or cancel while nobody has
 * answered; 17 busy, 18/19/21 no answer, 1/2/3/20/22/27/28 unavailable, 34/38/41/42/44 congestion). Legs still
 * ringing when the call ends are ended with CANCEL (or ANSWERED_ELSEWHERE).</li>
 * <li>Local channels are never legs and never answerers; the real device appears in the dial their {@code ;2} half
 * makes, which carries the same Linkedid. A queue's AgentConnect or AgentRingNoAnswer for a Local member applies to
 * the phone that member's {@code ;2} half dialled.</li>
 * <li>A channel that hung up is gone for good: any later event of its own (Asterisk sends NewCallerid and
 * NewConnectedLine for Local halves after their Hangup) is ignored, and no event can bring it back as a channel, a
 * leg or the answerer.</li>
 * <li>A caller in a queue (QueueCallerJoin) abandoned the call only on QueueCallerAbandon; outside a queue, when
 * nobody answered and the caller's own dial ended CANCEL (they hung up while it rang) or no phone rang at all.</li>
 * <li>The call ends when its last known channel hangs up.</li>
 * </ul>
 * Stateless, so thread-safe, if the clock is.
 */
final class CallReducer {

	/** The new state (null when the event did not concern a call the reducer could start) and what happened. */
	record Step(Call call, List<CallEvent> events) {

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

	/** When the event happened: its {@code Timestamp} (seconds with microseconds) when present, else now. */
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
				// a Timestamp we cannot read is no reason to lose the event: fall back to our clock
			}
		}
		return clock.instant();
	}

	Step apply(Call call, AmiEvent event) {
		return apply(call, event, timeOf(event));
	}

	/**
	 * One step. With no call, only a Newchannel starts one (the tracker passes none only for a call's first channel);
	 * anything else gives an empty step.
	 */
	Step apply(Call call, AmiEvent event, Instant at) {
		List<CallEvent> out = new ArrayList<>();
		if (call == null) {
			return event.is("Newchannel") ? new Step(start(event, at, out), List.copyOf(out)) : new Step(null, List.of());
		}
		if (call.isGone(event.get("Uniqueid"))) {
			// Asterisk sends events of a channel after its Hangup (NewCallerid, NewConnectedLine on Local halves):
			// a channel that hung up is gone for good and cannot rejoin, ring or answer the call
			return new Step(call, List.of());
		}
		Call next = switch (event.name().toLowerCase(Locale.ROOT)) {
			case "newchannel", "newconnectedline" -> known(call, event);
			case "newstate" -> newState(call, event, at, out);
			case "newcallerid" -> newCallerId(call, event);
			case "rename" -> rename(call, event);
			case "bridgeenter" -> inBridge(known(call, event), event.get("Uniqueid"), event.get("BridgeUniqueid"));
			case "bridgeleave" -> inBridge(known(call, event), event.get("Uniqueid"), null);
			case "dialbegin", "agentcalled" -> offer(known(call, event), event, at, out);
			case "dialstate" -> "RINGING".equalsIgnoreCase(event.get("DialStatus"))
					? offer(known(call, event), event, at, out) : known(call, event);
			case "dialend" -> dialEnd(known(call, event), event, at, out);
			case "agentconnect" -> agentConnect(known(call, event), event, at, out);
			case "agentringnoanswer" -> ringNoAnswer(call, event.get("DestUniqueid"), at, out);
			case "queuecallerjoin" -> call.queue() == Call.Queue.NONE ? call.inQueue(Call.Queue.WAITED) : call;
			case "queuecallerabandon" -> call.answered() ? call : call.inQueue(Call.Queue.ABANDONED);
			case "hangup" -> hangup(call, event, at, out);
			case "blindtransfer" -> blindTransfer(call, event, at, out);
			case "attendedtransfer" -> attendedTransfer(call, event, at, out);
			default -> call;
		};
		return new Step(next, List.copyOf(out));
	}

	/** {@code merged} becomes part of {@code surviving}: channels and legs together, the earliest start and answer. */
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
		boolean mergedAnsweredFirst = merged.answered()
				&& (!into.answered() || merged.answeredAt().isBefore(into.answeredAt()));
		Instant startedAt = merged.startedAt().isBefore(into.startedAt()) ? merged.startedAt() : into.startedAt();
		into = new Call(into.id(), into.direction(), into.callerUniqueid(), into.callerNumber(), into.dialedNumber(),
				startedAt, mergedAnsweredFirst ? merged.answeredAt() : into.answeredAt(),
				mergedAnsweredFirst ? merged.answeredBy() : into.answeredBy(), into.hangupCause(), into.callerHungUp(),
				into.channels(), gone, into.legs(), queue,
				into.callerCancelled() || merged.callerCancelled());
		return new Step(into, List.of(new CallsMerged(surviving.id(), at, merged.id())));
	}

	/** The call goes on under another Linkedid that names no call we know (its older channels we never saw). */
	Step rename(Call call, String newId, Instant at) {
		return new Step(call.withId(newId), List.of(new CallsMerged(newId, at, call.id())));
	}

	/**
	 * Ends a call now, whatever its channels say: for a call that is gone from the PBX's channel list. Its hangup
	 * cause is the caller's when that hangup was seen, else unknown (0).
	 */
	Step end(Call call, Instant at) {
		List<CallEvent> out = new ArrayList<>();
		Call ended = end(call, at, call.callerHungUp() ? call.hangupCause() : 0, out);
		return new Step(ended, List.copyOf(out));
	}

	/**
	 * A call rebuilt from the {@code CoreShowChannel} entries that share its Linkedid. Start and answer times are
	 * estimates from the channels' {@code Duration}: the start is the oldest channel's creation, the answer the
	 * answering channel's creation. Emits CallStarted, LegRinging for channels in state Ringing, and CallAnswered when a
	 * channel other than the caller's is Up in a bridge.
	 */
	Step seed(String callId, List<AmiEvent> entries, Instant now) {
		List<AmiEvent> oldestFirst = new ArrayList<>(entries);
		oldestFirst.sort(Comparator.comparing(CallReducer::age).reversed());
		AmiEvent caller = oldestFirst.stream()
			.filter(entry -> callId.equals(entry.get("Uniqueid")))
			.findFirst()
			.orElse(oldestFirst.get(0));
		Map<String, Channel> channels = new LinkedHashMap<>();
		for (AmiEvent entry : oldestFirst) {
			String uniqueid = entry.get("Uniqueid");
			if (uniqueid != null) {
				channels.put(uniqueid, new Channel(uniqueid, entry.get("Channel"), number(entry.get("ChannelState")),
						blankToNull(entry.get("BridgeId"))));
			}
		}
		String dialed = dialedNumber(caller.get("Exten"));
		Instant startedAt = now.minus(age(oldestFirst.get(0)));
		Call call = new Call(callId, direction(caller.get("Channel"), dialed), caller.get("Uniqueid"),
				blankToNull(caller.get("CallerIDNum")), dialed, startedAt, null, null, 0, false, channels, Map.of(),
				Map.of(), Call.Queue.NONE, false);
		List<CallEvent> out = new ArrayList<>();
		out.add(new CallStarted(callId, startedAt, call.direction(), call.callerNumber(), dialed));
		for (AmiEvent entry : oldestFirst) {
			String uniqueid = entry.get("Uniqueid");
			String name = entry.get("Channel");
			if (uniqueid == null || name == null || entry == caller || Extensions.isLocal(name)) {
				continue;
			}
			String device = Extensions.deviceOf(name);
			Instant since = now.minus(age(entry));
			int state = number(entry.get("ChannelState"));
			if (state == Channel.RINGING) {
				call = call.withLeg(Leg.ringing(uniqueid, device, null));
				out.add(new LegRinging(callId, since, device));
			}
			else if (state == Channel.UP && blankToNull(entry.get("BridgeId")) != null) {
				call = call.withLeg(new Leg(uniqueid, device, Leg.State.ANSWERED, null, null));
				if (!call.answered()) {
					call = call.answeredBy(device, since);
					out.add(new CallAnswered(callId, since, device));
				}
			}
		}
		return new Step(call, List.copyOf(out));
	}

	/**
	 * A tracked call that is still in the {@code CoreShowChannel} entries after a reconnect: catches up on what
	 * happened to it while Ringside was away. Channels it did not know join it, and a phone Up in a bridge answers it
	 * (CallAnswered, at a time estimated from the channel's Duration) if nobody had: an answer whose events were lost
	 * with the connection must not leave the call to be recorded as missed.
	 */
	Step catchUp(Call call, List<AmiEvent> entries, Instant now) {
		List<CallEvent> out = new ArrayList<>();
		Call next = call;
		for (AmiEvent entry : entries) {
			String uniqueid = entry.get("Uniqueid");
			String name = entry.get("Channel");
			if (uniqueid == null || name == null) {
				continue;
			}
			next = next.withChannel(new Channel(uniqueid, name, number(entry.get("ChannelState")),
					blankToNull(entry.get("BridgeId"))));
			if (uniqueid.equals(next.callerUniqueid()) || Extensions.isLocal(name)
					|| number(entry.get("ChannelState")) != Channel.UP || blankToNull(entry.get("BridgeId")) == null) {
				continue;
			}
			String device = Extensions.deviceOf(name);
			next = next.withLeg(new Leg(uniqueid, device, Leg.State.ANSWERED, null, null));
			if (!next.answered()) {
				Instant since = now.minus(age(entry));
				next = next.answeredBy(device, since);
				out.add(new CallAnswered(next.id(), since, device));
			}
		}
		return new Step(next, List.copyOf(out));
	}

	private Call start(AmiEvent event, Instant at, List<CallEvent> out) {
		String uniqueid = event.get("Uniqueid");
		if (uniqueid == null) {
			return null;
		}
		String callId = event.get("Linkedid") != null ? event.get("Linkedid") : uniqueid;
		String channel = event.get("Channel");
		String dialed = dialedNumber(event.get("Exten"));
		String caller = blankToNull(event.get("CallerIDNum"));
		Direction direction = direction(channel, dialed);
		out.add(new CallStarted(callId, at, direction, caller, dialed));
		return Call.first(callId, direction, new Channel(uniqueid, channel, number(event.get("ChannelState")), null),
				caller, dialed, at);
	}

	private Direction direction(String firstChannel, String dialed) {
		if (!Extensions.isLocal(firstChannel) && !extensions.isExtension(firstChannel)) {
			return Direction.INBOUND;
		}
		return (dialed == null || extensions.isInternalNumber(dialed)) ? Direction.INTERNAL : Direction.OUTBOUND;
	}

	/** Makes sure the event's own channel is part of the call (Ringside may have connected after it appeared). */
	private static Call known(Call call, AmiEvent event) {
		String uniqueid = event.get("Uniqueid");
		String name = event.get("Channel");
		if (uniqueid == null || name == null || call.channels().containsKey(uniqueid)) {
			return call;
		}
		return call.withChannel(new Channel(uniqueid, name, number(event.get("ChannelState")), null));
	}

	private Call newState(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		Call next = known(call, event);
		String uniqueid = event.get("Uniqueid");
		Channel channel = (uniqueid != null) ? next.channels().get(uniqueid) : null;
		if (channel == null) {
			return next;
		}
		int state = number(event.get("ChannelState"));
		next = next.withChannel(channel.withState(state));
		if (state == Channel.RINGING && !uniqueid.equals(next.callerUniqueid())) {
			next = ring(next, uniqueid, channel.name(), null, null, at, out);
		}
		return next;
	}

	private static Call newCallerId(Call call, AmiEvent event) {
		String number = blankToNull(event.get("CallerIDNum"));
		boolean ofCaller = call.callerUniqueid().equals(event.get("Uniqueid"));
		return (ofCaller && number != null) ? known(call, event).withCallerNumber(number) : known(call, event);
	}

	private static Call rename(Call call, AmiEvent event) {
		Channel channel = call.channels().get(event.get("Uniqueid"));
		String newName = event.get("Newname");
		return (channel == null || newName == null) ? call : call.withChannel(channel.withName(newName));
	}

	private static Call inBridge(Call call, String uniqueid, String bridgeId) {
		Channel channel = (uniqueid != null) ? call.channels().get(uniqueid) : null;
		return (channel == null) ? call : call.withChannel(channel.inBridge(bridgeId));
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
		// The Dest channel is not made a channel of the call here: it counts once an event of its own is seen (its
		// Newchannel comes first). One known only from others' events (its own were lost) would keep the call up for
		// ever, since its Hangup is lost too.
		return ring(call, destUniqueid, destChannel, event.get("Interface"), event.get("Uniqueid"), at, out);
	}

	/**
	 * Starts a leg for a phone channel, once per Uniqueid; Local channels and the caller's channel never ring. A leg
	 * first seen ringing (Newstate) learns later which channel dialled it.
	 */
	private static Call ring(Call call, String uniqueid, String channel, String fallbackDevice, String via, Instant at,
			List<CallEvent> out) {
		String device = phone(channel, fallbackDevice);
		if (device == null || uniqueid.equals(call.callerUniqueid())) {
			return call;
		}
		Leg known = call.legs().get(uniqueid);
		if (known != null) {
			return (known.via() == null && via != null)
					? call.withLeg(new Leg(uniqueid, known.device(), known.state(), via, known.endReason())) : call;
		}
		out.add(new LegRinging(call.id(), at, device));
		return call.withLeg(Leg.ringing(uniqueid, device, via));
	}

	/**
	 * A queue connected the caller to a member. A member that is a Local channel ({@code Local/101@from-queue/n}, as
	 * FreePBX configures every member) is not the person: the person is the phone its {@code ;2} half dialled.
	 */
	private static Call agentConnect(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		String destUniqueid = event.get("DestUniqueid");
		String destChannel = event.get("DestChannel");
		if (destChannel != null && !Extensions.isLocal(destChannel)) {
			return answer(call, destUniqueid, destChannel, event.get("Interface"), at, out);
		}
		Leg behind = behindLocal(call, destUniqueid);
		return behind == null ? call : answer(call, behind.uniqueid(), null, behind.device(), at, out);
	}

	/** A queue member rang out; for a Local member, the phone behind it stops ringing too. */
	private static Call ringNoAnswer(Call call, String destUniqueid, Instant at, List<CallEvent> out) {
		Call next = endLeg(call, destUniqueid, LegEndReason.NOANSWER, at, out);
		Leg behind = behindLocal(next, destUniqueid);
		return behind == null ? next : endLeg(next, behind.uniqueid(), LegEndReason.NOANSWER, at, out);
	}

	/**
	 * The phone a Local channel stands for: the newest leg dialled by its {@code ;2} half (found by name from either
	 * half), or null when the Local channel dialled none yet, or the channel is not a Local one.
	 */
	private static Leg behindLocal(Call call, String localUniqueid) {
		String name = localUniqueid == null ? null : call.nameOf(localUniqueid);
		if (name == null || !Extensions.isLocal(name) || name.length() < 2) {
			return null;
		}
		String dialler = name.endsWith(";1") ? name.substring(0, name.length() - 1) + "2" : name;
		String diallerUniqueid = uniqueidOf(call, dialler);
		Leg newest = null;
		for (Leg leg : call.legs().values()) {
			if (diallerUniqueid != null && diallerUniqueid.equals(leg.via())) {
				newest = leg;
			}
		}
		return newest;
	}

	private static String uniqueidOf(Call call, String channelName) {
		for (Channel channel : call.channels().values()) {
			if (channel.name().equals(channelName)) {
				return channel.uniqueid();
			}
		}
		for (Map.Entry<String, String> gone : call.gone().entrySet()) {
			if (gone.getValue().equals(channelName)) {
				return gone.getKey();
			}
		}
		return null;
	}

	private Call dialEnd(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		String status = event.get("DialStatus");
		String destUniqueid = event.get("DestUniqueid");
		if (status == null || destUniqueid == null) {
			return call;
		}
		return switch (status.toUpperCase(Locale.ROOT)) {
			case "ANSWER" -> answer(call, destUniqueid, event.get("DestChannel"), null, at, out);
			case "NOANSWER" -> endLeg(call, destUniqueid, LegEndReason.NOANSWER, at, out);
			case "BUSY" -> endLeg(call, destUniqueid, LegEndReason.BUSY, at, out);
			case "CONGESTION" -> endLeg(call, destUniqueid, LegEndReason.CONGESTION, at, out);
			case "CHANUNAVAIL" -> endLeg(call, destUniqueid, LegEndReason.CHANUNAVAIL, at, out);
			case "CANCEL", "ABORT" -> endLeg(byCaller(call, event) ? call.cancelledByCaller() : call, destUniqueid,
					call.answered() ? LegEndReason.ANSWERED_ELSEWHERE : LegEndReason.CANCEL, at, out);
			default -> call;
		};
	}

	private static boolean byCaller(Call call, AmiEvent event) {
		return call.callerUniqueid().equals(event.get("Uniqueid"));
	}

	/** A person answered on the phone behind this channel; a repeated answer of the same leg is no news. */
	private static Call answer(Call call, String uniqueid, String channel, String fallbackDevice, Instant at,
			List<CallEvent> out) {
		String device = phone(channel, fallbackDevice);
		if (uniqueid == null || device == null || call.isGone(uniqueid)) {
			return call;
		}
		Leg leg = call.legs().get(uniqueid);
		if (leg != null && leg.state() == Leg.State.ANSWERED) {
			return call;
		}
		out.add(new CallAnswered(call.id(), at, device));
		Leg answered = leg != null ? leg.answered() : new Leg(uniqueid, device, Leg.State.ANSWERED, null, null);
		return call.withLeg(answered).answeredBy(device, at);
	}

	private static Call endLeg(Call call, String uniqueid, LegEndReason reason, Instant at, List<CallEvent> out) {
		Leg leg = (uniqueid != null) ? call.legs().get(uniqueid) : null;
		if (leg == null || leg.state() != Leg.State.RINGING) {
			return call;
		}
		out.add(new LegEnded(call.id(), at, leg.device(), reason));
		return call.withLeg(leg.ended(reason));
	}

	private Call hangup(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		String uniqueid = event.get("Uniqueid");
		if (uniqueid == null) {
			return call;
		}
		int cause = number(event.get("Cause"));
		Call next = endLeg(call, uniqueid, reasonOf(cause, call.answered()), at, out).hungUp(uniqueid, cause);
		return next.channels().isEmpty() ? end(next, at, next.hangupCause(), out) : next;
	}

	private static LegEndReason reasonOf(int cause, boolean answered) {
		return switch (cause) {
			// 26 is "non-selected user clearing": another phone answered, or the dialler gave up on this one
			case 26 -> answered ? LegEndReason.ANSWERED_ELSEWHERE : LegEndReason.CANCEL;
			case 17 -> LegEndReason.BUSY;
			case 18, 19, 21 -> LegEndReason.NOANSWER;
			case 1, 2, 3, 20, 22, 27, 28 -> LegEndReason.CHANUNAVAIL;
			case 34, 38, 41, 42, 44 -> LegEndReason.CONGESTION;
			default -> answered ? LegEndReason.ANSWERED_ELSEWHERE : LegEndReason.CANCEL;
		};
	}

	private static Call end(Call call, Instant at, int hangupCause, List<CallEvent> out) {
		Call next = call;
		for (Leg leg : call.legs().values()) {
			next = endLeg(next, leg.uniqueid(),
					call.answered() ? LegEndReason.ANSWERED_ELSEWHERE : LegEndReason.CANCEL, at, out);
		}
		Instant answeredAt = next.answeredAt();
		Duration wait = Duration.between(next.startedAt(), answeredAt != null ? answeredAt : at);
		Duration talk = answeredAt != null ? Duration.between(answeredAt, at) : Duration.ZERO;
		out.add(new CallEnded(next.id(), at, next.answered(), next.answeredBy(), nonNegative(wait), nonNegative(talk),
				hangupCause, next.callerNumber(), next.dialedNumber(), next.direction(), next.abandoned()));
		return next;
	}

	private static Call blindTransfer(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		if (succeeded(event)) {
			out.add(new CallTransferred(call.id(), at, TransferKind.BLIND,
					Extensions.deviceOf(event.get("TransfererChannel")), blankToNull(event.get("Extension"))));
		}
		return call;
	}

	private static Call attendedTransfer(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		if (succeeded(event)) {
			String target = event.get("TransferTargetChannel");
			String to;
			if (target == null) {
				to = blankToNull(event.get("DestApp"));
			}
			else if (Extensions.isLocal(target)) {
				to = Extensions.localExten(target);
			}
			else {
				to = Extensions.deviceOf(target);
			}
			out.add(new CallTransferred(call.id(), at, TransferKind.ATTENDED,
					Extensions.deviceOf(event.get("OrigTransfererChannel")), to));
		}
		return call;
	}

	private static boolean succeeded(AmiEvent event) {
		String result = event.get("Result");
		return result == null || result.equalsIgnoreCase("Success");
	}

	/** The phone behind a channel, or null for a Local channel (then the fallback, a queue member's Interface). */
	private static String phone(String channel, String fallbackDevice) {
		if (channel != null && !Extensions.isLocal(channel)) {
			return Extensions.deviceOf(channel);
		}
		return (fallbackDevice != null && !Extensions.isLocal(fallbackDevice)) ? fallbackDevice : null;
	}

	/** {@code s} is where calls without a dialled number start (an inbound trunk without DID): no number. */
	private static String dialedNumber(String exten) {
		String number = blankToNull(exten);
		return (number == null || number.equals("s")) ? null : number;
	}

	private static Duration age(AmiEvent coreShowChannel) {
		String duration = coreShowChannel.get("Duration");
		if (duration == null) {
			return Duration.ZERO;
		}
		long seconds = 0;
		for (String part : duration.trim().split(":")) {
			seconds = seconds * 60 + number(part);
		}
		return Duration.ofSeconds(seconds);
	}

	private static Duration nonNegative(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

	private static int number(String value) {
		if (value == null) {
			return 0;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}

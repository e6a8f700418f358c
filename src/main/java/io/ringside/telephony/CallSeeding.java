package io.ringside.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.ringside.telephony.Call.Channel;
import io.ringside.telephony.Call.Leg;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallStarted;
import io.ringside.telephony.CallEvent.LegRinging;

/**
 * Calls rebuilt from the PBX's own list of its channels (the {@code CoreShowChannel}
 * events answering a CoreShowChannels action) after Ringside (re)connected: calls it did
 * not follow are started, calls it followed catch up on what it missed. Pure: the time is
 * passed in.
 */
final class CallSeeding {

	private final Extensions extensions;

	CallSeeding(Extensions extensions) {
		this.extensions = extensions;
	}

	/**
	 * A call rebuilt from the {@code CoreShowChannel} entries that share its Linkedid.
	 * Start and answer times are estimates from the channels' {@code Duration}: the start
	 * is the oldest channel's creation, the answer the answering channel's creation.
	 * Emits CallStarted, LegRinging for channels in state Ringing, and CallAnswered when
	 * a channel other than the caller's is Up in a bridge. Each entry has a
	 * {@code Uniqueid}.
	 */
	CallReducer.Step seed(String callId, List<AmiEvent> entries, Instant now) {
		List<AmiEvent> oldestFirst = new ArrayList<>(entries);
		oldestFirst.sort(Comparator.comparing(CallSeeding::age).reversed());
		AmiEvent caller = oldestFirst.stream()
			.filter(entry -> callId.equals(entry.get("Uniqueid")))
			.findFirst()
			.orElse(oldestFirst.get(0));
		Map<String, Channel> channels = new LinkedHashMap<>();
		for (AmiEvent entry : oldestFirst) {
			String uniqueid = entry.get("Uniqueid");
			if (uniqueid != null) {
				channels.put(uniqueid, new Channel(uniqueid, entry.get("Channel"), entry.number("ChannelState"),
						entry.text("BridgeId")));
			}
		}
		// CallTracker.seed groups only the entries that have a Uniqueid
		String callerUniqueid = Objects.requireNonNull(caller.get("Uniqueid"), "entry without a Uniqueid");
		String dialed = Extensions.dialedNumber(caller.get("Exten"));
		Instant startedAt = now.minus(age(oldestFirst.get(0)));
		Call call = new Call(callId, extensions.directionOf(caller.get("Channel"), dialed), callerUniqueid,
				caller.text("CallerIDNum"), dialed, startedAt, null, null, 0, false, channels, Map.of(), Map.of(),
				Call.Queue.NONE, false, null);
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
			int state = entry.number("ChannelState");
			if (state == Channel.RINGING) {
				call = call.withLeg(Leg.ringing(uniqueid, device, null));
				out.add(new LegRinging(callId, since, device));
			}
			else if (state == Channel.UP && entry.text("BridgeId") != null) {
				call = call.withLeg(new Leg(uniqueid, device, Leg.State.ANSWERED, null, null));
				if (!call.answered()) {
					call = call.answeredBy(device, since);
					out.add(new CallAnswered(callId, since, device));
				}
			}
		}
		return new CallReducer.Step(call, List.copyOf(out));
	}

	/**
	 * A tracked call that is still in the {@code CoreShowChannel} entries after a
	 * reconnect: catches up on what happened to it while Ringside was away. Channels it
	 * did not know join it, and a phone Up in a bridge answers it (CallAnswered, at a
	 * time estimated from the channel's Duration) if nobody had: an answer whose events
	 * were lost with the connection must not leave the call to be recorded as missed.
	 */
	CallReducer.Step catchUp(Call call, List<AmiEvent> entries, Instant now) {
		List<CallEvent> out = new ArrayList<>();
		Call next = call;
		for (AmiEvent entry : entries) {
			String uniqueid = entry.get("Uniqueid");
			String name = entry.get("Channel");
			if (uniqueid == null || name == null) {
				continue;
			}
			next = next.withChannel(new Channel(uniqueid, name, entry.number("ChannelState"), entry.text("BridgeId")));
			if (uniqueid.equals(next.callerUniqueid()) || Extensions.isLocal(name)
					|| entry.number("ChannelState") != Channel.UP || entry.text("BridgeId") == null) {
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
		return new CallReducer.Step(next, List.copyOf(out));
	}

	/**
	 * How long a channel has existed, from a CoreShowChannel's {@code Duration}
	 * ({@code HH:MM:SS}).
	 */
	private static Duration age(AmiEvent coreShowChannel) {
		String duration = coreShowChannel.get("Duration");
		if (duration == null) {
			return Duration.ZERO;
		}
		long seconds = 0;
		for (String part : duration.trim().split(":")) {
			seconds = seconds * 60 + AmiFields.number(part);
		}
		return Duration.ofSeconds(seconds);
	}

}

package io.ringside.telephony;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.ringside.telephony.Call.Channel;
import io.ringside.telephony.Call.Leg;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.LegEndReason;
import io.ringside.telephony.CallEvent.LegEnded;
import io.ringside.telephony.CallEvent.LegRinging;

/**
 * The legs of a call, the phones it rang: which start ringing, which answered, how each
 * stopped, and the phone behind a Local channel. The rules are {@link CallReducer}'s;
 * these are its steps on legs, each returning the new call and adding what happened to
 * {@code out}. Pure and stateless.
 */
final class Legs {

	private Legs() {
	}

	/**
	 * Starts a leg for a phone channel, once per Uniqueid; Local channels and the
	 * caller's channel never ring. A leg first seen ringing (Newstate) learns later which
	 * channel dialled it.
	 */
	static Call ring(Call call, String uniqueid, @Nullable String channel, @Nullable String fallbackDevice,
			@Nullable String via, Instant at, List<CallEvent> out) {
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
	 * A queue connected the caller to a member. A member that is a Local channel
	 * ({@code Local/101@from-queue/n}, as FreePBX configures every member) is not the
	 * person: the person is the phone its {@code ;2} half dialled.
	 */
	static Call agentConnect(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		String destUniqueid = event.get("DestUniqueid");
		String destChannel = event.get("DestChannel");
		if (destChannel != null && !Extensions.isLocal(destChannel)) {
			return answer(call, destUniqueid, destChannel, event.get("Interface"), at, out);
		}
		Leg behind = behindLocal(call, destUniqueid);
		return behind == null ? call : answer(call, behind.uniqueid(), null, behind.device(), at, out);
	}

	/**
	 * A queue member rang out; for a Local member, the phone behind it stops ringing too.
	 */
	static Call ringNoAnswer(Call call, @Nullable String destUniqueid, Instant at, List<CallEvent> out) {
		Call next = endRinging(call, destUniqueid, LegEndReason.NOANSWER, at, out);
		Leg behind = behindLocal(next, destUniqueid);
		return behind == null ? next : endRinging(next, behind.uniqueid(), LegEndReason.NOANSWER, at, out);
	}

	/**
	 * The phone a Local channel stands for: the newest leg dialled by its {@code ;2} half
	 * (found by name from either half), or null when the Local channel dialled none yet,
	 * or the channel is not a Local one.
	 */
	private static @Nullable Leg behindLocal(Call call, @Nullable String localUniqueid) {
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

	private static @Nullable String uniqueidOf(Call call, String channelName) {
		for (Channel channel : call.channels().values()) {
			if (channelName.equals(channel.name())) {
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

	/**
	 * A person answered on the phone behind this channel; a repeated answer of the same
	 * leg is no news.
	 */
	static Call answer(Call call, @Nullable String uniqueid, @Nullable String channel, @Nullable String fallbackDevice,
			Instant at, List<CallEvent> out) {
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

	static Call endRinging(Call call, @Nullable String uniqueid, LegEndReason reason, Instant at, List<CallEvent> out) {
		Leg leg = (uniqueid != null) ? call.legs().get(uniqueid) : null;
		if (leg == null || leg.state() != Leg.State.RINGING) {
			return call;
		}
		out.add(new LegEnded(call.id(), at, leg.device(), reason));
		return call.withLeg(leg.ended(reason));
	}

	static LegEndReason reasonOf(int cause, boolean answered) {
		return switch (cause) {
			// 26 is "non-selected user clearing": another phone answered, or the dialler
			// gave up on this one
			case 26 -> answered ? LegEndReason.ANSWERED_ELSEWHERE : LegEndReason.CANCEL;
			case 17 -> LegEndReason.BUSY;
			case 18, 19, 21 -> LegEndReason.NOANSWER;
			case 1, 2, 3, 20, 22, 27, 28 -> LegEndReason.CHANUNAVAIL;
			case 34, 38, 41, 42, 44 -> LegEndReason.CONGESTION;
			default -> answered ? LegEndReason.ANSWERED_ELSEWHERE : LegEndReason.CANCEL;
		};
	}

	/**
	 * The phone behind a channel, or null for a Local channel (then the fallback, a queue
	 * member's Interface).
	 */
	private static @Nullable String phone(@Nullable String channel, @Nullable String fallbackDevice) {
		if (channel != null && !Extensions.isLocal(channel)) {
			return Extensions.deviceOf(channel);
		}
		return (fallbackDevice != null && !Extensions.isLocal(fallbackDevice)) ? fallbackDevice : null;
	}

}

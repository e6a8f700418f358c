package io.ringside.telephony;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.ringside.telephony.CallEvent.Direction;

/**
 * One call as the tracker knows it at a point in time: all channels that share its Linkedid and are still up, the
 * phones that rang for it, who answered first. An immutable value; each AMI event gives a new one.
 *
 * @param id the Linkedid that names the call
 * @param direction decided when the call started
 * @param callerUniqueid the Uniqueid of the first channel (the caller's)
 * @param callerNumber the caller's number, null when unknown; follows caller id updates on the caller channel
 * @param dialedNumber what the caller dialled ({@code Exten} of the first channel), null when unknown
 * @param startedAt when the first channel appeared
 * @param answeredAt when a person first answered, null while nobody has
 * @param answeredBy the device that answered first, null while nobody has
 * @param hangupCause the caller channel's hangup cause once seen, else the last hung-up channel's, 0 before any
 * @param callerHungUp whether {@code hangupCause} is the caller's
 * @param channels the channels still up, by Uniqueid, in the order they appeared
 * @param legs the phones that rang for this call, by their channel's Uniqueid
 */
public record Call(String id, Direction direction, String callerUniqueid, String callerNumber, String dialedNumber,
		Instant startedAt, Instant answeredAt, String answeredBy, int hangupCause, boolean callerHungUp,
		Map<String, Channel> channels, Map<String, Leg> legs) {

	public Call {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(startedAt, "startedAt");
		channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
		legs = Collections.unmodifiableMap(new LinkedHashMap<>(legs));
	}

	/** A channel of the call: its name may change (Rename), its state follows Newstate. */
	public record Channel(String uniqueid, String name, int state, String bridgeId) {

		/** Asterisk's channel state 5, the callee side is ringing. */
		public static final int RINGING = 5;

		/** Asterisk's channel state 6. Up is not answered by a person: IVRs and voicemail answer too. */
		public static final int UP = 6;

		Channel withState(int newState) {
			return new Channel(uniqueid, name, newState, bridgeId);
		}

		Channel withName(String newName) {
			return new Channel(uniqueid, newName, state, bridgeId);
		}

		Channel inBridge(String newBridgeId) {
			return new Channel(uniqueid, name, state, newBridgeId);
		}

	}

	/** A phone that was offered this call, and how that ended. */
	public record Leg(String uniqueid, String device, State state) {

		public enum State {
			RINGING, ANSWERED, ENDED
		}

		Leg to(State newState) {
			return new Leg(uniqueid, device, newState);
		}

	}

	/** Whether a person answered (a DialEnd ANSWER to a phone, or a queue's AgentConnect). */
	public boolean answered() {
		return answeredBy != null;
	}

	Call withId(String newId) {
		return new Call(newId, direction, callerUniqueid, callerNumber, dialedNumber, startedAt, answeredAt,
				answeredBy, hangupCause, callerHungUp, channels, legs);
	}

	Call withCallerNumber(String number) {
		return new Call(id, direction, callerUniqueid, number, dialedNumber, startedAt, answeredAt, answeredBy,
				hangupCause, callerHungUp, channels, legs);
	}

	Call withChannel(Channel channel) {
		Map<String, Channel> next = new LinkedHashMap<>(channels);
		next.put(channel.uniqueid(), channel);
		return new Call(id, direction, callerUniqueid, callerNumber, dialedNumber, startedAt, answeredAt, answeredBy,
				hangupCause, callerHungUp, next, legs);
	}

	Call withLeg(Leg leg) {
		Map<String, Leg> next = new LinkedHashMap<>(legs);
		next.put(leg.uniqueid(), leg);
		return new Call(id, direction, callerUniqueid, callerNumber, dialedNumber, startedAt, answeredAt, answeredBy,
				hangupCause, callerHungUp, channels, next);
	}

	Call answeredBy(String device, Instant at) {
		return answered() ? this : new Call(id, direction, callerUniqueid, callerNumber, dialedNumber, startedAt, at,
				device, hangupCause, callerHungUp, channels, legs);
	}

	Call hungUp(String uniqueid, int cause) {
		Map<String, Channel> next = new LinkedHashMap<>(channels);
		next.remove(uniqueid);
		boolean byCaller = uniqueid.equals(callerUniqueid);
		boolean keep = callerHungUp && !byCaller;
		return new Call(id, direction, callerUniqueid, callerNumber, dialedNumber, startedAt, answeredAt, answeredBy,
				keep ? hangupCause : cause, callerHungUp || byCaller, next, legs);
	}

}

package io.ringside.telephony;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.CallEvent.LegEndReason;

/**
 * One call as the tracker knows it at a point in time: all channels that share its
 * Linkedid and are still up, the channels that hung up (gone for good: no later event of
 * theirs counts), the phones that rang for it, who answered first, and whether it waited
 * in a queue. An immutable value; each AMI event gives a new one.
 *
 * @param id the Linkedid that names the call
 * @param direction decided when the call started
 * @param callerUniqueid the Uniqueid of the first channel (the caller's)
 * @param callerNumber the caller's number, null when unknown; follows caller id updates
 * on the caller channel
 * @param dialedNumber what the caller dialled ({@code Exten} of the first channel), null
 * when unknown
 * @param startedAt when the first channel appeared
 * @param answeredAt when a person first answered, null while nobody has
 * @param answeredBy the device that answered first, null while nobody has
 * @param hangupCause the caller channel's hangup cause once seen, else the last hung-up
 * channel's, 0 before any
 * @param callerHungUp whether {@code hangupCause} is the caller's
 * @param channels the channels still up, by Uniqueid, in the order they appeared
 * @param gone the channels that hung up, by Uniqueid, with their last name
 * @param legs the phones that rang for this call, by their channel's Uniqueid
 * @param queue what the call went through in a queue: none, waited, or abandoned there
 * @param callerCancelled the caller's own dial ended CANCEL before anyone answered: they
 * hung up while it rang
 * @param recordingFile the file the PBX records the call's audio into, as a channel of
 * the call last set {@link Pbx#RECORDING_VARIABLE}; null while none did
 */
public record Call(String id, Direction direction, String callerUniqueid, @Nullable String callerNumber,
		@Nullable String dialedNumber, Instant startedAt, @Nullable Instant answeredAt, @Nullable String answeredBy,
		int hangupCause, boolean callerHungUp, Map<String, Channel> channels, Map<String, String> gone,
		Map<String, Leg> legs, Queue queue, boolean callerCancelled, @Nullable String recordingFile) {

	public Call {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(startedAt, "startedAt");
		Objects.requireNonNull(queue, "queue");
		channels = Frozen.of(channels);
		gone = Frozen.of(gone);
		legs = Frozen.of(legs);
	}

	/**
	 * A map of a call that nobody can change: a call made from another passes the maps it
	 * keeps as they are (a copy of all three at every event of a call was a tenth of the
	 * call tracker's thread), and one it changes is built afresh and frozen.
	 */
	private static final class Frozen<V> extends AbstractMap<String, V> {

		private final Map<String, V> map;

		private Frozen(LinkedHashMap<String, V> fresh) {
			this.map = Collections.unmodifiableMap(fresh);
		}

		static <V> Map<String, V> of(Map<String, V> map) {
			return map instanceof Frozen<V> ? map : new Frozen<>(new LinkedHashMap<>(map));
		}

		@Override
		public @Nullable V get(@Nullable Object key) {
			return map.get(key);
		}

		@Override
		public boolean containsKey(@Nullable Object key) {
			return map.containsKey(key);
		}

		@Override
		public int size() {
			return map.size();
		}

		@Override
		public Set<Map.Entry<String, V>> entrySet() {
			return map.entrySet();
		}

	}

	/** A new call with its first channel. */
	static Call first(String id, Direction direction, Channel caller, @Nullable String callerNumber,
			@Nullable String dialedNumber, Instant startedAt) {
		return new Call(id, direction, caller.uniqueid(), callerNumber, dialedNumber, startedAt, null, null, 0, false,
				Map.of(caller.uniqueid(), caller), Map.of(), Map.of(), Queue.NONE, false, null);
	}

	/**
	 * Whether the caller waited in a queue ({@code QueueCallerJoin}), and whether they
	 * gave up there.
	 */
	public enum Queue {

		NONE, WAITED, ABANDONED

	}

	/**
	 * A channel of the call: its name may change (Rename), its state follows Newstate.
	 *
	 * @param name null when the event that made it known did not give one
	 * @param bridgeId the bridge it is in, null when in none
	 */
	public record Channel(String uniqueid, @Nullable String name, int state, @Nullable String bridgeId) {

		/** Asterisk's channel state 5, the callee side is ringing. */
		public static final int RINGING = 5;

		/**
		 * Asterisk's channel state 6. Up is not answered by a person: IVRs and voicemail
		 * answer too.
		 */
		public static final int UP = 6;

		Channel withState(int newState) {
			return new Channel(uniqueid, name, newState, bridgeId);
		}

		Channel withName(String newName) {
			return new Channel(uniqueid, newName, state, bridgeId);
		}

		Channel inBridge(@Nullable String newBridgeId) {
			return new Channel(uniqueid, name, state, newBridgeId);
		}

	}

	/**
	 * A phone that was offered this call, and how that ended.
	 *
	 * @param via the Uniqueid of the channel that dialled it (the caller, or the
	 * {@code ;2} half of a Local channel that stands for a queue member or a follow-me),
	 * null when unknown
	 * @param endReason why it stopped ringing unanswered, once {@code ENDED}; else null
	 */
	public record Leg(String uniqueid, String device, State state, @Nullable String via,
			@Nullable LegEndReason endReason) {

		public enum State {

			RINGING, ANSWERED, ENDED

		}

		static Leg ringing(String uniqueid, String device, @Nullable String via) {
			return new Leg(uniqueid, device, State.RINGING, via, null);
		}

		Leg answered() {
			return new Leg(uniqueid, device, State.ANSWERED, via, null);
		}

		Leg ended(LegEndReason reason) {
			return new Leg(uniqueid, device, State.ENDED, via, reason);
		}

	}

	/**
	 * Whether a person answered (a DialEnd ANSWER to a phone, or a queue's AgentConnect).
	 */
	public boolean answered() {
		return answeredBy != null;
	}

	/** Whether this channel hung up: nothing it sends from now on changes the call. */
	public boolean isGone(@Nullable String uniqueid) {
		return uniqueid != null && gone.containsKey(uniqueid);
	}

	/**
	 * The caller gave up before anyone answered: they abandoned the queue, or, outside a
	 * queue, hung up while their dial rang (it ended CANCEL) or before any phone rang.
	 * Decided from the caller's own channel and the queue's events, so the order in which
	 * Asterisk reports the other channels does not change it.
	 */
	public boolean abandoned() {
		if (answered()) {
			return false;
		}
		if (queue != Queue.NONE) {
			return queue == Queue.ABANDONED;
		}
		return callerCancelled || legs.isEmpty();
	}

	Call withId(String newId) {
		return new Call(newId, direction, callerUniqueid, callerNumber, dialedNumber, startedAt, answeredAt, answeredBy,
				hangupCause, callerHungUp, channels, gone, legs, queue, callerCancelled, recordingFile);
	}

	Call withCallerNumber(String number) {
		return new Call(id, direction, callerUniqueid, number, dialedNumber, startedAt, answeredAt, answeredBy,
				hangupCause, callerHungUp, channels, gone, legs, queue, callerCancelled, recordingFile);
	}

	Call withChannel(Channel channel) {
		if (isGone(channel.uniqueid())) {
			return this;
		}
		LinkedHashMap<String, Channel> next = new LinkedHashMap<>(channels);
		next.put(channel.uniqueid(), channel);
		return new Call(id, direction, callerUniqueid, callerNumber, dialedNumber, startedAt, answeredAt, answeredBy,
				hangupCause, callerHungUp, new Frozen<>(next), gone, legs, queue, callerCancelled, recordingFile);
	}

	Call withLeg(Leg leg) {
		LinkedHashMap<String, Leg> next = new LinkedHashMap<>(legs);
		next.put(leg.uniqueid(), leg);
		return new Call(id, direction, callerUniqueid, callerNumber, dialedNumber, startedAt, answeredAt, answeredBy,
				hangupCause, callerHungUp, channels, gone, new Frozen<>(next), queue, callerCancelled, recordingFile);
	}

	Call withRecordingFile(String file) {
		return new Call(id, direction, callerUniqueid, callerNumber, dialedNumber, startedAt, answeredAt, answeredBy,
				hangupCause, callerHungUp, channels, gone, legs, queue, callerCancelled, file);
	}

	Call inQueue(Queue newQueue) {
		return new Call(id, direction, callerUniqueid, callerNumber, dialedNumber, startedAt, answeredAt, answeredBy,
				hangupCause, callerHungUp, channels, gone, legs, newQueue, callerCancelled, recordingFile);
	}

	Call cancelledByCaller() {
		return answered() ? this : new Call(id, direction, callerUniqueid, callerNumber, dialedNumber, startedAt,
				answeredAt, answeredBy, hangupCause, callerHungUp, channels, gone, legs, queue, true, recordingFile);
	}

	Call answeredBy(String device, Instant at) {
		return answered() ? this : new Call(id, direction, callerUniqueid, callerNumber, dialedNumber, startedAt, at,
				device, hangupCause, callerHungUp, channels, gone, legs, queue, callerCancelled, recordingFile);
	}

	Call hungUp(String uniqueid, int cause) {
		LinkedHashMap<String, Channel> next = new LinkedHashMap<>(channels);
		Channel channel = next.remove(uniqueid);
		LinkedHashMap<String, String> nextGone = new LinkedHashMap<>(gone);
		String name = (channel == null) ? null : channel.name();
		nextGone.put(uniqueid, name == null ? "" : name);
		boolean byCaller = uniqueid.equals(callerUniqueid);
		boolean keep = callerHungUp && !byCaller;
		return new Call(id, direction, callerUniqueid, callerNumber, dialedNumber, startedAt, answeredAt, answeredBy,
				keep ? hangupCause : cause, callerHungUp || byCaller, new Frozen<>(next), new Frozen<>(nextGone), legs,
				queue, callerCancelled, recordingFile);
	}

	/** The name of a channel of this call, up or gone; null when it was never seen. */
	@Nullable String nameOf(String uniqueid) {
		Channel channel = channels.get(uniqueid);
		return channel != null ? channel.name() : gone.get(uniqueid);
	}

}

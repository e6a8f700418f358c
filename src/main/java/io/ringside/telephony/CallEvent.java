package io.ringside.telephony;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened to one call, in the past tense. Every event names the call by
 * its Linkedid ({@link #callId()}); a device is the channel name without its sequence
 * suffix, e.g. {@code PJSIP/101}. Local channels ({@code Local/...;1}, {@code ;2}) are
 * plumbing and never appear as a device here.
 */
public sealed interface CallEvent extends TelephonyEvent {

	/** The Linkedid that names the call (after a merge, the surviving one). */
	String callId();

	/**
	 * Who called whom, as seen from the PBX: decided once, when the call starts (see
	 * {@link Extensions}).
	 */
	enum Direction {

		/** The first channel came in from a trunk. */
		INBOUND,
		/** One of our extensions dialled a number that is not an extension. */
		OUTBOUND,
		/** One of our extensions dialled another extension or a feature code. */
		INTERNAL

	}

	/** Why a phone stopped ringing without being answered. */
	enum LegEndReason {

		NOANSWER, BUSY, CONGESTION, CHANUNAVAIL,
		/** The caller gave up while it rang. */
		CANCEL,
		/** Another phone answered first (ring group, queue ring-all). */
		ANSWERED_ELSEWHERE

	}

	enum TransferKind {

		BLIND, ATTENDED

	}

	/**
	 * A new call: its first channel appeared. Numbers are null when Asterisk did not know
	 * them.
	 */
	record CallStarted(String callId, Instant at, Direction direction, @Nullable String callerNumber,
			@Nullable String dialedNumber) implements CallEvent {
	}

	/** A phone started ringing for this call; sent once per leg. */
	record LegRinging(String callId, Instant at, String device) implements CallEvent {
	}

	/** A phone that rang for this call stopped ringing without being answered. */
	record LegEnded(String callId, Instant at, String device, LegEndReason reason) implements CallEvent {
	}

	/**
	 * A person answered on this device (never sent because the caller's channel went Up
	 * in an IVR or voicemail).
	 */
	record CallAnswered(String callId, Instant at, String device) implements CallEvent {
	}

	/**
	 * The call was transferred by {@code fromDevice}; {@code to} is the target device for
	 * an attended transfer, or the dialled extension for a blind transfer (or for an
	 * attended one whose target is a Local channel). Either is null when the PBX's event
	 * did not name it.
	 */
	record CallTransferred(String callId, Instant at, TransferKind kind, @Nullable String fromDevice,
			@Nullable String to) implements CallEvent {
	}

	/**
	 * The call {@code mergedCallId} became part of {@code callId} (Asterisk gave its
	 * channels the other Linkedid, as it does after an attended transfer); from now on
	 * only {@code callId} is used, and {@code mergedCallId} will not end on its own.
	 */
	record CallsMerged(String callId, Instant at, String mergedCallId) implements CallEvent {
	}

	/**
	 * The last channel of the call hung up. {@code waitTime} runs from the start to the
	 * first answer, or to the end when nobody answered; {@code talkTime} from the first
	 * answer to the end (zero when unanswered). {@code hangupCause} is the caller
	 * channel's Q.850 cause when its hangup was seen, else the last channel's, 0 when the
	 * call was ended because the PBX no longer has it. {@code abandoned}: unanswered, and
	 * the caller gave up (left a queue, or hung up while a phone rang or before any
	 * rang), as opposed to a call no phone took. {@code recordingFile}: for an answered
	 * call, the file the PBX recorded it into, as the dialplan named it in
	 * {@link Pbx#RECORDING_VARIABLE} (relative to the recordings' folder); null when it
	 * named none.
	 */
	record CallEnded(String callId, Instant at, boolean answered, @Nullable String answeredBy, Duration waitTime,
			Duration talkTime, int hangupCause, @Nullable String callerNumber, @Nullable String dialedNumber,
			Direction direction, boolean abandoned, @Nullable String recordingFile) implements CallEvent {

		/** A call that ended without a recording. */
		public CallEnded(String callId, Instant at, boolean answered, @Nullable String answeredBy, Duration waitTime,
				Duration talkTime, int hangupCause, @Nullable String callerNumber, @Nullable String dialedNumber,
				Direction direction, boolean abandoned) {
			this(callId, at, answered, answeredBy, waitTime, talkTime, hangupCause, callerNumber, dialedNumber,
					direction, abandoned, null);
		}

	}

}

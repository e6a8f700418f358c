package io.ringside.routing;

import org.jspecify.annotations.Nullable;

/**
 * The PBX asks where to send a call.
 *
 * @param callId the call's Linkedid
 * @param callerNumber the caller's number as the PBX has it (any spelling); null when the
 * PBX does not know it
 * @param dialedNumber the number the caller dialled
 * @param attempt FIRST, or NO_ANSWER when the previous target rang out
 * @param previousReason the reason of the previous decision for this call, on a NO_ANSWER
 * attempt
 */
public record RouteRequest(String callId, @Nullable String callerNumber, String dialedNumber, Attempt attempt,
		@Nullable RouteReason previousReason) {

	/** Which time the dialplan asks for this call. */
	public enum Attempt {

		FIRST, NO_ANSWER

	}

}

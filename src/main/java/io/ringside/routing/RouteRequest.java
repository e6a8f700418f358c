package io.ringside.routing;

import org.jspecify.annotations.Nullable;

import io.ringside.rules.ChainStep.Step;

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
 * @param previousStep the chain's step of the previous decision, on a NO_ANSWER attempt,
 * when the channel has it ({@code RINGSIDE_STEP}); else it is told by the reason
 */
public record RouteRequest(String callId, @Nullable String callerNumber, String dialedNumber, Attempt attempt,
		@Nullable RouteReason previousReason, @Nullable Step previousStep) {

	public RouteRequest(String callId, @Nullable String callerNumber, String dialedNumber, Attempt attempt,
			@Nullable RouteReason previousReason) {
		this(callId, callerNumber, dialedNumber, attempt, previousReason, null);
	}

	/** Which time the dialplan asks for this call. */
	public enum Attempt {

		FIRST, NO_ANSWER

	}

}

package io.ringside.pops;

import java.time.Instant;

import io.ringside.crm.ClientCard;

/**
 * What one person's screen shows about one call; sent again, with the same {@code callId}, whenever it changes.
 *
 * @param reason why the call came to this person (the routing reason)
 * @param routedTo the login of the person this pop is for
 * @param answeredBy the login of whoever answered, once someone did
 * @param client the calling client's card; null for an unknown caller, who may be created as a client
 */
public record Pop(String callId, State state, String reason, String callerNumber, String routedTo,
		Instant ringingAt, Instant answeredAt, Instant endedAt, String answeredBy, ClientCard client,
		boolean unknownCaller) {

	/** Where the call is, as this person sees it. */
	public enum State {

		RINGING, ANSWERED, ENDED, MISSED, WITHDRAWN

	}

	Pop with(State state, Instant at, String answeredBy) {
		return new Pop(callId, state, reason, callerNumber, routedTo, ringingAt,
				state == State.ANSWERED ? at : answeredAt,
				state == State.ENDED || state == State.MISSED || state == State.WITHDRAWN ? at : endedAt,
				answeredBy == null ? this.answeredBy : answeredBy, client, unknownCaller);
	}

}

package io.ringside.clients;

/** What happened with a client. */
public enum InteractionKind {

	CALL_IN, CALL_OUT, CALL_MISSED, NOTE, DECISION, ORDER, REASSIGNED, CLIENT_CREATED;

	/**
	 * The kinds a person writes by hand; the others are written by Ringside when the
	 * thing happens.
	 */
	public boolean writtenByHand() {
		return this == NOTE || this == DECISION;
	}

}

package io.ringside.calls;

/**
 * What the recorder writes to PostgreSQL: a finished call or a route decision; each names
 * its call.
 */
sealed interface Recordable permits FinishedCall, RouteRow {

	/** The call's Linkedid. */
	String callId();

}

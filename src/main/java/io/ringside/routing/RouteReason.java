package io.ringside.routing;

/**
 * Why a call went where it went; set as {@code RINGSIDE_REASON} on the channel and shown
 * to the person.
 */
public enum RouteReason {

	/** The client's owner is available and their phone is free. */
	OWNER,
	/**
	 * The owner is away, offline, busy or unreachable: the head of sales takes the call.
	 */
	OWNER_ABSENT,
	/**
	 * The owner could not take the call (away, busy, or did not answer): the owner's
	 * deputy takes it, as the chain of the client's rule of work says.
	 */
	DEPUTY,
	/** The owner's phone rang out: the head of sales takes the call. */
	OWNER_NO_ANSWER,
	/** The number belongs to no client: the lead line takes it. */
	UNKNOWN_CALLER,
	/**
	 * The head of sales or lead line rang out too: the dialplan sends the caller to
	 * voicemail (a missed call).
	 */
	NO_ANSWER,
	/**
	 * Ringside could not decide in time (database or Redis slow or down): the head of
	 * sales takes it.
	 */
	FALLBACK

}

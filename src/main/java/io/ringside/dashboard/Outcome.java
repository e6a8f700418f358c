package io.ringside.dashboard;

import java.time.Duration;
import java.time.Instant;

/**
 * How an inbound call ended, as the figures count it.
 *
 * @param waitTime from the start to the answer, or to the end when nobody answered
 * @param abandoned unanswered, and the caller hung up while a phone rang or before any
 * rang
 * @param fromClient the number belongs to a client
 * @param byOwner the client's owner answered
 * @param takeover the head of sales answered a client's call for its owner
 */
record Outcome(String callId, Instant startedAt, boolean answered, Duration waitTime, boolean abandoned,
		boolean fromClient, boolean byOwner, boolean takeover) {
}

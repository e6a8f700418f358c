package io.ringside.calls;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A call the team owes a client.
 *
 * @param responseTime from the missed call to the callback, once done
 * @param escalated the deadline passed and the task went to the head of sales
 */
public record Callback(long id, long clientId, String clientName, String callId, @Nullable String callerNumber,
		String ownerLogin, String assignedTo, Instant createdAt, Instant dueAt, boolean overdue, boolean escalated,
		@Nullable Instant doneAt, @Nullable String doneBy, @Nullable Duration responseTime) {

	/**
	 * A callback as stored, with what follows from it at {@code now}: overdue while not
	 * done past its deadline, escalated once handed to the head of sales, the response
	 * time once done.
	 */
	static Callback of(long id, long clientId, String clientName, String callId, @Nullable String callerNumber,
			String ownerLogin, String assignedTo, Instant createdAt, Instant dueAt, @Nullable Instant escalatedAt,
			@Nullable Instant doneAt, @Nullable String doneBy, Instant now) {
		return new Callback(id, clientId, clientName, callId, callerNumber, ownerLogin, assignedTo, createdAt, dueAt,
				doneAt == null && dueAt.isBefore(now), escalatedAt != null, doneAt, doneBy,
				doneAt == null ? null : Duration.between(createdAt, doneAt));
	}

}

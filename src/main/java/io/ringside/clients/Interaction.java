package io.ringside.clients;

import java.time.Instant;

/** One entry of a client's history; entries are never changed or removed. */
public record Interaction(long id, long clientId, InteractionKind kind, String employeeLogin, String employeeName,
		Instant occurredAt, String callId, Long orderId, String text) {
}

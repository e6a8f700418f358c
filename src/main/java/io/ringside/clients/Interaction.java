package io.ringside.clients;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One entry of a client's history; entries are never changed or removed. */
public record Interaction(long id, long clientId, InteractionKind kind, @Nullable String employeeLogin,
		@Nullable String employeeName, Instant occurredAt, @Nullable String callId, @Nullable Long orderId,
		String text) {
}

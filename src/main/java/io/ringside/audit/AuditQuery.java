package io.ringside.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /api/audit} asks for: null fields do not filter; {@code from} is
 * inclusive, {@code to} exclusive. Newest rows first, {@code limit} of them after
 * skipping {@code offset}.
 */
public record AuditQuery(@Nullable Long clientId, @Nullable String login, @Nullable Instant from, @Nullable Instant to,
		int offset, int limit) {
}

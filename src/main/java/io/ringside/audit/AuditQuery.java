package io.ringside.audit;

import java.time.Instant;

/**
 * What {@code GET /api/audit} asks for: null fields do not filter; {@code from} is
 * inclusive, {@code to} exclusive. Newest rows first, {@code limit} of them after
 * skipping {@code offset}.
 */
public record AuditQuery(Long clientId, String login, Instant from, Instant to, int offset, int limit) {
}

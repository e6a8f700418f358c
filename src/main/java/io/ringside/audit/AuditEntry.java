package io.ringside.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One row of the audit trail as {@code GET /api/audit} shows it.
 *
 * @param login who made the change or opened the card
 * @param action what happened, in the past tense: {@code CLIENT_UPDATED},
 * {@code CARD_OPENED}, ...
 * @param before the entity as it was, as JSON reads (maps, lists, strings, numbers); null
 * for a creation and for a card opening
 * @param after the entity as the change left it; null for a deletion and for a card
 * opening
 */
public record AuditEntry(long id, Instant at, String login, String action, String entity, String entityId,
		@Nullable Long clientId, @Nullable Object before, @Nullable Object after) {
}

package io.ringside.audit;

import org.jspecify.annotations.Nullable;

/**
 * What an audit row is about: an entity by its kind and id, and the client it concerns
 * when it concerns one (the client filter of {@code GET /api/audit} reads this).
 */
public record Subject(String entity, String id, @Nullable Long clientId) {

	public static Subject of(String entity, Object id, @Nullable Long clientId) {
		return new Subject(entity, String.valueOf(id), clientId);
	}

	/** A client itself. */
	public static Subject client(long clientId) {
		return of("client", clientId, clientId);
	}

}

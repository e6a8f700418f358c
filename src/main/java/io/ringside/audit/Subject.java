package io.ringside.audit;

/**
 * What an audit row is about: an entity by its kind and id, and the client it concerns
 * when it concerns one (the client filter of {@code GET /api/audit} reads this).
 */
public record Subject(String entity, String id, Long clientId) {

	public static Subject of(String entity, Object id, Long clientId) {
		return new Subject(entity, String.valueOf(id), clientId);
	}

	/** A client itself. */
	public static Subject client(long clientId) {
		return of("client", clientId, clientId);
	}

}

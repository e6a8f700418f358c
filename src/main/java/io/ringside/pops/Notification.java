package io.ringside.pops;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A note to a client's owner on {@code /user/queue/notifications}: someone else took
 * their client's call ({@link #CALL_TAKEN}), and later how it ended
 * ({@link #CALL_OUTCOME}). Both carry the same {@code callId}.
 *
 * @param type {@link #CALL_TAKEN} or {@link #CALL_OUTCOME}
 * @param owner the login of the client's owner, to whom this is sent
 * @param takenBy who the call went to instead of the owner
 * @param reason the routing reason: {@code OWNER_ABSENT} or {@code OWNER_NO_ANSWER}
 * @param outcome null in {@link #CALL_TAKEN}; {@code ANSWERED} or {@code MISSED} in
 * {@link #CALL_OUTCOME}
 * @param answeredBy who answered, in an {@code ANSWERED} outcome (the login is null for a
 * phone of nobody, whose name is then the phone)
 * @param text the same, for people: "Your client Acme called; taken by Anna Petrova (you
 * were not available)."
 */
public record Notification(String type, String callId, String owner, ClientRef client, Person takenBy, String reason,
		@Nullable String outcome, @Nullable Person answeredBy, String text, Instant at) {

	public static final String CALL_TAKEN = "CALL_TAKEN";

	public static final String CALL_OUTCOME = "CALL_OUTCOME";

	/** The client the call was from. */
	public record ClientRef(long id, String name) {
	}

	/** An employee: login and full name. */
	public record Person(@Nullable String login, String name) {
	}

}

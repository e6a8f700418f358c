package io.ringside.calls;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A call to another manager's client that went ahead, to tell the people it concerns: the
 * owner always, and for a call dialled by hand on a desk phone the head of sales too
 * ({@link #headOfSales}). Issue #14: one client, one manager on the phone.
 *
 * @param way how the call was placed
 * @param callId the PBX's call id, for a call seen on the PBX; null for click-to-call,
 * told before the PBX shows the call
 * @param client the client called
 * @param owner the client's owner
 * @param caller who called
 * @param headOfSales the head of sales to tell as well, or null when only the owner is
 * told (or there is no head of sales)
 * @param number the number called, in E.164
 */
public record CallToOthersClient(Way way, @Nullable String callId, ClientRef client, Person owner, Person caller,
		@Nullable Person headOfSales, String number, Instant at) {

	/** How the call to another manager's client was placed. */
	public enum Way {

		/**
		 * Click-to-call while the owner was absent (the owner present refuses it with
		 * 409).
		 */
		CLICK_TO_CALL,

		/** Dialled by hand on a desk phone, seen on the PBX: it is never stopped. */
		DESK_PHONE

	}

	/** The client: id and name. */
	public record ClientRef(long id, String name) {
	}

	/** An employee: login and full name. */
	public record Person(String login, String name) {
	}

}

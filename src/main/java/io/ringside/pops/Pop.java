package io.ringside.pops;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.ringside.calls.Callback;
import io.ringside.clients.ClientCard;
import io.ringside.routing.RouteDecision.Passed;
import io.ringside.rules.Priority;
import io.ringside.rules.Script;

/**
 * What one person's screen shows about one call; sent again, with the same
 * {@code callId}, whenever it changes.
 * <p>
 * A client keeps, per {@code callId}, the pop with the highest {@code version}: the
 * snapshot a new subscription gets and the live updates may cross, and the newer one
 * wins.
 *
 * @param reason why the call came to this person: the routing reason ({@code OWNER},
 * {@code OWNER_ABSENT}, ...), or {@code TRANSFERRED} for a transfer target
 * @param routedTo the login of the person this pop is for
 * @param answeredBy the login of whoever answered, once someone did
 * @param client the calling client's card; null for an unknown caller, who may be created
 * as a client
 * @param callbacks the calling client's open callback tasks, the most urgent first; empty
 * for an unknown caller
 * @param priority the priority of the caller's tier ({@code HIGH} or {@code NORMAL}): the
 * console shows HIGH pops first
 * @param script the conversation script of the caller's tier, in every language; null
 * when the tier has none
 * @param passed the steps of the routing chain passed over before this person, and why
 * ("the owner did not answer in 15 s"): empty when the call came to them first
 * @param version 1 for the first pop of this call to this person, one more with each
 * change
 */
public record Pop(String callId, State state, String reason, @Nullable String callerNumber, String routedTo,
		Instant ringingAt, @Nullable Instant answeredAt, @Nullable Instant endedAt, @Nullable String answeredBy,
		@Nullable ClientCard client, boolean unknownCaller, List<Callback> callbacks, String priority,
		@Nullable Script script, List<Passed> passed, long version) {

	/** The reason of a transfer target's pop. */
	public static final String TRANSFERRED = "TRANSFERRED";

	/** Where the call is, as this person sees it. */
	public enum State {

		RINGING, ANSWERED, ENDED, MISSED, WITHDRAWN;

		/** The call is still on this person's screen: ringing or answered. */
		public boolean active() {
			return this == RINGING || this == ANSWERED;
		}

	}

	public Pop {
		callbacks = callbacks == null ? List.of() : List.copyOf(callbacks);
		priority = priority == null ? Priority.NORMAL.name() : priority;
		passed = passed == null ? List.of() : List.copyOf(passed);
	}

	/** The same pop, another version. */
	Pop withVersion(long version) {
		return new Pop(callId, state, reason, callerNumber, routedTo, ringingAt, answeredAt, endedAt, answeredBy,
				client, unknownCaller, callbacks, priority, script, passed, version);
	}

	Pop with(State state, Instant at, @Nullable String answeredBy) {
		return new Pop(callId, state, reason, callerNumber, routedTo, ringingAt,
				state == State.ANSWERED ? at : answeredAt,
				state == State.ENDED || state == State.MISSED || state == State.WITHDRAWN ? at : endedAt,
				answeredBy == null ? this.answeredBy : answeredBy, client, unknownCaller, callbacks, priority, script,
				passed, version + 1);
	}

	/**
	 * The same call on another person's screen (a transfer target), as a new pop of
	 * theirs.
	 */
	Pop forTransferTarget(String login, State state, Instant at) {
		return new Pop(callId, state, TRANSFERRED, callerNumber, login, at, state == State.ANSWERED ? at : null, null,
				state == State.ANSWERED ? login : null, client, unknownCaller, callbacks, priority, script, passed, 1);
	}

}

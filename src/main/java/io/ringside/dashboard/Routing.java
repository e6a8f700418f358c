package io.ringside.dashboard;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.ringside.clients.CallerMatch;
import io.ringside.routing.RouteDecided;

/**
 * Where Ringside sent a call and who is calling.
 *
 * @param login the employee of a single target; null for a group or nobody
 * @param name the employee's name; null when the team shown has it
 * @param clientId the calling client; null for an unknown number
 * @param ownerLogin the client's owner
 */
record Routing(String callId, Instant at, @Nullable String callerNumber, String reason, String target,
		@Nullable String login, @Nullable String name, @Nullable Long clientId, @Nullable String clientName,
		@Nullable String ownerLogin) {

	Routing {
		Objects.requireNonNull(callId, "callId");
		Objects.requireNonNull(at, "at");
	}

	/**
	 * A routing of this instance, with the client's name and owner as the router read
	 * them.
	 */
	static Routing of(RouteDecided decided, @Nullable String name) {
		CallerMatch caller = decided.caller();
		return new Routing(decided.request().callId(), decided.at(), decided.request().callerNumber(),
				decided.decision().reason().name(), decided.decision().target(), decided.decision().employeeLogin(),
				name, decided.decision().clientId(), caller == null ? null : caller.clientName(),
				caller == null ? null : caller.owner().login());
	}

}

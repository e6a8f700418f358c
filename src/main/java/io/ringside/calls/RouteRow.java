package io.ringside.calls;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.ringside.routing.RouteDecided;

/**
 * A route decision as it is stored ({@code route_decisions}), one row per decision,
 * unique on the call, the time and the attempt. Its own flat shape, so that what waits in
 * the stream does not change with the routing's types.
 */
record RouteRow(String callId, Instant decidedAt, String attempt, @Nullable String callerNumber, String target,
		String reason, @Nullable String employeeLogin, @Nullable Long clientId, long tookMicros) implements Recordable {

	static RouteRow of(RouteDecided decided) {
		return new RouteRow(decided.request().callId(), decided.at(), decided.request().attempt().name(),
				decided.request().callerNumber(), decided.decision().target(), decided.decision().reason().name(),
				decided.decision().employeeLogin(), decided.decision().clientId(), decided.took().toNanos() / 1_000);
	}

}

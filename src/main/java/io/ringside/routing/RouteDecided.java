package io.ringside.routing;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.ringside.clients.CallerMatch;

/**
 * Ringside told the PBX where a call goes. Published for every answer, FALLBACK included.
 *
 * @param caller the calling client and its owner as the decision read them; null for an
 * unknown number and for a FALLBACK (so that whoever shows the decision need not read
 * them again)
 * @param took how long the decision took, from the request to the answer
 */
public record RouteDecided(RouteRequest request, RouteDecision decision, @Nullable CallerMatch caller, Instant at,
		Duration took) {
}

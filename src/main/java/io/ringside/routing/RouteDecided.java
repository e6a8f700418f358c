package io.ringside.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * Ringside told the PBX where a call goes. Published for every answer, FALLBACK included.
 *
 * @param took how long the decision took, from the request to the answer
 */
public record RouteDecided(RouteRequest request, RouteDecision decision, Instant at, Duration took) {
}

package io.ringside.dashboard;

import java.time.Instant;

/**
 * An open callback as the board counts it: when it is due, and the tier of the rules of
 * work its deadline came from.
 */
record OpenCallback(Instant due, String tier) {
}

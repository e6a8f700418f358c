/**
 * Who is there to take a call: each employee's availability (set by them, expiring to
 * OFFLINE unless refreshed) and each phone's device state as the PBX reports it, both
 * kept in Redis so every Ringside instance sees the same. An employee with a page open is
 * present: presence follows the STOMP sessions push announces, and serves
 * {@code /app/presence} through push.
 */
@NullMarked
package io.ringside.presence;

import org.jspecify.annotations.NullMarked;

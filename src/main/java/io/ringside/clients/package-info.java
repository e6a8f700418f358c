/**
 * Clients, each owned by exactly one manager: their contacts and numbers, the append-only
 * history, the card a pop shows, the figures behind it, reassignment, and the caller
 * directory that finds a client by the calling number.
 */
@NullMarked
package io.ringside.clients;

import org.jspecify.annotations.NullMarked;

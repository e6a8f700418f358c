/**
 * Where the data lives: PostgreSQL (an external server, or an embedded one for the demo)
 * with the Flyway migrations that always run before the first query, and Redis (external,
 * or embedded for the demo) with the prefix of every key; and the engine of the in-memory
 * mirrors ({@code Mirror}: listen, read everything, apply in order, serve) with its
 * change feeds (PostgreSQL LISTEN/NOTIFY, Redis pub/sub) and echo marks.
 */
@NullMarked
package io.ringside.database;

import org.jspecify.annotations.NullMarked;

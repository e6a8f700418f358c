/**
 * Where the data lives: PostgreSQL (an external server, or an embedded one for the demo) with the Flyway
 * migrations that always run before the first query, and Redis (external, or embedded for the demo); and the shared
 * pieces of the in-memory mirrors: a change feed (PostgreSQL LISTEN/NOTIFY, Redis pub/sub) and echo marks.
 */
package io.ringside.database;

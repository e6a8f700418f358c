/**
 * Where the data lives: PostgreSQL (an external server, or an embedded one for the demo) with the Flyway
 * migrations that always run before the first query, and Redis (external, or embedded for the demo).
 */
package io.ringside.database;

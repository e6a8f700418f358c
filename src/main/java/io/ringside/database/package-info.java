/**
 * Where the data lives: the PostgreSQL connection (an external server, or an embedded one for the demo) and
 * the Flyway migrations that always run before the first query.
 */
package io.ringside.database;

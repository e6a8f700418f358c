package io.ringside.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL that Ringside starts when no {@code spring.r2dbc.url} is configured.
 *
 * @param dataDir where it keeps its files; the same folder on the next start keeps the demo's data
 */
@ConfigurationProperties("ringside.embedded-postgres")
record EmbeddedPostgresProperties(@DefaultValue(".ringside/postgres") Path dataDir) {
}

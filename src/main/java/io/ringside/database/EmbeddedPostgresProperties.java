package io.ringside.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL that Ringside starts when no {@code spring.r2dbc.url} is
 * configured and it is asked for.
 *
 * @param enabled whether to start it without {@code spring.r2dbc.url}; the demo profile
 * sets it, elsewhere Ringside refuses to start without a database
 * @param dataDir where it keeps its files; the same folder on the next start keeps the
 * demo's data
 */
@ConfigurationProperties("ringside.embedded-postgres")
record EmbeddedPostgresProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue(".ringside/postgres") Path dataDir) {
}

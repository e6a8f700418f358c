package io.ringside.database;

import io.r2dbc.spi.ConnectionFactoryOptions;
import org.jspecify.annotations.Nullable;

/**
 * Where one PostgreSQL database is, in the terms both drivers understand: R2DBC for the
 * application and JDBC for Flyway's migrations.
 */
record DatabaseCoordinates(String host, int port, String database, @Nullable String user, @Nullable String password) {

	private static final int DEFAULT_PORT = 5432;

	/**
	 * Reads an R2DBC URL such as
	 * {@code r2dbc:pool:postgresql://user:secret@db:5432/ringside}; an explicit user or
	 * password (Spring's {@code spring.r2dbc.username}/{@code password}) wins over the
	 * one inside the URL.
	 */
	static DatabaseCoordinates fromR2dbcUrl(String url, @Nullable String user, @Nullable String password) {
		ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(url);
		Object port = options.getValue(ConnectionFactoryOptions.PORT);
		Object urlUser = options.getValue(ConnectionFactoryOptions.USER);
		Object urlPassword = options.getValue(ConnectionFactoryOptions.PASSWORD);
		Object database = options.getValue(ConnectionFactoryOptions.DATABASE);
		return new DatabaseCoordinates(String.valueOf(options.getRequiredValue(ConnectionFactoryOptions.HOST)),
				port == null ? DEFAULT_PORT : Integer.parseInt(String.valueOf(port)),
				database == null ? "postgres" : String.valueOf(database),
				firstNonBlank(user, urlUser == null ? null : String.valueOf(urlUser)),
				firstNonBlank(password, urlPassword == null ? null : String.valueOf(urlPassword)));
	}

	String jdbcUrl() {
		return "jdbc:postgresql://" + host + ":" + port + "/" + database;
	}

	String r2dbcPoolUrl() {
		return "r2dbc:pool:postgresql://" + host + ":" + port + "/" + database;
	}

	private static @Nullable String firstNonBlank(@Nullable String preferred, @Nullable String fallback) {
		return preferred != null && !preferred.isBlank() ? preferred : fallback;
	}

}

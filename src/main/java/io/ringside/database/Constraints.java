package io.ringside.database;

import java.util.Optional;

import io.r2dbc.postgresql.api.PostgresqlException;

/** Reads which database constraint refused a write, so the API can say what clashed. */
public final class Constraints {

	private Constraints() {
	}

	/** The name of the constraint that refused the write, when PostgreSQL named one. */
	public static Optional<String> violated(Throwable error) {
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (t instanceof PostgresqlException pg) {
				return pg.getErrorDetails().getConstraintName();
			}
		}
		return Optional.empty();
	}

	public static boolean is(Throwable error, String constraint) {
		return violated(error).filter(constraint::equals).isPresent();
	}

}

package io.ringside.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseCoordinatesTests {

	@Test
	void readsThePooledUrlWithItsUserAndGivesTheJdbcUrlForFlyway() {
		DatabaseCoordinates coordinates = DatabaseCoordinates
			.fromR2dbcUrl("r2dbc:pool:postgresql://crm:s3cret@db.internal:5433/ringside", null, null);
		assertThat(coordinates.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/ringside");
		assertThat(coordinates.user()).isEqualTo("crm");
		assertThat(coordinates.password()).isEqualTo("s3cret");
	}

	@Test
	void explicitUserAndPasswordWinAndThePortDefaultsTo5432() {
		DatabaseCoordinates coordinates = DatabaseCoordinates.fromR2dbcUrl("r2dbc:postgresql://db/crm", "app", "pw");
		assertThat(coordinates.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/crm");
		assertThat(coordinates.user()).isEqualTo("app");
		assertThat(coordinates.password()).isEqualTo("pw");
	}

}

package io.ringside.database;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import io.ringside.RingsideApplication;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outside the demo, Ringside without {@code spring.r2dbc.url} stops at start and says
 * what to set (issue #12), rather than running on an embedded PostgreSQL nobody backs up;
 * the demo profile, or {@code ringside.embedded-postgres.enabled=true}, asks for the
 * embedded one ({@code DemoIntegrationTests} starts it). It stops before any bean is
 * made, so no server, embedded or not, is started.
 */
class MissingDatabaseTests {

	@Test
	void withoutADatabaseRingsideStopsAtStartNamingTheSetting() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(RingsideApplication.class).run("--spring.r2dbc.url=",
				"--server.port=0", "--spring.main.banner-mode=off"))
			.hasMessageContaining("spring.r2dbc.url")
			.hasMessageContaining("ringside.embedded-postgres.enabled=true");
	}

}

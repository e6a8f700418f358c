package io.ringside.database;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.support.IntegrationTest;

class MigrationsIntegrationTests extends IntegrationTest {

	@Autowired
	DatabaseClient db;

	@Test
	void migrationsRunBeforeTheFirstQueryEvenThoughR2dbcLeavesNoDataSource() {
		db.sql("select count(*) as applied from flyway_schema_history where success")
			.map(row -> row.get("applied", Long.class))
			.one()
			.as(StepVerifier::create)
			.assertNext(applied -> assertThat(applied).isGreaterThanOrEqualTo(1))
			.verifyComplete();
		db.sql("select to_regclass('public.interactions') is not null as present")
			.map(row -> row.get("present", Boolean.class))
			.one()
			.as(StepVerifier::create)
			.expectNext(true)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

}

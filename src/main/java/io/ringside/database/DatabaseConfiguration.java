package io.ringside.database;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Objects;

import io.r2dbc.spi.ConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.r2dbc.ConnectionFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Chooses the database and makes sure its schema is migrated before anything queries it.
 * <p>
 * With {@code spring.r2dbc.url} set, Ringside uses that server. Without it, the demo
 * profile (or {@code ringside.embedded-postgres.enabled=true}) starts an embedded
 * PostgreSQL whose files live under {@code ringside.embedded-postgres.data-dir}, so the
 * demo needs no server and keeps its data across restarts; anywhere else Ringside stops
 * at start with a message naming {@code spring.r2dbc.url}, rather than running a
 * production on a private database by mistake. Either way Flyway runs over JDBC before
 * the first R2DBC query: Spring Boot would otherwise skip Flyway silently, because with
 * R2DBC on the classpath it creates no JDBC DataSource.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
class DatabaseConfiguration {

	private static final Log log = LogFactory.getLog(DatabaseConfiguration.class);

	static final String R2DBC_URL = "spring.r2dbc.url";

	static final String EMBEDDED_ENABLED = "ringside.embedded-postgres.enabled";

	@Configuration(proxyBeanMethods = false)
	@Conditional(EmbeddedDatabase.class)
	static class Embedded {

		@Bean(destroyMethod = "close")
		EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
			Files.createDirectories(properties.dataDir());
			log.info("No spring.r2dbc.url configured: starting an embedded PostgreSQL with its data in "
					+ properties.dataDir().toAbsolutePath());
			return EmbeddedPostgres.builder()
				.setDataDirectory(properties.dataDir())
				.setCleanDataDirectory(false)
				.start();
		}

		@Bean
		DatabaseCoordinates databaseCoordinates(EmbeddedPostgres postgres) {
			return new DatabaseCoordinates("localhost", postgres.getPort(), "postgres", "postgres", null);
		}

		@Bean
		ConnectionFactory connectionFactory(DatabaseCoordinates coordinates) {
			// The coordinates are the ones above, which always name the user.
			String user = Objects.requireNonNull(coordinates.user(), "the embedded database's user");
			return ConnectionFactoryBuilder.withUrl(coordinates.r2dbcPoolUrl()).username(user).build();
		}

	}

	/**
	 * Stops the start-up before any bean is made when no database is configured and the
	 * embedded one is not asked for.
	 */
	@Bean
	@Conditional(NoDatabase.class)
	static BeanFactoryPostProcessor noDatabaseConfigured() {
		return beanFactory -> {
			throw new IllegalStateException("No database: set spring.r2dbc.url (e.g. SPRING_R2DBC_URL="
					+ "r2dbc:postgresql://db:5432/ringside) with spring.r2dbc.username and .password; the embedded "
					+ "PostgreSQL is for the demo profile or " + EMBEDDED_ENABLED + "=true");
		};
	}

	/**
	 * The migrations' target when a server is configured: {@code spring.flyway.url} if
	 * given, else the server of {@code spring.r2dbc.url}.
	 */
	@Bean
	@Conditional(DatabaseConfigured.class)
	DatabaseCoordinates configuredDatabaseCoordinates(Environment env) {
		return DatabaseCoordinates.fromR2dbcUrl(env.getRequiredProperty(R2DBC_URL),
				env.getProperty("spring.r2dbc.username"), env.getProperty("spring.r2dbc.password"));
	}

	@Bean
	Flyway flyway(DatabaseCoordinates coordinates, Environment env) {
		String url = env.getProperty("spring.flyway.url", coordinates.jdbcUrl());
		@Nullable String user = property(env, "spring.flyway.user", coordinates.user());
		@Nullable String password = property(env, "spring.flyway.password", coordinates.password());
		return Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load();
	}

	/**
	 * Runs the migrations while the context starts, on the starting thread, before the
	 * web server opens.
	 */
	@Bean
	FlywayMigrationInitializer flywayMigrationInitializer(Flyway flyway) {
		return new FlywayMigrationInitializer(flyway);
	}

	/** A property, else the fallback, which may be absent too. */
	private static @Nullable String property(Environment env, String key, @Nullable String fallback) {
		String value = env.getProperty(key);
		return value != null ? value : fallback;
	}

	private static boolean isConfigured(Environment env) {
		return StringUtils.hasText(env.getProperty(R2DBC_URL));
	}

	private static boolean embeddedAskedFor(Environment env) {
		return env.getProperty(EMBEDDED_ENABLED, Boolean.class, false);
	}

	static final class EmbeddedDatabase implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !isConfigured(context.getEnvironment()) && embeddedAskedFor(context.getEnvironment());
		}

	}

	static final class NoDatabase implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !isConfigured(context.getEnvironment()) && !embeddedAskedFor(context.getEnvironment());
		}

	}

	static final class DatabaseConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return isConfigured(context.getEnvironment());
		}

	}

}

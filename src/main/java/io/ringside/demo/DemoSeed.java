package io.ringside.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.StringUtils;

import io.ringside.clients.PhoneNumbers;
import io.ringside.demo.DemoCompany.Member;
import io.ringside.team.Employees;
import io.ringside.team.Role;

/**
 * Seeds the demo company into a database that has no employees yet, and says where to
 * open Ringside once the web server is up. Exists only with
 * {@code ringside.demo.enabled=true}, so a normal start never has demo logins.
 * <p>
 * It seeds once every bean exists (so the migrations have run) and before the web server
 * opens, so nobody signs in to a half-made company; {@code FirstAdmin} runs later and
 * finds the demo's {@code admin}. A restart on the same data keeps it and seeds nothing:
 * the check and the whole seed run in one transaction that first locks the employees
 * table, so two instances starting on one database cannot both seed.
 */
@Component
@ConditionalOnBooleanProperty("ringside.demo.enabled")
class DemoSeed implements SmartInitializingSingleton {

	private static final Log log = LogFactory.getLog(DemoSeed.class);

	private static final Duration SEED_TIMEOUT = Duration.ofMinutes(2);

	private final DatabaseClient db;

	private final CompanyWriter writer;

	private final PhoneNumbers phoneNumbers;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private final Environment environment;

	private volatile boolean seeded;

	DemoSeed(DatabaseClient db, Employees employees, PhoneNumbers phoneNumbers, ReactiveTransactionManager transactions,
			ObjectProvider<Clock> clock, Environment environment) {
		this.db = db;
		this.writer = new CompanyWriter(db, employees);
		this.phoneNumbers = phoneNumbers;
		this.transaction = TransactionalOperator.create(transactions);
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long started = System.nanoTime();
		// Start-up runs on the main thread, not an event loop: waiting here means the
		// demo is complete before the
		// web server opens, and a failed seed stops the start instead of leaving half a
		// demo.
		DemoCompany company = seedIfEmpty().block(SEED_TIMEOUT);
		if (company != null) {
			seeded = true;
			log.info("Seeded the demo company in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms: "
					+ company.team().size() + " employees, " + company.clients().size() + " clients, "
					+ company.products().size() + " products, " + company.orders().size() + " orders, "
					+ company.history().size() + " history entries");
		}
		else {
			log.info("The database already has employees: kept its data and seeded nothing");
		}
	}

	/** The company written, or empty when the database already had employees. */
	Mono<DemoCompany> seedIfEmpty() {
		Mono<Boolean> hasEmployees = db.sql("select exists (select 1 from employees) as taken")
			.map(row -> row.get("taken", Boolean.class))
			.one();
		// libphonenumber reads its metadata files on first use: blocking I/O, so it runs
		// on bounded-elastic.
		Mono<DemoCompany> generated = Mono
			.fromCallable(() -> DemoCompany.generate(DemoCompany.SEED, clock.instant(), phoneNumbers))
			.subscribeOn(Schedulers.boundedElastic());
		return db.sql("lock table employees in share row exclusive mode")
			.then()
			.then(hasEmployees)
			.filter(taken -> !taken)
			.flatMap(empty -> generated)
			.flatMap(company -> writer.write(company).thenReturn(company))
			.as(transaction::transactional);
	}

	@EventListener
	void announce(ApplicationReadyEvent event) {
		String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
		// No "(away)" next to DemoCompany.AWAY_MANAGER yet: nothing marks anyone away
		// until presence exists.
		String managers = DemoCompany.managers().stream().map(Member::login).collect(Collectors.joining(", "));
		StringBuilder text = new StringBuilder("\n\n  Ringside demo is ready: open ").append(base)
			.append("\n  API docs: ")
			.append(base)
			.append("/swagger-ui.html")
			.append("\n  Try: curl -u head:")
			.append(DemoCompany.PASSWORD)
			.append(' ')
			.append(base)
			.append("/api/clients?size=3")
			.append("\n  Logins, all with the password \"")
			.append(DemoCompany.PASSWORD)
			.append("\":")
			.append("\n    head of sales  ")
			.append(login(Role.HEAD_OF_SALES))
			.append("\n    managers       ")
			.append(managers)
			.append("\n    supervisor     ")
			.append(login(Role.SUPERVISOR))
			.append("\n    warehouse      ")
			.append(login(Role.WAREHOUSE))
			.append("\n    admin          ")
			.append(login(Role.ADMIN));
		if (!seeded) {
			text.append("\n  (The data was already there: these logins exist if an earlier demo start seeded it.)");
		}
		String dataDir = environment.getProperty("ringside.embedded-postgres.data-dir");
		if (!StringUtils.hasText(environment.getProperty("spring.r2dbc.url")) && dataDir != null) {
			text.append("\n  The data stays in ")
				.append(Path.of(dataDir).toAbsolutePath())
				.append("; delete that folder to start afresh.");
		}
		log.info(text.append('\n'));
	}

	private static String login(Role role) {
		return DemoCompany.TEAM.stream()
			.filter(m -> m.role() == role)
			.map(m -> m.login() + " (" + m.fullName() + ")")
			.collect(Collectors.joining(", "));
	}

}

package io.ringside.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.presence.Availability;
import io.ringside.presence.Presence;
import io.ringside.presence.PresenceSettings;
import io.ringside.shared.Failures;
import io.ringside.simulator.PbxSimulator;
import io.ringside.team.Employees;

/**
 * Makes the demo live: the demo team is present (all available but
 * {@link DemoCompany#AWAY_MANAGER}, who is away), kept so while the demo runs; the
 * simulated phones follow presence; and the simulated PBX brings a steady stream of calls
 * from the company's clients (and a few strangers), one every
 * {@code ringside.demo.call-interval}, and, one every
 * {@code ringside.demo.queue-call-interval}, calls to the sales queue as a FreePBX system
 * plays them ({@link DemoQueueCalls}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = { "ringside.demo.enabled" }, havingValue = "true")
class DemoTraffic {

	@Bean
	DemoPhones demoPhones() {
		return new DemoPhones();
	}

	@Bean
	@ConditionalOnProperty(name = "ringside.pbx.mode", havingValue = "simulator")
	DemoCalls demoCalls(PbxSimulator simulator, DemoPhones phones, Presence presence, Employees employees,
			DatabaseClient db, PresenceSettings presenceSettings, Environment env) {
		return new DemoCalls(simulator, phones, presence, employees, db, presenceSettings,
				env.getProperty("ringside.demo.call-interval", Duration.class, Duration.ofSeconds(8)),
				env.getProperty("ringside.demo.queue-call-interval", Duration.class, Duration.ofSeconds(30)));
	}

	/**
	 * Starts when the application is ready (the demo is seeded by then), stops with it.
	 */
	static final class DemoCalls implements SmartLifecycle {

		private static final Log log = LogFactory.getLog(DemoCalls.class);

		private final PbxSimulator simulator;

		private final DemoPhones phones;

		private final Presence presence;

		private final Employees employees;

		private final DatabaseClient db;

		private final PresenceSettings presenceSettings;

		private final Duration interval;

		private final Duration queueInterval;

		private final Disposable.Composite running = Disposables.composite();

		private volatile boolean started;

		DemoCalls(PbxSimulator simulator, DemoPhones phones, Presence presence, Employees employees, DatabaseClient db,
				PresenceSettings presenceSettings, Duration interval, Duration queueInterval) {
			this.simulator = simulator;
			this.phones = phones;
			this.presence = presence;
			this.employees = employees;
			this.db = db;
			this.presenceSettings = presenceSettings;
			this.interval = interval;
			this.queueInterval = queueInterval;
		}

		@EventListener(ApplicationReadyEvent.class)
		void ready() {
			simulator.phones(phones);
			Duration refresh = presenceSettings.ttl().dividedBy(3);
			running.add(Flux.interval(Duration.ZERO, refresh)
				.onBackpressureDrop()
				.concatMap(tick -> keepTeamPresent()
					.onErrorResume(Failures.skip(log, () -> "Demo presence not refreshed")))
				.subscribe());
			running.add(Flux.interval(Duration.ZERO, Duration.ofSeconds(2))
				.onBackpressureDrop()
				.concatMap(tick -> snapshot().onErrorResume(error -> Mono.empty()))
				.subscribe(phones::update));
			running
				.add(callers().flatMapMany(numbers -> simulator.traffic(numbers, interval, 6, Duration.ofSeconds(30)))
					.subscribe(call -> log.debug("Demo call " + call.linkedid()),
							error -> log.warn("Demo calls stopped: " + error)));
			running
				.add(callers().zipWith(employees.all().filter(e -> e.extension() != null && e.active()).collectList())
					.flatMapMany(both -> new DemoQueueCalls(simulator, both.getT1(), both.getT2()).every(queueInterval))
					.subscribe(call -> log.debug("Demo queue call " + call.linkedid()),
							error -> log.warn("Demo queue calls stopped: " + error)));
			log.info("Demo calls: one every " + interval.toSeconds() + " s from the company's clients; "
					+ DemoCompany.AWAY_MANAGER + " is away, so her clients' calls go to the head of sales; "
					+ "a call to the sales queue every " + queueInterval.toSeconds() + " s");
		}

		/**
		 * Everyone who takes calls is AVAILABLE, but the away manager. Only the team's
		 * own status is touched.
		 */
		private Mono<Void> keepTeamPresent() {
			return employees.all()
				.filter(employee -> employee.extension() != null && employee.active())
				.concatMap(employee -> presence.set(employee.login(),
						DemoCompany.AWAY_MANAGER.equals(employee.login()) ? Availability.AWAY : Availability.AVAILABLE))
				.then();
		}

		private Mono<Map<String, Availability>> snapshot() {
			return employees.all()
				.filter(employee -> employee.extension() != null)
				.flatMap(employee -> presence.availability(employee.login()).map(status -> Map.entry(employee, status)),
						4)
				.collectMap(entry -> entry.getKey().extension(), Map.Entry::getValue, HashMap::new);
		}

		/**
		 * Numbers of 8 clients of every owner, taken in turn owner by owner (so each
		 * manager's clients call about every six calls: a manager who signs in sees a pop
		 * within a minute), and a few that belong to nobody.
		 */
		private Mono<List<String>> callers() {
			return db.sql("select e164 from (select p.e164, c.owner_id, "
					+ "row_number() over (partition by c.owner_id order by md5(p.e164)) as n "
					+ "from phone_numbers p join clients c on c.id = p.client_id "
					+ "where p.contact_id is null and c.archived_at is null) numbered where n <= 8 order by n, owner_id")
				.map(row -> row.get("e164", String.class))
				.all()
				.collectList()
				.map(known -> {
					List<String> all = new ArrayList<>(known);
					all.add(4, "+74957770011");
					all.add(11, "+79161230042");
					return all;
				});
		}

		@Override
		public void start() {
			started = true;
		}

		@Override
		public void stop() {
			running.dispose();
			started = false;
		}

		@Override
		public boolean isRunning() {
			return started;
		}

	}

}

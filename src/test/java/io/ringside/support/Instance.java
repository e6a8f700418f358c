package io.ringside.support;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ringside.RingsideApplication;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.support.TestServices.PostgresService;

/**
 * Another whole Ringside instance in the test's JVM, which the test starts and closes
 * itself (its own Spring context, never one cached between tests): on the test PostgreSQL
 * and Redis that {@link TestServices} chose, under this run's key prefix, on random
 * ports, with its own PBX simulator and the tests' lead line, and with {@link TestData}
 * and {@link CallScenes} to make rows and scenes on it. Started and used from the test
 * thread.
 */
public final class Instance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private Instance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an instance and returns once it is up; {@code settings}
	 * ({@code --name=value}) come after the defaults and win over them. They are
	 * command-line arguments, so they also win over {@code application.yml} (its port).
	 */
	public static Instance start(String... settings) {
		return new Instance(new SpringApplicationBuilder(RingsideApplication.class, TestData.class, CallScenes.class)
			.run(arguments(settings).toArray(String[]::new)));
	}

	/**
	 * The defaults then {@code settings}, as the {@code --name=value} arguments of an
	 * instance: what {@link #start} gives one, and what a test that runs Ringside in a
	 * process of its own passes on its command line.
	 */
	public static List<String> arguments(String... settings) {
		PostgresService postgres = TestServices.postgres();
		Map<String, String> arguments = new LinkedHashMap<>();
		arguments.put("spring.r2dbc.url", postgres.r2dbcUrl());
		arguments.put("spring.r2dbc.username", postgres.user());
		arguments.put("spring.r2dbc.password", postgres.password() == null ? "" : postgres.password());
		arguments.put("spring.data.redis.url", TestServices.redis());
		arguments.put("ringside.redis.key-prefix", TestServices.REDIS_KEY_PREFIX);
		arguments.put("server.port", "0");
		arguments.put("ringside.pbx.agi.port", "0");
		arguments.put("ringside.pbx.mode", "simulator");
		arguments.put("ringside.routing.lead-line", TestData.LEAD_LINE);
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			if (!setting.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Not a --name=value setting: " + setting);
			}
			arguments.put(setting.substring(2, equals), setting.substring(equals + 1));
		}
		return arguments.entrySet()
			.stream()
			.map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
			.toList();
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	/** The port its web server listens on. */
	public int port() {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/** Where a page opens its live connection (STOMP over WebSocket) on this instance. */
	public URI stomp() {
		return URI.create("ws://localhost:" + port() + "/ws");
	}

	/** A web client of this instance, not signed in. */
	public WebTestClient anonymous() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port()).build();
	}

	/**
	 * A head of sales, and a client whose manager is available; every phone answers after
	 * 200 ms. Waits for this instance's PBX connection and returns a short call (300 ms
	 * of talk) from the client.
	 */
	public InboundCall shortCallFromAClient() {
		CallScene scene = bean(CallScenes.class).aClient()
			.ownerAvailable()
			.everyPhone(PhoneBehaviour.answersAfter(Duration.ofMillis(200)))
			.ready();
		return InboundCall.from(scene.number()).talkingFor(Duration.ofMillis(300));
	}

	/**
	 * Calls handed over (to the Redis Stream) and not yet recorded in PostgreSQL, by its
	 * gauge.
	 */
	public double pending() {
		return bean(MeterRegistry.class).get("ringside.calls.pending").gauge().value();
	}

	@Override
	public void close() {
		context.close();
	}

}

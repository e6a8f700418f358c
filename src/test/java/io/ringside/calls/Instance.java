package io.ringside.calls;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ringside.RingsideApplication;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.support.CallScene;
import io.ringside.support.CallScenes;
import io.ringside.support.TestData;
import io.ringside.support.TestServices;
import io.ringside.support.TestServices.PostgresService;

/**
 * A whole Ringside instance that a fault test starts and stops itself (the test's own Spring context, not one cached
 * between tests), on the test PostgreSQL (or a proxy in front of it) and Redis, with {@link TestData} to make rows.
 */
final class Instance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private Instance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts an instance; {@code settings} ({@code --name=value}) come after the defaults and win over them. */
	static Instance start(String... settings) {
		PostgresService postgres = TestServices.postgres();
		Map<String, String> arguments = new LinkedHashMap<>();
		arguments.put("spring.r2dbc.url", postgres.r2dbcUrl());
		arguments.put("spring.r2dbc.username", postgres.user());
		arguments.put("spring.r2dbc.password", postgres.password() == null ? "" : postgres.password());
		arguments.put("spring.data.redis.url", TestServices.redis());
		arguments.put("server.port", "0");
		arguments.put("ringside.pbx.agi.port", "0");
		arguments.put("ringside.pbx.mode", "simulator");
		arguments.put("ringside.pbx.ring-timeout", "PT2S");
		arguments.put("ringside.pbx.ami.reconnect-min", "PT0.2S");
		arguments.put("ringside.routing.lead-line", TestData.LEAD_LINE);
		arguments.put("ringside.calls.poll", "PT0.2S");
		arguments.put("ringside.calls.retry-max", "PT1S");
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			arguments.put(setting.substring(2, equals), setting.substring(equals + 1));
		}
		return new Instance(new SpringApplicationBuilder(RingsideApplication.class, TestData.class, CallScenes.class)
			.run(arguments.entrySet()
			.stream()
			.map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
			.toArray(String[]::new)));
	}

	/** The R2DBC URL of the test database reached through a proxy on {@code port} of the loopback address. */
	static String throughProxy(int port) {
		URI server = URI.create(TestServices.postgres().jdbcUrl().substring("jdbc:".length()));
		return "r2dbc:postgresql://127.0.0.1:" + port + server.getPath();
	}

	static URI postgresServer() {
		return URI.create(TestServices.postgres().jdbcUrl().substring("jdbc:".length()));
	}

	<T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	/** A web client of this instance, not signed in. */
	WebTestClient anonymous() {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
			.build();
	}

	/**
	 * A head of sales, and a client whose manager is available; every phone answers after 200 ms. Waits for this
	 * instance's PBX connection and returns a short call (300 ms of talk) from the client.
	 */
	InboundCall shortCallFromAClient() {
		CallScene scene = bean(CallScenes.class).aClient()
			.ownerAvailable()
			.everyPhone(PhoneBehaviour.answersAfter(Duration.ofMillis(200)))
			.ready();
		return InboundCall.from(scene.number()).talkingFor(Duration.ofMillis(300));
	}

	double pending() {
		return bean(MeterRegistry.class).get("ringside.calls.pending").gauge().value();
	}

	@Override
	public void close() {
		context.close();
	}

}

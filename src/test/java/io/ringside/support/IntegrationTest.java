package io.ringside.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the integration tests: the whole application on a random port, against the
 * PostgreSQL and Redis that {@link TestServices} chose. Tests share one database per JVM,
 * so each makes its own employees and clients through {@link TestData} and asserts only
 * on those. A request may take up to 30 s before the client gives up: the first ones of a
 * context on a loaded machine took longer than the default 5 s, and no test measures
 * speed through it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
@Import({ TestData.class, CallScenes.class })
public abstract class IntegrationTest {

	@Autowired
	protected WebTestClient web;

	@Autowired
	protected TestData data;

	/** The usual people and phones of a call test, see {@link CallScene}. */
	@Autowired
	protected CallScenes scenes;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		TestServices.registerPostgres(registry);
		TestServices.registerRedis(registry);
		registry.add("ringside.pbx.agi.port", () -> "0");
		registry.add("ringside.pbx.mode", () -> "simulator");
		registry.add("ringside.pbx.ring-timeout", () -> "PT2S");
		registry.add("ringside.pbx.ami.reconnect-min", () -> "PT0.2S");
		// Often, so that every test also shows that reconciling never ends a call the PBX
		// still has.
		registry.add("ringside.pbx.ami.reconcile-interval", () -> "PT1S");
		registry.add("ringside.routing.lead-line", () -> TestData.LEAD_LINE);
		// The simulator records answered calls there, and Ringside plays them from there.
		registry.add("ringside.recordings.directory", () -> TestServices.recordings().toString());
	}

	/** The client signed in as this login, with the password every test employee has. */
	protected WebTestClient as(String login) {
		return web.mutate().defaultHeaders(headers -> headers.setBasicAuth(login, TestData.PASSWORD)).build();
	}

}

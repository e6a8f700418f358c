package io.ringside.security;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ringside.RingsideApplication;
import io.ringside.support.TcpProxy;
import io.ringside.support.TestData;
import io.ringside.support.TestServices;
import io.ringside.support.TestServices.PostgresService;
import io.ringside.team.Employee;
import io.ringside.team.Role;

/**
 * Redis gone (issue #12): the throttle cannot count or read failures, and sign-in goes on without it rather than
 * locking everyone out; the password check stands. Ringside reaches Redis through a proxy that the test cuts.
 */
class SignInWithoutRedisIntegrationTests {

	private TcpProxy redis;

	private ConfigurableApplicationContext ringside;

	@BeforeEach
	void ringsideBehindARedisProxy() {
		URI server = URI.create(TestServices.redis());
		redis = new TcpProxy(server.getHost(), server.getPort());
		PostgresService postgres = TestServices.postgres();
		ringside = new SpringApplicationBuilder(RingsideApplication.class, TestData.class).run(
				"--spring.r2dbc.url=" + postgres.r2dbcUrl(), "--spring.r2dbc.username=" + postgres.user(),
				"--spring.r2dbc.password=" + (postgres.password() == null ? "" : postgres.password()),
				"--spring.data.redis.url=redis://127.0.0.1:" + redis.port(),
				"--ringside.redis.key-prefix=" + TestServices.REDIS_KEY_PREFIX + "sign-in-no-redis:",
				"--server.port=0", "--ringside.pbx.agi.port=0", "--ringside.pbx.mode=simulator",
				"--ringside.routing.lead-line=" + TestData.LEAD_LINE);
	}

	@AfterEach
	void stop() {
		if (ringside != null) {
			ringside.close();
		}
		redis.close();
	}

	@Test
	void withRedisGoneTheRightPasswordSignsInAndAWrongOneIsRefused() {
		Employee employee = ringside.getBean(TestData.class).employee(Role.MANAGER);
		WebTestClient client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + ringside.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(30))
			.build();

		redis.cut();

		for (int i = 0; i < 12; i++) {
			FromAddress.basic(client, employee.login(), "wrong-" + i).expectStatus().isUnauthorized();
		}
		FromAddress.basic(client, employee.login(), TestData.PASSWORD).expectStatus().isOk();
	}

}

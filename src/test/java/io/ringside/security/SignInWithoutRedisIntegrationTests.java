package io.ringside.security;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.web.reactive.server.WebTestClient;

import io.ringside.support.Closing;
import io.ringside.support.Instance;
import io.ringside.support.TcpProxy;
import io.ringside.support.TestData;
import io.ringside.support.TestServices;
import io.ringside.team.Employee;
import io.ringside.team.Role;

/**
 * Redis gone (issue #12): the throttle cannot count or read failures, and sign-in goes on
 * without it rather than locking everyone out; the password check stands. Ringside
 * reaches Redis through a proxy that the test cuts.
 */
class SignInWithoutRedisIntegrationTests {

	@RegisterExtension
	final Closing closing = new Closing();

	private TcpProxy redis;

	private Instance ringside;

	@BeforeEach
	void ringsideBehindARedisProxy() {
		redis = closing.add(TcpProxy.to(URI.create(TestServices.redis())));
		ringside = closing.add(Instance.start("--spring.data.redis.url=redis://127.0.0.1:" + redis.port(),
				"--ringside.redis.key-prefix=" + TestServices.REDIS_KEY_PREFIX + "sign-in-no-redis:"));
	}

	@Test
	void withRedisGoneTheRightPasswordSignsInAndAWrongOneIsRefused() {
		Employee employee = ringside.bean(TestData.class).employee(Role.MANAGER);
		WebTestClient client = ringside.anonymous().mutate().responseTimeout(Duration.ofSeconds(30)).build();

		redis.cut();

		for (int i = 0; i < 12; i++) {
			FromAddress.basic(client, employee.login(), "wrong-" + i).expectStatus().isUnauthorized();
		}
		FromAddress.basic(client, employee.login(), TestData.PASSWORD).expectStatus().isOk();
	}

}

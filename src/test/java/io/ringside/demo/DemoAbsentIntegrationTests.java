package io.ringside.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.ringside.support.IntegrationTest;

/**
 * A normal start, without the demo profile, has no demo company: none of its logins signs
 * in. ({@code admin} is left out: {@code FirstAdmin} may create one with another password
 * in a shared test database.)
 */
class DemoAbsentIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@ParameterizedTest
	@ValueSource(strings = { "head", "ivanov", "smirnova", "supervisor" })
	void demoLoginsAreRefusedOutsideTheDemo(String login) {
		web.get()
			.uri("/api/employees/me")
			.headers(headers -> headers.setBasicAuth(login, DemoCompany.PASSWORD))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void theDemoSeedIsNotEvenABeanOutsideTheDemo() {
		assertThat(context.getBeanProvider(DemoSeed.class).getIfAvailable()).isNull();
	}

}

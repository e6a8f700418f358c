package io.ringside.security;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed sign-ins are counted in Redis per login and per client address (issue #12): the
 * tenth failure within five minutes blocks the login, or the address, with 429 and
 * {@code Retry-After}, even for the right password, whether it comes through the form or
 * HTTP Basic; other logins and addresses sign in as before. Each test connects from
 * loopback addresses of its own ({@link FromAddress}).
 */
class SignInThrottleIntegrationTests extends IntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void tenFailuresOfALoginBlockItFromEveryAddressAndLeaveOtherLoginsAlone() {
		Employee target = data.employee(Role.MANAGER);
		Employee other = data.employee(Role.MANAGER);
		WebTestClient first = FromAddress.client("127.0.0.2", port);
		WebTestClient second = FromAddress.client("127.0.0.3", port);
		for (int i = 0; i < 9; i++) {
			FromAddress.basic(i % 2 == 0 ? first : second, target.login(), "wrong-" + i)
				.expectStatus()
				.isUnauthorized();
		}
		FromAddress.basic(first, target.login(), TestData.PASSWORD).expectStatus().isOk();

		FromAddress.basic(second, target.login(), "wrong-again").expectStatus().isUnauthorized();

		WebTestClient third = FromAddress.client("127.0.0.4", port);
		String retryAfter = FromAddress.basic(third, target.login(), TestData.PASSWORD)
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(HttpHeaders.RETRY_AFTER);
		assertThat(Integer.parseInt(retryAfter)).isBetween(290, 300);
		FromAddress.form(third, target.login(), TestData.PASSWORD)
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER);
		FromAddress.basic(third, other.login(), TestData.PASSWORD).expectStatus().isOk();
		FromAddress.basic(first, other.login(), TestData.PASSWORD).expectStatus().isOk();
		FromAddress.basic(second, other.login(), TestData.PASSWORD).expectStatus().isOk();
	}

	@Test
	void tenFailuresFromAnAddressBlockEveryLoginFromItButNotFromElsewhere() {
		Employee employee = data.employee(Role.MANAGER);
		WebTestClient attacker = FromAddress.client("127.0.0.5", port);
		for (int i = 0; i < 10; i++) {
			FromAddress.basic(attacker, "nobody-" + UUID.randomUUID(), "guess").expectStatus().isUnauthorized();
		}

		FromAddress.basic(attacker, employee.login(), TestData.PASSWORD)
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER);
		FromAddress.basic(FromAddress.client("127.0.0.6", port), employee.login(), TestData.PASSWORD)
			.expectStatus()
			.isOk();
	}

	@Test
	void failuresOfTheSignInFormCountAndBlockItAndHttpBasic() {
		Employee employee = data.employee(Role.SUPERVISOR);
		WebTestClient browser = FromAddress.client("127.0.0.7", port);
		FromAddress.form(browser, employee.login(), TestData.PASSWORD)
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/");
		for (int i = 0; i < 10; i++) {
			FromAddress.form(browser, employee.login(), "wrong-" + i)
				.expectStatus()
				.isFound()
				.expectHeader()
				.location("/login?error");
		}

		FromAddress.form(browser, employee.login(), TestData.PASSWORD)
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value(page -> assertThat(page).contains("Too many failed sign-ins"));
		FromAddress.basic(FromAddress.client("127.0.0.8", port), employee.login(), TestData.PASSWORD)
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void aDifferentSpellingOfTheLoginCountsAsTheSameLogin() {
		Employee employee = data.employee(Role.MANAGER);
		for (int i = 0; i < 10; i++) {
			String spelling = i % 2 == 0 ? employee.login().toUpperCase() : employee.login();
			FromAddress.basic(FromAddress.client("127.0.1." + (i + 1), port), spelling, "wrong")
				.expectStatus()
				.isUnauthorized();
		}

		FromAddress.basic(FromAddress.client("127.0.1.20", port), employee.login(), TestData.PASSWORD)
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

}

package io.ringside.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.ringside.clients.Client;
import io.ringside.support.Browsers;
import io.ringside.support.Browsers.Browser;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages and API answers carry a Content-Security-Policy without {@code unsafe-inline}
 * that forbids framing, and a Referrer-Policy (issue #12); every page works under that
 * policy in a real Chromium, which reports any script, style or connection the policy
 * blocks as a {@code securitypolicyviolation} event.
 */
class SecurityHeadersIntegrationTests extends IntegrationTest {

	/**
	 * Collects, in every page, what the policy blocked; injected by the browser, so not
	 * subject to the policy.
	 */
	private static final String RECORD_VIOLATIONS = """
			window.__violations = [];
			document.addEventListener('securitypolicyviolation',
			  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));
			""";

	@LocalServerPort
	int port;

	@Test
	void pagesRefusalsAndTheApiForbidInlineCodeAndFramingAndKeepTheReferrer() {
		for (String path : List.of("/login", "/console", "/assets/js/login.js", "/api/employees/me")) {
			web.get()
				.uri(path)
				.exchange()
				.expectHeader()
				.value("Content-Security-Policy",
						policy -> assertThat(policy)
							.contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
									"frame-ancestors 'none'", "object-src 'none'")
							.doesNotContain("unsafe-inline", "unsafe-eval", "*"))
				.expectHeader()
				.valueEquals("Referrer-Policy", "same-origin");
		}
		as(data.employee(Role.MANAGER).login()).get()
			.uri("/console")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists("Content-Security-Policy")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY");
	}

	@Test
	void everyPageRunsUnderThePolicyWithoutAViolation() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Client client = data.client(head, data.uniqueMoscowNumber());
		List<String> violations = new ArrayList<>();
		try (Browser browser = Browsers.open(port)) {
			browser.beforeEveryPage(RECORD_VIOLATIONS);
			browser.open("/login");
			browser.waitFor(By.id("login-form"));
			violations.addAll(violations(browser, "/login"));
			browser.signIn(head.login(), TestData.PASSWORD);
			violations.addAll(violations(browser, "/console"));
			for (String page : List.of("/clients", "/clients/" + client.id(), "/products", "/reports", "/warehouse",
					"/board", "/rules")) {
				browser.open(page);
				browser.waitFor(By.id("me-name"));
				violations.addAll(violations(browser, page));
			}
			browser.screenshot("security-headers-board");
		}
		assertThat(violations).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static List<String> violations(Browser browser, String page) {
		List<Object> found = (List<Object>) ((JavascriptExecutor) browser.driver())
			.executeScript("return window.__violations || [];");
		return found.stream().map(violation -> page + ": " + violation).toList();
	}

}

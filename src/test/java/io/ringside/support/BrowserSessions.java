package io.ringside.support;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.junit.jupiter.SpringExtension;

import io.ringside.support.Browsers.Browser;
import io.ringside.team.Employee;

/**
 * The browsers of one browser test, as a JUnit extension:
 * {@code @RegisterExtension final BrowserSessions browsers =
 * new BrowserSessions();} in an {@link IntegrationTest}, then {@link #open()} or
 * {@link #signedIn(Employee)}. After each test it leaves a screenshot of the last browser
 * opened (or the one {@link #screenshotLast(Browser) named}) as
 * {@code target/screenshots/<test method>.png} and closes them all, even when the
 * screenshot fails. Used on the test thread only.
 */
public final class BrowserSessions implements BeforeEachCallback, AfterEachCallback {

	private final List<Browser> opened = new ArrayList<>();

	private int port;

	private String testName;

	@Override
	public void beforeEach(ExtensionContext context) {
		testName = context.getRequiredTestMethod().getName();
		port = SpringExtension.getApplicationContext(context)
			.getEnvironment()
			.getRequiredProperty("local.server.port", Integer.class);
	}

	/** A fresh browser (no cookies) on the test's application. */
	public Browser open() {
		Browser browser = Browsers.open(port);
		opened.add(browser);
		return browser;
	}

	/**
	 * A fresh browser signed in as this employee (with {@link TestData#PASSWORD}), on the
	 * console.
	 */
	public Browser signedIn(Employee employee) {
		Browser browser = open();
		browser.signIn(employee.login(), TestData.PASSWORD);
		return browser;
	}

	/** The name of the running test's method, which the screenshot takes. */
	public String testName() {
		return testName;
	}

	/** This browser's page is the one the test's screenshot keeps. */
	public void screenshotLast(Browser browser) {
		opened.remove(browser);
		opened.add(browser);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		try {
			if (!opened.isEmpty()) {
				opened.get(opened.size() - 1).screenshot(testName);
			}
		}
		finally {
			opened.forEach(Browser::close);
			opened.clear();
		}
	}

}

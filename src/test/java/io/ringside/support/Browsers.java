package io.ringside.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.remote.Augmenter;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.selenium.BrowserWebDriverContainer;

/**
 * The one place where browser tests get their browser, once per test JVM (as
 * {@link TestServices} does for the databases):
 * <ol>
 * <li>the system's headless Chromium and its chromedriver when installed (Debian's
 * {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs):
 * {@code /usr/bin/chromedriver}, or the paths in {@code RINGSIDE_TEST_CHROMEDRIVER} and
 * {@code RINGSIDE_TEST_CHROMIUM};</li>
 * <li>else, when a Docker engine answers (a laptop), a Selenium Chrome container that
 * reaches the application on the host through Testcontainers' exposed host ports;</li>
 * <li>else Selenium Manager (inside {@code selenium-java}), as Selenium users expect: it
 * finds an installed Chrome or Chromium (the system's Chromium when it is there without
 * its driver) and downloads the matching driver, or downloads Chrome for Testing and its
 * driver, into {@code ~/.cache/selenium}; that needs the internet;</li>
 * <li>else the test fails and says what to install. Browser tests are never skipped.</li>
 * </ol>
 * Chromium runs with the flags a machine without internet needs: without them it waits on
 * background network requests and hangs.
 */
public final class Browsers {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--disable-dev-shm-usage", "--lang=en-US", "--window-size=1280,1000");

	private static BrowserWebDriverContainer container;

	private Browsers() {
	}

	/**
	 * A fresh browser (its own profile, so no cookies) pointed at the application on this
	 * local port.
	 */
	public static Browser open(int port) {
		Path driver = Path.of(env("RINGSIDE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
		Path chromium = Path.of(env("RINGSIDE_TEST_CHROMIUM", "/usr/bin/chromium"));
		return switch (source(Files.isExecutable(driver), Files.isExecutable(chromium), Browsers::dockerAvailable)) {
			case SYSTEM_CHROMIUM -> new Browser(systemChromium(driver, chromium), "http://localhost:" + port);
			case DOCKER -> new Browser(containerChrome(port), "http://host.testcontainers.internal:" + port);
			case SELENIUM_MANAGER -> new Browser(seleniumManagerChrome(driver, chromium), "http://localhost:" + port);
		};
	}

	/** Where the browser comes from, in the order of the list above. */
	enum Source {

		SYSTEM_CHROMIUM, DOCKER, SELENIUM_MANAGER

	}

	static Source source(boolean driverInstalled, boolean chromiumInstalled, BooleanSupplier docker) {
		if (driverInstalled && chromiumInstalled) {
			return Source.SYSTEM_CHROMIUM;
		}
		return docker.getAsBoolean() ? Source.DOCKER : Source.SELENIUM_MANAGER;
	}

	/**
	 * A browser and driver Selenium Manager finds or downloads. The system's Chromium,
	 * when it is there, is the browser (only its driver is missing); failing that, any
	 * Chrome Selenium Manager finds, or Chrome for Testing.
	 */
	private static WebDriver seleniumManagerChrome(Path driver, Path chromium) {
		ChromeOptions options = options();
		if (Files.isExecutable(chromium)) {
			options.setBinary(chromium.toFile());
		}
		try {
			options.addArguments("--user-data-dir=" + Files.createTempDirectory("ringside-chromium-"));
			return new ChromeDriver(options);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("No browser for the browser tests: found no " + driver + " and " + chromium
					+ ", no Docker engine, and Selenium Manager could not get Chrome and its driver (" + ex.getMessage()
					+ "). Install Debian's Chromium and its driver (apt-get install chromium chromium-driver), set "
					+ "RINGSIDE_TEST_CHROMEDRIVER and RINGSIDE_TEST_CHROMIUM to another Chromium and chromedriver, "
					+ "start Docker, or let Selenium Manager reach the internet.", ex);
		}
	}

	private static WebDriver systemChromium(Path driver, Path chromium) {
		ChromeOptions options = options();
		options.setBinary(chromium.toFile());
		try {
			options.addArguments("--user-data-dir=" + Files.createTempDirectory("ringside-chromium-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	private static synchronized WebDriver containerChrome(int port) {
		Testcontainers.exposeHostPorts(port);
		if (container == null) {
			container = new BrowserWebDriverContainer("selenium/standalone-chrome:latest");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		}
		return new RemoteWebDriver(container.getSeleniumAddress(), options());
	}

	private static ChromeOptions options() {
		ChromeOptions options = new ChromeOptions();
		options.addArguments(FLAGS);
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
		return options;
	}

	private static String env(String name, String otherwise) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? otherwise : value;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * A browser session and the address of the application as the browser reaches it. Its
	 * waits last at most {@link #WAIT} and look again when the page redraws what they
	 * were reading (a stale element).
	 */
	public record Browser(WebDriver driver, String baseUrl) implements AutoCloseable {

		public static final Duration WAIT = Duration.ofSeconds(30);

		public void open(String path) {
			driver.get(baseUrl + path);
		}

		/**
		 * Signs in through the sign-in form and waits for the console to show who is
		 * signed in.
		 */
		public void signIn(String login, String password) {
			open("/console");
			waitFor(By.id("login-form"));
			driver.findElement(By.id("username")).sendKeys(login);
			driver.findElement(By.id("password")).sendKeys(password);
			driver.findElement(By.id("login-submit")).click();
			waitFor(By.id("me-name"));
		}

		/** Waits until the page's live connection ({@code /ws}) is up. */
		public void liveConnectionUp() {
			waitFor(By.cssSelector("body[data-live='up']"));
		}

		/**
		 * The pop card of this call once it shows this state ({@code RINGING},
		 * {@code ANSWERED}, ...).
		 */
		public WebElement pop(String callId, String state) {
			return waitFor(By.cssSelector(".pop[data-call-id='" + callId + "'][data-state='" + state + "']"));
		}

		/** The condition's first value that is neither null nor false. */
		public <T> T until(Function<WebDriver, T> condition) {
			return waiting().until(condition);
		}

		/**
		 * The condition's first value that is neither null nor false; the message says
		 * what did not happen.
		 */
		public <T> T until(String message, Function<WebDriver, T> condition) {
			return waiting().withMessage(message).until(condition);
		}

		private WebDriverWait waiting() {
			WebDriverWait wait = new WebDriverWait(driver, WAIT);
			wait.ignoring(StaleElementReferenceException.class);
			return wait;
		}

		/** The element once it is visible. */
		public WebElement waitFor(By locator) {
			return until(ExpectedConditions.visibilityOfElementLocated(locator));
		}

		/**
		 * The element's text once it is there, read again if the page redraws it
		 * meanwhile.
		 */
		public String text(By locator) {
			return until(browser -> browser.findElement(locator).getText());
		}

		/**
		 * Saves what the page shows now as {@code target/screenshots/<name>.png}; returns
		 * the file.
		 */
		public Path screenshot(String name) {
			try {
				Files.createDirectories(SCREENSHOTS);
				Path file = SCREENSHOTS.resolve(name + ".png");
				Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
				Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
				return file;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * Runs this script in every page this browser opens from now on, before the
		 * page's own scripts.
		 */
		public void beforeEveryPage(String script) {
			WebDriver cdp = driver instanceof HasCdp ? driver : new Augmenter().augment(driver);
			((HasCdp) cdp).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
		}

		public void resize(int width, int height) {
			driver.manage().window().setSize(new Dimension(width, height));
		}

		@Override
		public void close() {
			driver.quit();
		}

	}

}

package io.ringside.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

import io.ringside.catalog.Product;
import io.ringside.clients.Client;
import io.ringside.clients.Clients;
import io.ringside.clients.Interaction;
import io.ringside.clients.InteractionKind;
import io.ringside.presence.Availability;
import io.ringside.presence.Presence;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.SimulatedCall;
import io.ringside.support.BrowserSessions;
import io.ringside.support.Browsers.Browser;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pages in a real headless Chromium against Ringside on a random port with the PBX
 * simulator: sign-in, the console's live pop over {@code /ws} (the page's own
 * {@code @stomp/stompjs}), notes and orders from the card, the language switch and
 * sign-out, a lost live connection. Each test leaves a screenshot of its last page in
 * {@code target/screenshots}.
 */
class PagesIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** The owner's phone rings this long (the tests' ring timeout is 2 s). */
	private static final Duration RING = Duration.ofSeconds(1);

	/**
	 * Records, in the page, every pop card as it appears or changes state, with the
	 * client name it shows then: the phone rings for only a second, too short to rely on
	 * polling to see the card before the answer.
	 */
	private static final String RECORD_POPS = """
			window.__pops = [];
			const record = node => window.__pops.push({ callId: node.dataset.callId, state: node.dataset.state,
			  client: node.querySelector('.client-name') ? node.querySelector('.client-name').textContent : null });
			new MutationObserver(mutations => mutations.forEach(m => {
			  if (m.type === 'childList') m.addedNodes.forEach(n => n.classList && n.classList.contains('pop') && record(n));
			  else if (m.target.classList.contains('pop')) record(m.target);
			})).observe(document.getElementById('pops'),
			  { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] });
			""";

	@Autowired
	PbxSimulator simulator;

	@Autowired
	Presence presence;

	@Autowired
	Employees employees;

	@RegisterExtension
	final BrowserSessions browsers = new BrowserSessions();

	private Browser browser;

	private Employee owner;

	@BeforeEach
	void aManagerAndABrowser() {
		owner = data.employeeWithPhone(Role.MANAGER);
		browser = browsers.open();
	}

	@Test
	void theManagerSeesTheCallersCardWhileItRingsAndWritesANoteIntoItsHistory() {
		String number = data.uniqueMoscowNumber();
		Client client = data.client(owner, number);
		answersAfterARing(owner);
		signIn(owner);
		assertThat(text(By.id("me-name"))).isEqualTo(owner.fullName());
		assertThat(text(By.id("me-role"))).isNotBlank();
		browser.liveConnectionUp();
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);

		((JavascriptExecutor) browser.driver()).executeScript(RECORD_POPS);

		SimulatedCall call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofMinutes(2)));
		By pop = By.cssSelector(".pop[data-call-id='" + call.linkedid() + "']");
		browser.pop(call.linkedid(), "ANSWERED");

		List<Map<String, Object>> seen = recordedPops(call.linkedid());
		assertThat(seen).as("the card as it appeared, then as it changed").isNotEmpty();
		assertThat(seen.get(0)).containsEntry("state", "RINGING").containsEntry("client", client.name());
		assertThat(seen).extracting(entry -> entry.get("state")).containsSubsequence("RINGING", "ANSWERED");
		assertThat(browser.text(By.cssSelector(".pop[data-call-id='" + call.linkedid() + "'] .client-name")))
			.isEqualTo(client.name());
		String reason = browser.until(driver -> driver.findElement(pop)
			.findElement(By.cssSelector(".reason"))
			.getDomAttribute("data-reason"));
		assertThat(reason).isEqualTo("OWNER");

		String note = "Wants 40 brooms in March, call back on Friday " + data.unique();
		WebElement card = browser.driver().findElement(pop);
		card.findElement(By.cssSelector(".note-form textarea[name='text']")).sendKeys(note);
		card.findElement(By.cssSelector(".note-form button[type='submit']")).click();
		browser.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector(".pop[data-call-id='" + call.linkedid() + "'] .history"), note));
		browser.screenshot("manager-console");

		List<Interaction> history = as(owner.login()).get()
			.uri("/api/clients/{id}/interactions", client.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<Interaction>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(history).anySatisfy(entry -> {
			assertThat(entry.kind()).isEqualTo(InteractionKind.NOTE);
			assertThat(entry.text()).isEqualTo(note);
			assertThat(entry.callId()).isEqualTo(call.linkedid());
			assertThat(entry.employeeLogin()).isEqualTo(owner.login());
		});

		call.hangup().block(WAIT);
		waitFor(By.cssSelector(".pop.closed[data-call-id='" + call.linkedid() + "'][data-state='ENDED']"));
	}

	@Test
	void aNewCallerAnsweredOnTheLeadLineBecomesAClientOfWhoeverCreatesItFromThePop() {
		Employee answering = data.leadLine().get(0);
		String number = data.uniqueMoscowNumber();
		answersAfterARing(answering);
		signIn(answering);
		browser.liveConnectionUp();

		SimulatedCall call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofMinutes(2)));
		String ofTheCall = "[data-call-id='" + call.linkedid() + "']";
		String pop = ".pop" + ofTheCall;
		browser.pop(call.linkedid(), "ANSWERED");
		WebElement form = waitFor(By.cssSelector(pop + " form.new-client"));
		assertThat(form.findElement(By.name("phoneNumbers")).getDomProperty("value")).as("the caller's number")
			.isEqualTo(number);
		String name = "New caller " + data.unique();
		form.findElement(By.name("name")).sendKeys(name);
		form.findElement(By.name("industry")).sendKeys("Retail");
		form.findElement(By.cssSelector("button[type='submit']")).click();

		assertThat(text(By.cssSelector(pop + " .client-name"))).as("the new client's card in the pop").isEqualTo(name);
		Clients.NumberMatch found = as(answering.login()).get()
			.uri(uri -> uri.path("/api/lookup").queryParam("number", number).build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Clients.NumberMatch.class)
			.returnResult()
			.getResponseBody();
		assertThat(found.client().name()).isEqualTo(name);
		assertThat(found.client().owner().login()).as("owned by whoever created it").isEqualTo(answering.login());

		call.hangup().block(WAIT);
		waitFor(By.cssSelector(".pop.closed" + ofTheCall + "[data-state='ENDED']"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(as(answering.login()).get()
				.uri("/api/clients/{id}/interactions", found.client().id())
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(new ParameterizedTypeReference<List<Interaction>>() {
				})
				.returnResult()
				.getResponseBody()).filteredOn(entry -> call.linkedid().equals(entry.callId()))
				.as("the call, once, in the new client's history")
				.singleElement()
				.satisfies(entry -> assertThat(entry.kind()).isEqualTo(InteractionKind.CALL_IN)));
	}

	@Test
	void anAwayOwnersConsoleTellsThemTheHeadOfSalesTookTheirClientsCall() {
		data.employeeWithPhone(Role.HEAD_OF_SALES);
		Employee head = employees.headOfSales().block(WAIT);
		presence.set(head.login(), Availability.AVAILABLE).block(WAIT);
		String number = data.uniqueMoscowNumber();
		Client client = data.client(owner, number);
		answersAfterARing(head);
		signIn(owner);
		browser.liveConnectionUp();
		new Select(waitFor(By.id("presence"))).selectByValue("AWAY");
		browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence-now"), "away"));

		SimulatedCall call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofMinutes(1)));

		WebElement told = waitFor(By.cssSelector("#notifications li[data-call-id='" + call.linkedid() + "']"));
		assertThat(told.getText()).contains(client.name()).contains(head.fullName());
		assertThat(browser.driver().findElements(By.cssSelector(".pop[data-call-id='" + call.linkedid() + "']")))
			.as("the away owner gets no pop")
			.isEmpty();
		call.hangup().block(WAIT);
	}

	/** Issue #14: one client, one manager on the phone. */
	@Test
	void callingAnotherManagersClientWhileTheOwnerIsThereShowsWhoseClientItIs() {
		String number = data.uniqueMoscowNumber();
		Client client = data.client(owner, number);
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		Employee other = data.employeeWithPhone(Role.MANAGER);
		scenes.phones(PhoneBehaviour.neverAnswers());
		signIn(other);
		browser.open("/clients/" + client.id());

		waitFor(By.cssSelector("button.call[data-number='" + number + "']")).click();

		browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-line"), owner.fullName()));
		assertThat(waitFor(By.id("status-line")).getDomAttribute("class")).contains("bad");
		assertThat(text(By.id("status-line"))).contains(number);
	}

	@Test
	void aNoteWithMarkupShowsAsTextAndRunsNothing() {
		Client client = data.client(owner, data.uniqueMoscowNumber());
		signIn(owner);
		browser.open("/clients/" + client.id());
		String note = "<script>window.__injected = true</script><b id=\"injected\">bold</b> " + data.unique();

		WebElement form = waitFor(By.cssSelector(".note-form"));
		form.findElement(By.name("text")).sendKeys(note);
		form.findElement(By.cssSelector("button[type='submit']")).click();

		browser
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".card-summary .history"), note));
		JavascriptExecutor js = (JavascriptExecutor) browser.driver();
		assertThat(js.executeScript("return window.__injected === undefined")).isEqualTo(true);
		assertThat(browser.driver().findElements(By.id("injected"))).isEmpty();
		assertThat(browser.driver().findElements(By.cssSelector(".history script"))).isEmpty();
	}

	@Test
	void anOrderForMoreThanTheStockShowsTheErrorAtTheQuantityAndLeavesTheStock() {
		Client client = data.client(owner, data.uniqueMoscowNumber());
		Product broom = data.product("Electric broom, green, turbo " + data.unique(), new BigDecimal("4990.00"), 3);
		signIn(owner);
		browser.open("/clients/" + client.id());
		WebElement search = waitFor(By.cssSelector(".product-search"));
		search.findElement(By.name("q")).sendKeys(broom.sku());
		search.findElement(By.cssSelector("button[type='submit']")).click();
		waitFor(By.cssSelector(".search-results tr[data-sku='" + broom.sku() + "'] button")).click();

		WebElement order = browser.driver().findElement(By.cssSelector(".order-form"));
		assertThat(order.findElement(By.name("sku")).getDomProperty("value")).isEqualTo(broom.sku());
		order.findElement(By.name("quantity")).clear();
		order.findElement(By.name("quantity")).sendKeys("5");
		order.findElement(By.cssSelector("button[type='submit']")).click();

		WebElement error = waitFor(By.cssSelector(".order-form .field-error[data-error-for='quantity']"));
		assertThat(error.getText()).contains("3").contains(broom.sku());
		assertThat(order.findElement(By.name("quantity")).getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(data.onHand(broom.sku())).isEqualTo(3);
		Product stored = as(owner.login()).get()
			.uri("/api/products/{sku}", broom.sku())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(stored.onHand()).isEqualTo(3);

		order.findElement(By.name("quantity")).clear();
		order.findElement(By.name("quantity")).sendKeys("2");
		order.findElement(By.cssSelector("button[type='submit']")).click();
		browser.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector(".search-results tr[data-sku='" + broom.sku() + "'] .on-hand"), "1"));
		assertThat(data.onHand(broom.sku())).isEqualTo(1);
	}

	@Test
	void aLostLiveConnectionShowsABannerAndComesBackByItself() {
		browser.beforeEveryPage("""
				window.__sockets = [];
				const NativeWebSocket = window.WebSocket;
				window.WebSocket = class extends NativeWebSocket {
				  constructor(...args) { super(...args); window.__sockets.push(this); }
				};
				""");
		String number = data.uniqueMoscowNumber();
		data.client(owner, number);
		answersAfterARing(owner);
		signIn(owner);
		browser.liveConnectionUp();
		assertThat(browser.driver().findElement(By.id("ws-banner")).isDisplayed()).isFalse();

		((JavascriptExecutor) browser.driver()).executeScript("window.__sockets.forEach(socket => socket.close())");

		waitFor(By.id("ws-banner"));
		browser.liveConnectionUp();
		assertThat(browser.driver().findElement(By.id("ws-banner")).isDisplayed()).isFalse();
		assertThat((Long) ((JavascriptExecutor) browser.driver()).executeScript("return window.__sockets.length"))
			.isGreaterThanOrEqualTo(2);
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);
		SimulatedCall call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofSeconds(1)));
		waitFor(By.cssSelector(".pop[data-call-id='" + call.linkedid() + "']"));
	}

	@Test
	void theLanguageSwitchTurnsThePagesRussianAndIsRememberedUntilSignOut() {
		signIn(owner);
		assertThat(text(By.id("logout"))).isEqualTo("Sign out");

		new Select(waitFor(By.id("lang"))).selectByValue("ru");
		browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("logout"), "Выйти"));
		browser.open("/clients");
		browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1"), "Клиенты"));
		assertThat(browser.driver().findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("ru");

		waitFor(By.id("logout")).click();
		waitFor(By.id("login-out"));
		assertThat(browser.driver().getCurrentUrl()).endsWith("/login?logout");
		assertThat(text(By.id("login-submit"))).isEqualTo("Войти");
		browser.open("/console");
		waitFor(By.id("login-form"));
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> recordedPops(String callId) {
		List<Map<String, Object>> all = (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver())
			.executeScript("return window.__pops");
		return all.stream().filter(entry -> callId.equals(entry.get("callId"))).toList();
	}

	/**
	 * This employee's phone answers after {@link #RING}; every other phone rings
	 * unanswered.
	 */
	private void answersAfterARing(Employee answering) {
		scenes.phones(PhoneBehaviour.neverAnswers()).set(answering.extension(), PhoneBehaviour.answersAfter(RING));
	}

	private void signIn(Employee employee) {
		browser.signIn(employee.login(), TestData.PASSWORD);
		assertThat(browser.driver().getCurrentUrl()).endsWith("/console");
	}

	private WebElement waitFor(By locator) {
		return browser.waitFor(locator);
	}

	private String text(By locator) {
		return browser.text(locator);
	}

}

package io.ringside.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

import io.ringside.clients.Client;
import io.ringside.clients.Clients.ClientPage;
import io.ringside.dashboard.Takeovers.Takeover;
import io.ringside.presence.Availability;
import io.ringside.presence.Presence;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.SimulatedCall;
import io.ringside.support.BrowserSessions;
import io.ringside.support.Browsers.Browser;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The head of sales' and the supervisors' pages in a real headless Chromium (issue #5):
 * the head of sales' console with the pop of an away owner's client and today's takeovers
 * while the owner's console is told, the live board following a call from ringing to its
 * figures, and reassigning a leaving manager's clients. Each test leaves a screenshot of
 * its last page in {@code target/screenshots}.
 */
class LeadPagesIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * A phone answers after this long: well inside the tests' ring timeout of 2 s, after
	 * which the call would move on (or, at the head of sales, end in voicemail), yet long
	 * enough to be seen ringing.
	 */
	private static final Duration RING = Duration.ofMillis(700);

	/**
	 * Records, in the page, every row of the board's calls as it is drawn (the table is
	 * drawn again on every change), with its state and client: a call rings for about a
	 * second, too short to rely on polling to see it.
	 */
	private static final String RECORD_BOARD_CALLS = """
			window.__calls = [];
			new MutationObserver(mutations => mutations.forEach(m => m.addedNodes.forEach(n => {
			  const rows = n.querySelectorAll ? [...(n.matches('tr[data-call-id]') ? [n] : []),
			    ...n.querySelectorAll('tr[data-call-id]')] : [];
			  rows.forEach(row => window.__calls.push({ callId: row.dataset.callId, state: row.dataset.state,
			    client: row.querySelector('.client-name') ? row.querySelector('.client-name').textContent : null,
			    reason: row.querySelector('.reason').dataset.reason }));
			}))).observe(document.getElementById('calls'), { childList: true, subtree: true });
			""";

	@Autowired
	PbxSimulator simulator;

	@Autowired
	Presence presence;

	/** The last browser opened is the one whose page the screenshot keeps. */
	@RegisterExtension
	final BrowserSessions browsers = new BrowserSessions();

	@Test
	void theHeadOfSalesGetsTheAwayOwnersPopWithTheReasonAndTheOwnerIsToldAfterwards() {
		CallScene scene = scenes.aClient().headAnswersAfter(RING).ready();
		Employee owner = scene.owner();
		Employee head = scene.head();
		String number = scene.number();
		Client client = scene.client();

		Browser ownersPage = signIn(owner, "/console");
		new Select(waitFor(ownersPage, By.id("presence"))).selectByValue("AWAY");
		ownersPage.until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence-now"), "away"));
		Browser headsPage = signIn(head, "/console");
		waitFor(headsPage, By.id("lead"));
		presence.set(head.login(), Availability.AVAILABLE).block(WAIT);

		SimulatedCall call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofMinutes(1)));

		WebElement pop = headsPage.pop(call.linkedid(), "ANSWERED");
		assertThat(pop.findElement(By.cssSelector(".reason")).getDomAttribute("data-reason")).isEqualTo("OWNER_ABSENT");
		assertThat(pop.findElement(By.cssSelector(".reason")).getText()).isEqualTo("The owner is away: to you");
		assertThat(pop.findElement(By.cssSelector(".client-name")).getText()).isEqualTo(client.name());
		WebElement told = waitFor(ownersPage,
				By.cssSelector("#notifications li[data-call-id='" + call.linkedid() + "']"));
		assertThat(told.getText()).contains(client.name()).contains(head.fullName());
		assertThat(ownersPage.driver().findElements(By.cssSelector(".pop[data-call-id='" + call.linkedid() + "']")))
			.as("the away owner gets no pop")
			.isEmpty();

		call.hangup().block(WAIT);
		waitFor(headsPage, By.cssSelector(".pop.closed[data-call-id='" + call.linkedid() + "']"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(takeovers(head)).anySatisfy(taken -> {
			assertThat(taken.callId()).isEqualTo(call.linkedid());
			assertThat(taken.reason()).isEqualTo("OWNER_ABSENT");
			assertThat(taken.client().id()).isEqualTo(client.id());
			assertThat(taken.client().ownerLogin()).isEqualTo(owner.login());
			assertThat(taken.answeredBy()).isEqualTo(head.login());
		}));
		headsPage.open("/console");
		WebElement taken = waitFor(headsPage, By.cssSelector("#takeovers tr[data-call-id='" + call.linkedid() + "']"));
		assertThat(taken.getText()).contains(client.name()).contains(owner.fullName());
		assertThat(taken.findElement(By.cssSelector(".reason")).getDomAttribute("data-reason"))
			.isEqualTo("OWNER_ABSENT");
		// the owner's page last: both halves in the screenshots
		headsPage.screenshot(browsers.testName() + "-head");
		browsers.screenshotLast(ownersPage);
	}

	@Test
	void theSupervisorBoardShowsTheRingingCallAndItsFiguresChangeWhenItEnds() {
		CallScene scene = scenes.aClient().withoutHeadOfSales().ownerAvailable().ownerAnswersAfter(RING).ready();
		Employee owner = scene.owner();
		String number = scene.number();
		Client client = scene.client();

		Browser board = signIn(data.employee(Role.SUPERVISOR), "/board");
		waitFor(board, By.cssSelector("body[data-board-version]"));
		waitFor(board, By.cssSelector("#team tr[data-login='" + owner.login() + "'][data-availability='AVAILABLE']"));
		((JavascriptExecutor) board.driver()).executeScript(RECORD_BOARD_CALLS);
		int receivedBefore = figure(board, "received");
		int answeredBefore = figure(board, "answered");

		SimulatedCall call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofMinutes(2)));

		By row = By.cssSelector("#calls tr[data-call-id='" + call.linkedid() + "']");
		waitFor(board, By.cssSelector("#calls tr[data-call-id='" + call.linkedid() + "'][data-state='TALKING']"));
		List<Map<String, Object>> seen = recordedCalls(board, call.linkedid());
		assertThat(seen).as("the call as the board drew it").isNotEmpty();
		assertThat(seen).anySatisfy(drawn -> assertThat(drawn).containsEntry("state", "RINGING")
			.containsEntry("client", client.name())
			.containsEntry("reason", "OWNER"));
		assertThat(seen).extracting(drawn -> drawn.get("state")).containsSubsequence("RINGING", "TALKING");
		By routedTo = By.cssSelector("#calls tr[data-call-id='" + call.linkedid() + "'] .routed-to");
		assertThat(board.text(routedTo)).contains(owner.fullName());
		assertThat(board.text(By.cssSelector("#team tr[data-login='" + owner.login() + "'] .current-call")))
			.contains(client.name());
		By timer = By.cssSelector("#calls tr[data-call-id='" + call.linkedid() + "'] .timer");
		String shown = board.text(timer);
		board.until("the timer ticks in the browser", driver -> !driver.findElement(timer).getText().equals(shown));

		call.hangup().block(WAIT);

		board.until(ExpectedConditions.invisibilityOfElementLocated(row));
		board.until(driver -> figure(board, "received") > receivedBefore && figure(board, "answered") > answeredBefore);
		Long perHour = (Long) ((JavascriptExecutor) board.driver())
			.executeScript("return window.__board.figures.callsPerHour.reduce((sum, n) => sum + n, 0)");
		assertThat(perHour).as("the chart's calls per hour add up to the received")
			.isEqualTo(figure(board, "received"));
	}

	@Test
	void aManagerOpeningTheBoardIsToldItIsNotForThem() {
		Browser page = signIn(data.employee(Role.MANAGER), "/board");
		assertThat(waitFor(page, By.id("refused")).getText()).contains("supervisors");
		assertThat(page.driver().findElements(By.cssSelector("header a[href='/board']"))).isEmpty();
		web.get().uri("/board").exchange().expectStatus().is3xxRedirection();
	}

	@Test
	void theHeadOfSalesReassignsAllClientsOfALeavingManager() {
		Employee leaving = data.employee(Role.MANAGER);
		Employee successor = data.employee(Role.MANAGER);
		Client first = data.client(leaving, data.uniqueMoscowNumber());
		Client second = data.client(leaving, data.uniqueMoscowNumber());
		Employee head = data.employee(Role.HEAD_OF_SALES);

		Browser page = signIn(head, "/console");
		WebElement form = waitFor(page, By.cssSelector(".reassign-form"));
		new Select(form.findElement(By.name("fromLogin"))).selectByValue(leaving.login());
		page.until(driver -> form
			.findElements(By.cssSelector("select[name='clientId'] option[value='" + second.id() + "']"))
			.size() == 1);
		assertThat(new Select(form.findElement(By.name("clientId"))).getFirstSelectedOption().getDomAttribute("value"))
			.as("all their clients")
			.isEmpty();
		new Select(form.findElement(By.name("toLogin"))).selectByValue(successor.login());
		form.findElement(By.name("reason")).sendKeys("leaves the company");
		form.findElement(By.cssSelector("button[type='submit']")).click();

		assertThat(waitFor(page, By.cssSelector(".reassign-form .form-ok")).getText()).contains("2")
			.contains(successor.login());
		assertThat(owned(head, successor)).extracting(Client::id).containsExactlyInAnyOrder(first.id(), second.id());
		assertThat(owned(head, leaving)).isEmpty();
	}

	private List<Client> owned(Employee asWhom, Employee owner) {
		return as(asWhom.login()).get()
			.uri(uri -> uri.path("/api/clients").queryParam("owner", owner.login()).queryParam("size", 100).build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ClientPage.class)
			.returnResult()
			.getResponseBody()
			.items();
	}

	private List<Takeover> takeovers(Employee asWhom) {
		return as(asWhom.login()).get()
			.uri("/api/dashboard/takeovers")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<Takeover>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private static int figure(Browser browser, String name) {
		return Integer.parseInt(browser.text(By.cssSelector("#figure-" + name + " b")).trim());
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> recordedCalls(Browser browser, String callId) {
		List<Map<String, Object>> all = (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver())
			.executeScript("return window.__calls");
		return all.stream().filter(entry -> callId.equals(entry.get("callId"))).toList();
	}

	/**
	 * A new browser session signed in as this employee, on this page, with its live
	 * connection up.
	 */
	private Browser signIn(Employee employee, String path) {
		Browser browser = browsers.signedIn(employee);
		if (!path.equals("/console")) {
			browser.open(path);
			waitFor(browser, By.id("me-name"));
		}
		assertThat(browser.driver().getCurrentUrl()).endsWith(path);
		if (!path.equals("/board") || employee.role() != Role.MANAGER) {
			browser.liveConnectionUp();
		}
		return browser;
	}

	private static WebElement waitFor(Browser browser, By locator) {
		return browser.waitFor(locator);
	}

}

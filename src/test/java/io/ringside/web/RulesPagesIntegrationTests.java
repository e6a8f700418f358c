package io.ringside.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.presence.DeviceState;
import io.ringside.presence.Presence;
import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.SimulatedCall;
import io.ringside.support.BrowserSessions;
import io.ringside.support.Browsers.Browser;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pages of the rules of work per client tier (issue #14) in a real headless Chromium:
 * the head of sales sets a segment's rule on {@code /rules}, a manager may not; the
 * console shows a HIGH tier's pop first with its script in the page's language, and why
 * the call came to this person; the board counts overdue callbacks per tier. Every test
 * works on a segment of an industry of its own, which it removes afterwards: the default
 * and VIP rules stay as they are.
 */
class RulesPagesIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** Well inside the tests' ring timeout of 2 s, yet long enough to be seen ringing. */
	private static final Duration RING = Duration.ofMillis(700);

	@Autowired
	PbxSimulator simulator;

	@Autowired
	Presence presence;

	@Autowired
	DatabaseClient db;

	@RegisterExtension
	final BrowserSessions browsers = new BrowserSessions();

	private String industry;

	private String key;

	@BeforeEach
	void anIndustryOfItsOwn() {
		industry = "Rules page " + data.unique();
		key = "SEGMENT:" + industry;
	}

	@AfterEach
	void removeTheSegmentsRule() {
		as(data.employee(Role.ADMIN).login()).delete().uri("/api/rules/{key}", key).exchange();
	}

	@Test
	void theHeadOfSalesSetsASegmentsRuleAndSeesABadValueRefusedAtItsField() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		Browser page = browsers.signedIn(head);
		page.waitFor(By.cssSelector("header a[href='/rules']")).click();
		page.waitFor(By.cssSelector("#rules[data-loaded='true']"));

		WebElement add = page.waitFor(By.id("add-segment"));
		add.findElement(By.name("industry")).sendKeys(industry);
		add.findElement(By.cssSelector("button[type='submit']")).click();
		By rule = By.cssSelector(".rule[data-rule-key='" + key + "']");
		WebElement section = page.waitFor(rule);
		assertThat(section.findElement(By.cssSelector("[data-field='priority']")).getDomAttribute("data-source"))
			.isEqualTo("inherited");
		assertThat(section.findElement(By.cssSelector("[data-field='priority'] .inherited")).getText())
			.startsWith("Inherited from the default: ");

		section.findElement(By.name("set-callbackDeadline")).click();
		type(section.findElement(By.name("callbackDeadline")), "0");
		section.findElement(By.cssSelector("button.save")).click();
		WebElement error = page.waitFor(By.cssSelector(".rule[data-rule-key='" + key + "'] "
				+ "[data-field='callbackDeadline'] .field-error[data-error-for='callbackDeadline']"));
		assertThat(error.getText()).contains("PT1M");
		as(head.login()).get().uri("/api/rules/{key}", key).exchange().expectStatus().isNotFound();

		section = page.driver().findElement(rule);
		type(section.findElement(By.name("callbackDeadline")), "15");
		section.findElement(By.name("set-priority")).click();
		new Select(section.findElement(By.name("priority"))).selectByValue("HIGH");
		section.findElement(By.name("set-script")).click();
		section.findElement(By.name("script.title")).sendKeys("Kilns");
		section.findElement(By.name("script.text.en")).sendKeys("Ask about the kilns.");
		section.findElement(By.name("script.text.ru")).sendKeys("Спросите о печах.");
		section.findElement(By.name("set-chain")).click();
		section.findElements(By.cssSelector(".chain-step .remove-step")).forEach(WebElement::click);
		WebElement addStep = section.findElement(By.cssSelector("button.add-step"));
		addStep.click();
		addStep.click();
		type(section.findElement(By.name("chain[0].ringTime")), "15");
		type(section.findElement(By.name("chain[1].ringTime")), "25");
		section.findElements(By.cssSelector(".chain-step .up")).get(1).click();
		addStep.click();
		section.findElement(By.cssSelector("button.save")).click();

		String saved = page.waitFor(By.cssSelector(".rule[data-rule-key='" + key + "'] .form-ok")).getText();
		assertThat(saved).contains(industry);
		Map<String, Object> stored = rule(head);
		assertThat(stored).containsEntry("callbackDeadline", "PT15M")
			.containsEntry("priority", "HIGH")
			.containsEntry("script",
					Map.of("title", "Kilns", "text", Map.of("en", "Ask about the kilns.", "ru", "Спросите о печах.")))
			.containsEntry("chain",
					List.of(Map.of("step", "DEPUTY", "ringTime", "PT25S"), Map.of("step", "OWNER", "ringTime", "PT15S"),
							Map.of("step", "HEAD_OF_SALES", "ringTime", "PT20S")))
			.containsEntry("updatedBy", head.login());
		WebElement shown = page.driver().findElement(rule);
		assertThat(shown.findElements(By.cssSelector(".rule-field[data-source='set']"))).hasSize(4);
		page.screenshot("rules-segment-saved");

		shown.findElement(By.cssSelector("button.remove")).click();
		page.until(ExpectedConditions.alertIsPresent()).accept();
		page.until("the removed rule left the page", driver -> driver.findElements(rule).isEmpty());
		as(head.login()).get().uri("/api/rules/{key}", key).exchange().expectStatus().isNotFound();
	}

	@Test
	void aManagerIsToldTheRulesAreNotForThemAndCannotChangeThem() {
		Employee manager = data.employee(Role.MANAGER);
		Browser page = browsers.signedIn(manager);
		assertThat(page.driver().findElements(By.cssSelector("header a[href='/rules']"))).isEmpty();

		page.open("/rules");

		page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refused-why"), "head of sales"));
		assertThat(page.driver().findElements(By.cssSelector(".rule-form"))).isEmpty();
		as(manager.login()).put()
			.uri("/api/rules/{key}", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("priority", "HIGH"))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void theConsoleShowsTheHighTiersPopFirstWithItsScriptInRussian() {
		putSegmentsRule("""
				{"priority": "HIGH",
				 "script": {"title": "Печи", "text": {"en": "Ask about the kilns.", "ru": "Спросите о печах."}}}""");
		CallScene scene = scenes.aClient().inIndustry(industry).ownerAway().headAnswersAfter(RING).ready();
		String plainNumber = data.uniqueMoscowNumber();
		data.clientIn("Plain " + data.unique(), scene.owner(), plainNumber);
		Employee head = scene.head();
		Browser page = browsers.open();
		page.beforeEveryPage("localStorage.setItem('ringside.lang', 'ru');");
		page.signIn(head.login(), TestData.PASSWORD);
		page.liveConnectionUp();

		SimulatedCall high = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofMinutes(1)));
		WebElement highPop = page.pop(high.linkedid(), "ANSWERED");
		// A head of sales on a call is passed over; her phone takes a second call here as
		// a
		// phone with a second line would: once the PBX has shown her phone in use, it
		// says
		// the phone is free again.
		await().atMost(WAIT)
			.until(() -> presence.reachability(head.login(), head.extension()).block(WAIT).deviceState(),
					state -> state == DeviceState.INUSE);
		presence.setDeviceState(head.extension(), DeviceState.NOT_INUSE).block(WAIT);
		await().atMost(WAIT)
			.until(() -> presence.reachability(head.login(), head.extension()).block(WAIT).canTakeACall());
		SimulatedCall plain = simulator.inboundCall(InboundCall.from(plainNumber).talkingFor(Duration.ofMinutes(1)));
		WebElement plainPop = page.pop(plain.linkedid(), "ANSWERED");

		assertThat(
				page.driver().findElement(By.cssSelector("#pops > .pop:first-child")).getDomAttribute("data-call-id"))
			.as("the HIGH pop first, though the other rang later")
			.isEqualTo(high.linkedid());
		assertThat(highPop.findElement(By.cssSelector(".badge.priority-high")).getText()).isEqualTo("ВАЖНО");
		assertThat(highPop.findElement(By.cssSelector(".pop-script .script-title")).getText()).isEqualTo("Печи");
		assertThat(highPop.findElement(By.cssSelector(".pop-script .script-text")).getText())
			.isEqualTo("Спросите о печах.");
		assertThat(highPop.findElement(By.cssSelector(".pop-passed")).getText())
			.as("why the call came to the head of sales")
			.isEqualTo("До вас: менеджер клиента: недоступен");
		assertThat(plainPop.findElements(By.cssSelector(".badge.priority-high"))).isEmpty();
		page.screenshot("console-high-pop-with-script");
		high.hangup().block(WAIT);
		plain.hangup().block(WAIT);
	}

	@Test
	void theBoardCountsOverdueCallbacksPerTier() {
		putSegmentsRule("{\"callbackDeadline\": \"PT7M\"}");
		CallScene scene = scenes.aClient()
			.inIndustry(industry)
			.ownerAvailable()
			.everyPhone(PhoneBehaviour.neverAnswers())
			.ready();
		CallSummary missed = simulator.inboundCall(InboundCall.from(scene.number())).ended().block(WAIT);
		await().atMost(WAIT)
			.until(() -> db.sql("update callback_tasks set due_at = now() - interval '1 minute' where call_id = :call")
				.bind("call", missed.linkedid())
				.fetch()
				.rowsUpdated()
				.block(WAIT), updated -> updated == 1);

		Browser board = browsers.signedIn(data.employee(Role.SUPERVISOR));
		board.open("/board");
		By count = By.cssSelector("#figure-callbacksOverdue .tier[data-tier='" + key + "'] .count");
		board.until(ExpectedConditions.textToBePresentInElementLocated(count, "1"));
		assertThat(board.text(By.cssSelector("#figure-callbacksOverdue .tier[data-tier='" + key + "']")))
			.isEqualTo(industry + ": 1");
	}

	private void putSegmentsRule(String rule) {
		as(data.employee(Role.HEAD_OF_SALES).login()).put()
			.uri("/api/rules/{key}", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(rule)
			.exchange()
			.expectStatus()
			.isOk();
	}

	private Map<String, Object> rule(Employee asWhom) {
		return as(asWhom.login()).get()
			.uri("/api/rules/{key}", key)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private static void type(WebElement input, String text) {
		input.clear();
		input.sendKeys(text);
	}

}

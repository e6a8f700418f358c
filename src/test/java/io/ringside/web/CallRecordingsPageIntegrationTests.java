package io.ringside.web;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.support.BrowserSessions;
import io.ringside.support.Browsers.Browser;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The client's history plays the recordings of its calls, in a real headless Chromium:
 * the owner's page has a player on the answered call's entry, and the browser reads the
 * audio through it (its length, one second, comes from the file's header); another
 * manager's page shows the entry without a player.
 */
class CallRecordingsPageIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Duration RING = Duration.ofMillis(300);

	private static final Duration TALK = Duration.ofMillis(400);

	@Autowired
	PbxSimulator simulator;

	@Autowired
	DatabaseClient db;

	@RegisterExtension
	final BrowserSessions browsers = new BrowserSessions();

	@Test
	void theOwnersHistoryPlaysTheCallsRecordingAndAnotherManagersHasNoPlayer() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(RING).ready();
		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(TALK)).ended().block(WAIT);
		await().atMost(WAIT).until(() -> recorded(call.linkedid()));
		String entry = "#full-history li[data-call-id='" + call.linkedid() + "']";

		Browser other = browsers.signedIn(data.employee(Role.MANAGER));
		other.open("/clients/" + scene.client().id());
		other.waitFor(By.cssSelector(entry));
		assertThat(other.driver().findElements(By.cssSelector("#full-history audio"))).isEmpty();

		Browser owner = browsers.signedIn(scene.owner());
		owner.open("/clients/" + scene.client().id());
		WebElement player = owner.waitFor(By.cssSelector(entry + " audio"));
		assertThat(player.getAttribute("src")).endsWith("/api/calls/" + call.linkedid() + "/recording");
		JavascriptExecutor page = (JavascriptExecutor) owner.driver();
		page.executeScript("arguments[0].scrollIntoView({ block: 'center' }); arguments[0].preload = 'metadata'; "
				+ "arguments[0].load();", player);
		owner.until("the player read the recording's header",
				driver -> ((Number) page.executeScript("return arguments[0].readyState", player)).intValue() >= 1);
		Number seconds = (Number) page.executeScript("return arguments[0].duration", player);
		assertThat(seconds.doubleValue()).isCloseTo(1.0, within(0.05));
	}

	private boolean recorded(String callId) {
		Map<String, Object> row = db.sql("select recording_file from calls where id = :id")
			.bind("id", callId)
			.fetch()
			.one()
			.block(WAIT);
		return row != null && row.get("recording_file") != null;
	}

}

package io.ringside.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.clients.Client;
import io.ringside.clients.SegmentBuyersRefresh;
import io.ringside.support.BrowserSessions;
import io.ringside.support.Browsers.Browser;
import io.ringside.support.IntegrationTest;
import io.ringside.support.SalesFixture;
import io.ringside.support.SalesFixture.Line;
import io.ringside.support.SalesFixture.Product;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #14, part 5, on the client page: the card shows what clients of the same industry
 * buy and this client never did, and "order" beside a suggestion puts it into the page's
 * order form, from which it is ordered like any product.
 */
class AlsoBuyPageIntegrationTests extends IntegrationTest {

	@Autowired
	DatabaseClient db;

	@Autowired
	SegmentBuyersRefresh offers;

	@RegisterExtension
	final BrowserSessions browsers = new BrowserSessions();

	@Test
	void theClientPageOffersWhatTheIndustryBuysAndOrderFillsTheOrderForm() {
		SalesFixture sales = new SalesFixture(db, data);
		Employee manager = data.employee(Role.MANAGER);
		String industry = "Shipyards " + data.unique();
		Client client = data.clientIn(industry, manager);
		Client first = data.clientIn(industry, manager);
		Client second = data.clientIn(industry, manager);
		Product chain = sales.product("Anchor chain 34 mm");
		Product rope = sales.product("Mooring rope 40 mm");
		sales.order(first, manager, "SHIPPED", "200.00", 5, Line.of(chain, 1), Line.of(rope, 1));
		sales.order(second, manager, "SHIPPED", "100.00", 5, Line.of(chain, 1));
		refreshOffers();

		Browser browser = browsers.signedIn(manager);
		browser.open("/clients/" + client.id());
		By chainRow = By.cssSelector(".also-buy tr[data-sku='" + chain.sku() + "']");
		browser
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".also-buy tbody"), rope.sku()));
		assertThat(browser.driver().findElements(By.cssSelector(".also-buy tbody tr")))
			.extracting(row -> row.getDomAttribute("data-sku"))
			.containsExactly(chain.sku(), rope.sku());
		assertThat(browser.text(By.cssSelector(".also-buy tr[data-sku='" + chain.sku() + "'] .buyers"))).isEqualTo("2");

		// the page draws the card again once its other parts are read: click the row as
		// it
		// is once the page settles
		browser.until("the suggestion's order button", driver -> {
			driver.findElement(By.cssSelector(".also-buy tr[data-sku='" + chain.sku() + "'] button.offer")).click();
			return true;
		});
		WebElement order = browser.driver().findElement(By.cssSelector(".order-form"));
		assertThat(order.findElement(By.name("sku")).getDomProperty("value")).isEqualTo(chain.sku());
		order.findElement(By.cssSelector("button[type='submit']")).click();

		// ordered, the chain is no longer something the client never bought
		browser.until(ExpectedConditions.invisibilityOfElementLocated(chainRow));
		assertThat(browser.driver().findElements(By.cssSelector(".also-buy tbody tr")))
			.extracting(row -> row.getDomAttribute("data-sku"))
			.containsExactly(rope.sku());
		assertThat(data.onHand(chain.sku())).isEqualTo(9);
	}

	/**
	 * Refreshes the offers' counts as the lifecycle bean does every interval; waits its
	 * turn when the bean's refresh at start holds the lock.
	 */
	private void refreshOffers() {
		await("segment_buyers refreshed").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> Boolean.TRUE.equals(offers.refresh().block()));
	}

}

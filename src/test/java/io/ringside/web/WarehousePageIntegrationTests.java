package io.ringside.web;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import io.ringside.catalog.Order;
import io.ringside.support.BrowserSessions;
import io.ringside.support.Browsers.Browser;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warehouse page in a real headless Chromium (issue #12): a new order shows up
 * without a reload and without the page reading the feed again, because it follows
 * {@code /topic/warehouse}; shipping it takes it off the page. Leaves a screenshot in
 * {@code target/screenshots}.
 */
class WarehousePageIntegrationTests extends IntegrationTest {

	/**
	 * Counts, in the page, the reads of the warehouse feed: the new order must come
	 * without one.
	 */
	private static final String COUNT_FEED_READS = """
			window.__feedReads = 0;
			const nativeFetch = window.fetch;
			window.fetch = (input, init) => {
			  if (String(input).startsWith('/api/warehouse/orders?')) window.__feedReads++;
			  return nativeFetch(input, init);
			};
			""";

	@RegisterExtension
	final BrowserSessions browsers = new BrowserSessions();

	@Test
	void theWarehouseSeesANewOrderWithoutReloadingAndShipsIt() {
		Employee warehouse = data.employee(Role.WAREHOUSE);
		OrderScene shop = OrderScene.of(data, "Electric broom, green, no turbo", new BigDecimal("2000.00"), 10);
		Browser browser = browsers.open();
		browser.beforeEveryPage(COUNT_FEED_READS);
		browser.signIn(warehouse.login(), TestData.PASSWORD);
		browser.open("/warehouse");
		browser.until("the page subscribed and read the feed",
				driver -> "true".equals(driver.findElement(By.id("warehouse-feed")).getDomAttribute("data-loaded")));
		JavascriptExecutor page = (JavascriptExecutor) browser.driver();
		page.executeScript("window.__sameDocument = true");
		long readsBefore = (Long) page.executeScript("return window.__feedReads");

		Order order = shop.order(as(shop.manager().login()), 3)
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();

		By row = By.cssSelector("#warehouse-feed tr[data-order-id='" + order.id() + "']");
		WebElement shown = browser.waitFor(row);
		assertThat(shown.getText()).contains("#" + order.id(), shop.client().name(), shop.manager().login(),
				shop.product().sku());
		assertThat(page.executeScript("return window.__sameDocument")).as("no reload").isEqualTo(true);
		assertThat((Long) page.executeScript("return window.__feedReads")).as("no new read of the feed")
			.isEqualTo(readsBefore);

		shown.findElement(By.cssSelector("button.ship")).click();
		browser.until("the shipped order left the page", driver -> driver.findElements(row).isEmpty());
		as(warehouse.login()).get()
			.uri("/api/orders/{id}", order.id())
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("SHIPPED");
	}

}

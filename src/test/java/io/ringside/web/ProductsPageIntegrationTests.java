package io.ringside.web;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.ringside.catalog.Product;
import io.ringside.support.BrowserSessions;
import io.ringside.support.Browsers.Browser;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12 on the products page: the head of sales picks a product, an order reserves
 * units meanwhile, and the stock she then saves is the change she made, applied to the
 * stock as it is, not a copy of what she saw.
 */
class ProductsPageIntegrationTests extends IntegrationTest {

	@RegisterExtension
	final BrowserSessions browsers = new BrowserSessions();

	@Test
	void aStockEditKeepsAReservationMadeAfterTheProductWasPicked() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		OrderScene shop = OrderScene.of(data, "Electric broom, blue " + data.unique(), new BigDecimal("2700.00"), 10);
		Product broom = shop.product();
		Browser browser = browsers.signedIn(head);
		browser.open("/products");
		WebElement search = browser.waitFor(By.id("product-search"));
		search.findElement(By.name("q")).sendKeys(broom.sku());
		search.findElement(By.cssSelector("button[type='submit']")).click();
		// the results may be drawn again after the search (a stale row): click the row as
		// it is once the page settles
		By pick = By.cssSelector("#product-results tr[data-sku='" + broom.sku() + "'] button");
		browser.until("the product's row to pick", driver -> {
			driver.findElement(pick).click();
			return true;
		});
		WebElement stock = browser.waitFor(By.id("stock-edit"));
		assertThat(stock.findElement(By.name("onHand")).getDomProperty("value")).isEqualTo("10");

		shop.order(as(shop.manager().login()), 3);
		stock.findElement(By.name("onHand")).clear();
		stock.findElement(By.name("onHand")).sendKeys("12");
		stock.findElement(By.cssSelector("button[type='submit']")).click();
		browser.waitFor(By.cssSelector("#stock-edit .form-ok"));

		assertThat(data.onHand(broom.sku())).isEqualTo(9);
	}

}

package io.ringside.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.ringside.catalog.Order;
import io.ringside.catalog.Product;
import io.ringside.catalog.Products;
import io.ringside.clients.Client;
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
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book's broom in a real headless Chromium (issue #14): a client calls for green
 * electric brooms with turbo; from the pop the manager looks the broom up, sees it out of
 * stock and arriving at the end of the month, and orders it for then; the warehouse sees
 * the line waiting with its date, books the batch and ships. The broom is the demo's
 * ({@code demo/catalogue.json}: name, attributes, price, stock, batch) under a SKU of its
 * own, as every test here shares one database.
 */
class BackOrderPagesIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	PbxSimulator simulator;

	@Autowired
	Presence presence;

	@Autowired
	Products products;

	@RegisterExtension
	final BrowserSessions browsers = new BrowserSessions();

	@Test
	void fromThePopTheManagerOrdersTheSoldOutGreenTurboBroomForTheIncomingBatch() {
		Employee owner = data.employeeWithPhone(Role.MANAGER);
		String number = data.uniqueMoscowNumber();
		Client client = data.client(owner, number);
		Product broom = demoGreenTurboBroom();
		assertThat(broom.onHand()).isZero();
		scenes.phones(PhoneBehaviour.neverAnswers())
			.set(owner.extension(), PhoneBehaviour.answersAfter(Duration.ofSeconds(1)));
		Browser browser = browsers.open();
		browser.signIn(owner.login(), TestData.PASSWORD);
		browser.liveConnectionUp();
		presence.set(owner.login(), Availability.AVAILABLE).block(WAIT);

		SimulatedCall call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofMinutes(2)));
		WebElement pop = browser.pop(call.linkedid(), "ANSWERED");
		WebElement search = pop.findElement(By.cssSelector(".product-search"));
		search.findElement(By.name("q")).sendKeys(broom.name());
		search.findElement(By.cssSelector("button[type='submit']")).click();
		By row = By.cssSelector(
				".pop[data-call-id='" + call.linkedid() + "'] .search-results tr[data-sku='" + broom.sku() + "']");
		WebElement found = browser.waitFor(row);
		assertThat(found.findElement(By.cssSelector(".on-hand")).getText()).isEqualTo("0");
		assertThat(found.getText()).contains("green", "turbo", String.valueOf(broom.incoming()));
		found.findElement(By.cssSelector("button")).click();

		WebElement order = pop.findElement(By.cssSelector(".order-form"));
		assertThat(order.findElement(By.name("backorder")).isSelected()).as("out of stock and arriving").isTrue();
		assertThat(order.findElement(By.cssSelector(".arriving")).getText()).isNotBlank();
		order.findElement(By.name("quantity")).clear();
		order.findElement(By.name("quantity")).sendKeys("5");
		order.findElement(By.cssSelector("button[type='submit']")).click();

		String done = browser
			.waitFor(By.cssSelector(".pop[data-call-id='" + call.linkedid() + "'] .order-form .form-ok"))
			.getText();
		assertThat(done).contains("5 × " + broom.name());
		browser.screenshot("back-order-from-the-pop");
		List<Order> orders = as(owner.login()).get()
			.uri("/api/clients/{id}/orders", client.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Order.class)
			.returnResult()
			.getResponseBody();
		assertThat(orders).singleElement().satisfies(placed -> {
			assertThat(placed.callId()).isEqualTo(call.linkedid());
			assertThat(placed.lines()).singleElement().satisfies(line -> {
				assertThat(line.sku()).isEqualTo(broom.sku());
				assertThat(line.backordered()).isEqualTo(5);
				assertThat(line.expectedOn()).isEqualTo(broom.incomingDate());
			});
		});
		assertThat(products.requireBySku(broom.sku()).block(WAIT).onHand()).isZero();
	}

	@Test
	void theWarehouseSeesTheBackOrderWithItsDateBooksTheBatchAndShipsIt() {
		Employee manager = data.employee(Role.MANAGER);
		Employee warehouse = data.employee(Role.WAREHOUSE);
		Client client = data.client(manager);
		Product broom = demoGreenTurboBroom();
		Order order = as(manager.login()).post()
			.uri("/api/clients/{id}/orders", client.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("lines", List.of(Map.of("sku", broom.sku(), "quantity", 3, "backorder", true))))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();
		Browser browser = browsers.open();
		browser.signIn(warehouse.login(), TestData.PASSWORD);
		browser.open("/warehouse");

		By row = By.cssSelector("#warehouse-feed tr[data-order-id='" + order.id() + "']");
		WebElement shown = browser.waitFor(row);
		assertThat(shown.findElement(By.cssSelector(".backordered")).getText()).contains(broom.sku(), "3");
		assertThat(shown.findElement(By.cssSelector("button.ship")).isEnabled()).as("waits for the batch").isFalse();

		WebElement receipt = browser.waitFor(By.id("receipt-form"));
		receipt.findElement(By.name("sku")).sendKeys(broom.sku());
		receipt.findElement(By.name("quantity")).sendKeys(String.valueOf(broom.incoming()));
		receipt.findElement(By.cssSelector("button[type='submit']")).click();

		browser.until("the filled order can ship",
				driver -> driver.findElement(row).findElement(By.cssSelector("button.ship")).isEnabled());
		browser.screenshot("back-order-received");
		WebElement ship = browser.driver().findElement(row).findElement(By.cssSelector("button.ship"));
		// The last row can sit under the status line fixed at the bottom: bring it to the
		// middle first, as a user would scroll to it.
		((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", ship);
		ship.click();
		browser.until("the shipped order left the page", driver -> driver.findElements(row).isEmpty());
		Product after = products.requireBySku(broom.sku()).block(WAIT);
		assertThat(after.onHand()).isEqualTo(broom.incoming() - 3);
		assertThat(after.incoming()).isZero();
	}

	/**
	 * The demo's green electric broom with turbo, as {@code demo/catalogue.json} writes
	 * it and the demo stores it today, under a SKU of this test's own.
	 */
	private Product demoGreenTurboBroom() {
		JsonMapper json = JsonMapper.builder().build();
		try (InputStream in = getClass().getResourceAsStream("/demo/catalogue.json")) {
			JsonNode item = null;
			for (JsonNode candidate : json.readTree(in)) {
				if (candidate.get("sku").asString().equals("BRM-EL-GRN-T")) {
					item = candidate;
				}
			}
			assertThat(item).as("the demo's green turbo broom").isNotNull();
			assertThat(item.get("arrivesIn").asString()).isEqualTo("END_OF_MONTH");
			LocalDate endOfMonth = YearMonth.now().atEndOfMonth();
			@SuppressWarnings("unchecked")
			Map<String, Object> attributes = json.treeToValue(item.get("attributes"), Map.class);
			return products
				.create(new Product(0, "BRM-EL-GRN-T-" + data.unique(), item.get("name").asString(), attributes,
						new BigDecimal(item.get("price").asString()), item.get("onHand").asInt(),
						item.get("incoming").asInt(), endOfMonth))
				.block(WAIT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package io.ringside.clients;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.clients.ClientCard.OpenOrder;
import io.ringside.clients.ClientCard.OrderLine;
import io.ringside.clients.ClientCard.ProductStock;
import io.ringside.clients.Contacts.NewContact;
import io.ringside.clients.Figures.ClientFigures;
import io.ringside.clients.Interactions.NewInteraction;
import io.ringside.support.IntegrationTest;
import io.ringside.support.SalesFixture;
import io.ringside.support.SalesFixture.Line;
import io.ringside.support.SalesFixture.Product;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

class CardIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	DatabaseClient db;

	@Autowired
	Contacts contacts;

	@Autowired
	Interactions interactions;

	@Autowired
	Cards cards;

	@Autowired
	SegmentBuyersRefresh offers;

	@Autowired
	JsonMapper json;

	SalesFixture sales;

	@BeforeEach
	void fixture() {
		sales = new SalesFixture(db, data);
	}

	@Test
	void fourOrdersOfTenThousandInTheLastYearMakeALifetimeValueOfOneHundredTwentyThousand() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);
		for (int daysAgo : new int[] { 10, 100, 200, 300 }) {
			sales.order(client, manager, "SHIPPED", "10000.00", daysAgo);
		}
		sales.order(client, manager, "CANCELLED", "99999.00", 20);
		sales.order(client, manager, "SHIPPED", "10000.00", 400);

		ClientCard card = card(manager, client);

		assertThat(card.figures()).isEqualTo(new ClientFigures(new BigDecimal("40000.00"), new BigDecimal("10000.00"),
				4, new BigDecimal("120000.00")));
		as(manager.login()).get()
			.uri("/api/clients/{id}/card", client.id())
			.exchange()
			.expectBody()
			.jsonPath("$.figures.lifetimeValue")
			.isEqualTo(120000.00)
			.jsonPath("$.figures.averageOrder")
			.isEqualTo(10000.00)
			.jsonPath("$.figures.ordersPerYear")
			.isEqualTo(4)
			.jsonPath("$.figures.turnover")
			.isEqualTo(40000.00);
	}

	@Test
	void aClientWithoutOrdersHasZeroFiguresAndNothingOpen() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = data.client(manager);

		ClientCard card = card(manager, client);

		assertThat(card.client()).isEqualTo(client);
		assertThat(card.figures())
			.isEqualTo(new ClientFigures(new BigDecimal("0.00"), new BigDecimal("0.00"), 0, new BigDecimal("0.00")));
		assertThat(card.openOrders()).isEmpty();
		assertThat(card.topProducts()).isEmpty();
		assertThat(card.recentInteractions()).extracting(Interaction::kind)
			.containsExactly(InteractionKind.CLIENT_CREATED);
	}

	@Test
	void showsTheClientItsContactsTheLastTenInteractionsOpenOrdersAndTheStockOfWhatItBuysMost() {
		Employee manager = data.employee(Role.MANAGER);
		String companyNumber = data.uniqueMoscowNumber();
		Client client = data.client(manager, companyNumber);
		String contactNumber = data.uniqueMoscowNumber();
		Contact contact = contacts
			.create(client.id(), new NewContact("Irina Sokolova", "Chief buyer", null, List.of(contactNumber)), manager)
			.block(WAIT);
		Instant base = Instant.now().minus(1, ChronoUnit.DAYS);
		IntStream.rangeClosed(1, 12)
			.forEach(i -> interactions
				.append(new NewInteraction(client.id(), InteractionKind.NOTE, manager.id(),
						base.plus(i, ChronoUnit.MINUTES), null, null, "note " + i))
				.block(WAIT));

		Product rebar = sales.product("Rebar A500C 12 mm", "58000.00", 120, 40, LocalDate.of(2030, 3, 1),
				"{\"diameter\": 12, \"grade\": \"A500C\"}");
		Product angle = sales.product("Angle 50x50");
		Product beam = sales.product("I-beam 20B1");
		Product pipe = sales.product("Pipe 57x3.5");
		Product sheet = sales.product("Sheet 2 mm");
		Product wire = sales.product("Wire 6 mm");
		long older = sales.order(client, manager, "NEW", "350.00", 2, new Line(angle, 3, "100.00"),
				new Line(wire, 1, "50.00"));
		long newer = sales.order(client, manager, "NEW", "200.00", 1, Line.of(sheet, 2));
		sales.order(client, manager, "SHIPPED", "1800.00", 30, Line.of(rebar, 10), Line.of(beam, 5), Line.of(pipe, 3),
				Line.of(angle, 1));
		sales.order(client, manager, "CANCELLED", "10000.00", 5, Line.of(pipe, 100));

		ClientCard card = card(manager, client);

		assertThat(card.client().phoneNumbers()).containsExactly(companyNumber, contactNumber);
		assertThat(card.client().owner().login()).isEqualTo(manager.login());
		assertThat(card.contacts()).containsExactly(contact);
		assertThat(card.recentInteractions()).hasSize(10);
		assertThat(card.recentInteractions().get(0).kind()).isEqualTo(InteractionKind.CLIENT_CREATED);
		assertThat(card.recentInteractions().subList(1, 10)).extracting(Interaction::text)
			.containsExactly("note 12", "note 11", "note 10", "note 9", "note 8", "note 7", "note 6", "note 5",
					"note 4");
		// PostgreSQL keeps microseconds, rounding the nanoseconds Java had.
		assertThat(card.recentInteractions().get(1).occurredAt()).isCloseTo(base.plus(12, ChronoUnit.MINUTES),
				within(1, ChronoUnit.MICROS));
		assertThat(card.recentInteractions().get(1).employeeLogin()).isEqualTo(manager.login());
		assertThat(card.openOrders()).extracting(OpenOrder::id).containsExactly(newer, older);
		OpenOrder olderOrder = card.openOrders().get(1);
		assertThat(olderOrder.total()).isEqualTo(new BigDecimal("350.00"));
		assertThat(olderOrder.employeeLogin()).isEqualTo(manager.login());
		assertThat(olderOrder.lines()).containsExactlyInAnyOrder(
				new OrderLine(angle.sku(), angle.name(), 3, new BigDecimal("100.00")),
				new OrderLine(wire.sku(), wire.name(), 1, new BigDecimal("50.00")));
		assertThat(card.topProducts()).extracting(ProductStock::sku, ProductStock::quantityBought)
			.containsExactly(bought(rebar, 10), bought(beam, 5), bought(angle, 4), bought(pipe, 3), bought(sheet, 2));
		assertThat(card.topProducts().get(0))
			.isEqualTo(new ProductStock(rebar.sku(), rebar.name(), Map.of("diameter", 12, "grade", "A500C"),
					new BigDecimal("58000.00"), 120, 40, LocalDate.of(2030, 3, 1), 10));
	}

	/**
	 * A card's lists are sent as PostgreSQL wrote them: their JSON is what the
	 * application's mapper writes from the records, member for member (nulls left out, in
	 * a product's attributes too, as the mapper leaves out a map's nulls; instants in UTC
	 * with as many digits of a second as they need).
	 */
	@Test
	void aCardsListsAreWrittenAsTheApplicationWritesTheirRecords() {
		Employee manager = data.employee(Role.MANAGER);
		String segment = "Segment " + data.unique();
		Client client = data.clientIn(segment, manager);
		Client neighbour = data.clientIn(segment, manager);
		contacts
			.create(client.id(), new NewContact("Irina Sokolova", null, null, List.of(data.uniqueMoscowNumber())),
					manager)
			.block(WAIT);
		contacts.create(client.id(), new NewContact("Oleg Petrov", "Buyer", "oleg@example.com", List.of()), manager)
			.block(WAIT);
		for (String at : new String[] { "2026-03-01T10:00:00Z", "2026-03-01T10:00:00.120Z",
				"2026-03-01T10:00:00.123400Z", "2026-03-01T10:00:00.000001Z" }) {
			interactions
				.append(new NewInteraction(client.id(), InteractionKind.NOTE, null, Instant.parse(at),
						"call-" + data.unique(), null, "at " + at))
				.block(WAIT);
		}
		Product rebar = sales.product("Rebar A500C 12 mm", "58000.50", 120, 40, LocalDate.of(2030, 3, 1),
				"{\"diameter\": 12, \"grade\": \"A500C\", \"coated\": false, \"finish\": null}");
		Product angle = sales.product("Angle 50x50");
		sales.order(client, manager, "NEW", "350.00", 2, new Line(angle, 3, "100.00"), new Line(rebar, 1, "50.10"));
		sales.order(client, manager, "SHIPPED", "580005.00", 30, Line.of(rebar, 10));
		sales.order(neighbour, manager, "SHIPPED", "100.00", 3, Line.of(angle, 1), Line.of(sales.product("Beam"), 2));
		await("segment_buyers refreshed").atMost(WAIT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> Boolean.TRUE.equals(offers.refresh().block()));

		ClientCard sent = cards.of(client.id()).block(WAIT);
		ClientCard records = new ClientCard(sent.client(), sent.figures(), List.copyOf(sent.contacts()),
				List.copyOf(sent.recentInteractions()), List.copyOf(sent.openOrders()), List.copyOf(sent.topProducts()),
				List.copyOf(sent.alsoBuy()));

		assertThat(sent.contacts()).as("sent as written").isInstanceOf(JsonList.class);
		assertThat(records.contacts()).hasSize(2);
		assertThat(records.recentInteractions()).hasSize(5);
		assertThat(records.openOrders()).hasSize(1);
		assertThat(records.topProducts()).hasSize(2);
		assertThat(records.alsoBuy()).hasSize(1);
		assertThat(json.readTree(json.writeValueAsString(sent)))
			.isEqualTo(json.readTree(json.writeValueAsString(records)));
	}

	@Test
	void theCardOfAClientThatDoesNotExistIsNotFound() {
		Employee manager = data.employee(Role.MANAGER);

		as(manager.login()).get().uri("/api/clients/{id}/card", Long.MAX_VALUE).exchange().expectStatus().isNotFound();
	}

	private ClientCard card(Employee employee, Client client) {
		return as(employee.login()).get()
			.uri("/api/clients/{id}/card", client.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ClientCard.class)
			.returnResult()
			.getResponseBody();
	}

	private static Tuple bought(Product product, long quantity) {
		return Tuple.tuple(product.sku(), quantity);
	}

}

package io.ringside.clients;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.clients.ClientCard.Suggestion;
import io.ringside.support.IntegrationTest;
import io.ringside.support.SalesFixture;
import io.ringside.support.SalesFixture.Line;
import io.ringside.support.SalesFixture.Product;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The card's {@code alsoBuy} (issue #14, part 5), on real orders in PostgreSQL, read once
 * the offers' counts are refreshed (as {@link SegmentBuyersRefresh} does every interval).
 * Each test has a segment (industry) of its own, so the other tests' clients are not in
 * it.
 */
class AlsoBuyIntegrationTests extends IntegrationTest {

	@Autowired
	DatabaseClient db;

	@Autowired
	SegmentBuyersRefresh offers;

	SalesFixture sales;

	Employee manager;

	String segment;

	@BeforeEach
	void fixture() {
		sales = new SalesFixture(db, data);
		manager = data.employee(Role.MANAGER);
		segment = "Segment " + data.unique();
	}

	@Test
	void offersWhatMostClientsOfTheSegmentBuyAndTheClientNeverBought() {
		Client client = data.clientIn(segment, manager);
		Client first = data.clientIn(segment, manager);
		Client second = data.clientIn(segment, manager);
		Client shouting = data.clientIn(segment.toUpperCase(), manager);
		Client fourth = data.clientIn(segment, manager);
		Client elsewhere = data.clientIn("Other " + segment, manager);
		Product beam = sales.product("I-beam 20B1", "58000.00", 120, 40, LocalDate.of(2030, 3, 1),
				"{\"grade\": \"S355\"}");
		Product pipe = sales.product("Pipe 57x3.5");
		Product wire = sales.product("Wire 6 mm");
		Product angle = sales.product("Angle 50x50");
		Product sheet = sales.product("Sheet 2 mm");
		buys(first, beam, pipe, angle);
		buys(second, beam, pipe, angle);
		buys(shouting, beam, angle);
		// many units in many orders are still one client buying it
		buys(fourth, wire);
		sales.order(fourth, manager, "SHIPPED", "100.00", 3, Line.of(wire, 500));
		// the client's own purchase, which three others share: nothing to offer there
		sales.order(client, manager, "SHIPPED", "100.00", 1, Line.of(angle, 1));
		// another segment's favourite
		IntStream.range(0, 3).forEach(i -> buys(elsewhere, sheet));

		ClientCard card = card(client);

		assertThat(card.alsoBuy()).extracting(Suggestion::sku, Suggestion::buyers)
			.containsExactly(offer(beam, 3), offer(pipe, 2), offer(wire, 1));
		assertThat(card.alsoBuy().get(0)).isEqualTo(new Suggestion(beam.sku(), beam.name(), Map.of("grade", "S355"),
				new BigDecimal("58000.00"), 120, 40, LocalDate.of(2030, 3, 1), 3));
	}

	@Test
	void cancelledOrdersNeitherCountForTheSegmentNorMeanTheClientBoughtIt() {
		Client client = data.clientIn(segment, manager);
		Client peer = data.clientIn(segment, manager);
		Client other = data.clientIn(segment, manager);
		Product cancelledByPeer = sales.product("Rebar 12 mm");
		Product cancelledByClient = sales.product("Rebar 16 mm");
		sales.order(peer, manager, "CANCELLED", "100.00", 2, Line.of(cancelledByPeer, 5));
		sales.order(other, manager, "CANCELLED", "100.00", 2, Line.of(cancelledByPeer, 5));
		sales.order(peer, manager, "NEW", "100.00", 2, Line.of(cancelledByClient, 1));
		sales.order(other, manager, "SHIPPED", "100.00", 2, Line.of(cancelledByClient, 1));
		sales.order(client, manager, "CANCELLED", "100.00", 1, Line.of(cancelledByClient, 1));

		assertThat(card(client).alsoBuy()).extracting(Suggestion::sku, Suggestion::buyers)
			.containsExactly(offer(cancelledByClient, 2));
	}

	@Test
	void offersAtMostFiveAndBreaksTiesBySku() {
		Client client = data.clientIn(segment, manager);
		Client first = data.clientIn(segment, manager);
		Client second = data.clientIn(segment, manager);
		List<Product> twice = List.of(sales.product("Nut M10"), sales.product("Nut M12"));
		List<Product> once = IntStream.range(0, 5).mapToObj(i -> sales.product("Bolt M" + (10 + i))).toList();
		buys(first, Stream.concat(twice.stream(), once.stream()).toArray(Product[]::new));
		buys(second, twice.toArray(Product[]::new));
		List<String> expected = Stream
			.concat(twice.stream().map(Product::sku).sorted(), once.stream().map(Product::sku).sorted().limit(3))
			.toList();

		assertThat(card(client).alsoBuy()).extracting(Suggestion::sku).containsExactlyElementsOf(expected);
	}

	@Test
	void archivedClientsAreNoLongerPartOfTheSegment() {
		Client client = data.clientIn(segment, manager);
		Client archived = data.clientIn(segment, manager);
		buys(archived, sales.product("Channel 10P"));
		db.sql("update clients set archived_at = now() where id = :id").bind("id", archived.id()).then().block();

		assertThat(card(client).alsoBuy()).isEmpty();
	}

	@Test
	void aClientAloneInItsSegmentIsOfferedNothing() {
		Client client = data.clientIn(segment, manager);
		buys(client, sales.product("Strip 40x4"));
		refreshOffers();

		as(manager.login()).get()
			.uri("/api/clients/{id}/card", client.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.alsoBuy")
			.isArray()
			.jsonPath("$.alsoBuy.length()")
			.isEqualTo(0);
	}

	@Test
	void offersCountPurchasesAsOfTheLastRefreshAndOneInstanceRefreshesAtATime() {
		Client client = data.clientIn(segment, manager);
		Client peer = data.clientIn(segment, manager);
		Product beam = sales.product("I-beam 30B1");
		Product pipe = sales.product("Pipe 76x4");
		buys(peer, beam);
		refreshOffers();
		// bought after the refresh: not counted until the next one
		buys(peer, pipe);
		// another instance refreshing holds the lock: this one skips its turn
		Boolean skipped = db
			.inConnection(
					connection -> Mono
						.from(connection.createStatement("select pg_advisory_lock($1)")
							.bind("$1", SegmentBuyersRefresh.LOCK)
							.execute())
						.flatMap(result -> Mono.from(result.getRowsUpdated()))
						.then(offers.refresh())
						.flatMap(refreshed -> Mono
							.from(connection.createStatement("select pg_advisory_unlock($1)")
								.bind("$1", SegmentBuyersRefresh.LOCK)
								.execute())
							.flatMap(result -> Mono.from(result.getRowsUpdated()))
							.thenReturn(refreshed)))
			.block();
		assertThat(skipped).isFalse();

		assertThat(as(manager.login()).get()
			.uri("/api/clients/{id}/card", client.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ClientCard.class)
			.returnResult()
			.getResponseBody()
			.alsoBuy()).extracting(Suggestion::sku).containsExactly(beam.sku());
		assertThat(card(client).alsoBuy()).extracting(Suggestion::sku).containsExactly(beam.sku(), pipe.sku());
	}

	/** One shipped order with one unit of each. */
	private void buys(Client client, Product... products) {
		sales.order(client, manager, "SHIPPED", "100.00", 10,
				Stream.of(products).map(p -> Line.of(p, 1)).toArray(Line[]::new));
	}

	private ClientCard card(Client client) {
		refreshOffers();
		return as(manager.login()).get()
			.uri("/api/clients/{id}/card", client.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ClientCard.class)
			.returnResult()
			.getResponseBody();
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

	private static Tuple offer(Product product, long buyers) {
		return Tuple.tuple(product.sku(), buyers);
	}

}

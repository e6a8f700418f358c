package io.ringside.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.ringside.clients.InteractionKind;
import io.ringside.clients.PhoneNumbers;
import io.ringside.demo.DemoCompany.Company;
import io.ringside.demo.DemoCompany.Entry;
import io.ringside.demo.DemoCompany.Order;
import io.ringside.demo.DemoCompany.Product;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class DemoCompanyTests {

	private static final Instant NOW = Instant.parse("2026-03-11T10:15:00Z");

	private static final PhoneNumbers PHONE_NUMBERS = new PhoneNumbers(new PhoneNumbers.Settings("RU"));

	private final DemoCompany company = DemoCompany.generate(DemoCompany.SEED, NOW, PHONE_NUMBERS);

	@Test
	void theSameSeedAndMomentGiveTheSameCompany() {
		assertThat(DemoCompany.generate(DemoCompany.SEED, NOW, PHONE_NUMBERS)).isEqualTo(company);
	}

	@Test
	void anotherSeedGivesOtherClients() {
		DemoCompany other = DemoCompany.generate(DemoCompany.SEED + 1, NOW, PHONE_NUMBERS);
		assertThat(other.clients()).isNotEqualTo(company.clients());
	}

	@Test
	void industriesSplitSixtyTwentyFiveFifteenAsInTheBook() {
		Map<String, Long> industries = company.clients()
			.stream()
			.collect(Collectors.groupingBy(Company::industry, Collectors.counting()));
		double all = company.clients().size();
		assertThat(all).isEqualTo(200);
		assertThat(industries.get("Metallurgy") / all).isCloseTo(0.60, offset(0.03));
		assertThat(industries.get("Machine building") / all).isCloseTo(0.25, offset(0.03));
		long others = company.clients().size() - industries.get("Metallurgy") - industries.get("Machine building");
		assertThat(others / all).isCloseTo(0.15, offset(0.03));
		assertThat(industries).hasSizeGreaterThanOrEqualTo(5);
	}

	@Test
	void everyNumberIsValidInE164AndBelongsToOneClientOnly() {
		List<String> numbers = company.clients()
			.stream()
			.flatMap(client -> Stream.concat(Stream.of(client.mainNumber()),
					client.contacts().stream().map(DemoCompany.Contact::number)))
			.toList();
		assertThat(numbers).hasSizeGreaterThan(company.clients().size() * 2);
		assertThat(numbers).allSatisfy(number -> {
			assertThat(PHONE_NUMBERS.toE164(number)).contains(number);
			assertThat(number).matches("\\+7\\d{10}");
		});
		assertThat(new HashSet<>(numbers)).hasSameSizeAs(numbers);
	}

	@Test
	void everyClientHasAUniqueTenDigitTaxIdWithItsCheckDigitAndOneToThreeContacts() {
		int[] weights = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
		assertThat(company.clients()).allSatisfy(client -> {
			assertThat(client.taxId()).matches("\\d{10}");
			int sum = 0;
			for (int i = 0; i < 9; i++) {
				sum += weights[i] * (client.taxId().charAt(i) - '0');
			}
			assertThat(client.taxId().charAt(9) - '0').isEqualTo(sum % 11 % 10);
			assertThat(client.contacts()).hasSizeBetween(1, 3);
		});
		assertThat(distinct(company.clients(), Company::taxId)).hasSize(200);
		assertThat(distinct(company.clients(), c -> c.name().toLowerCase())).hasSize(200);
	}

	@Test
	void aboutOneClientInEightIsVipAndTheHeadOfSalesOwnsAFewKeyAccounts() {
		long vips = company.clients().stream().filter(Company::vip).count();
		assertThat(vips).isBetween(20L, 30L);
		Map<String, Long> owners = company.clients()
			.stream()
			.collect(Collectors.groupingBy(Company::ownerLogin, Collectors.counting()));
		assertThat(owners.keySet()).containsExactlyInAnyOrder("head", "ivanov", "petrova", "sidorov", "smirnova",
				"kuznetsov");
		assertThat(owners.get("head")).isBetween(5L, 15L);
	}

	@Test
	void theTeamHasAHeadOfSalesFiveManagersOneAwayASupervisorTheWarehouseAndAnAdmin() {
		assertThat(company.team()).extracting(DemoCompany.Member::login)
			.containsExactly("admin", "head", "ivanov", "petrova", "sidorov", "smirnova", "kuznetsov", "supervisor",
					"warehouse");
		assertThat(DemoCompany.managers()).hasSize(5)
			.extracting(DemoCompany.Member::login)
			.contains(DemoCompany.AWAY_MANAGER);
		assertThat(company.team()).filteredOn(m -> m.role() == Role.HEAD_OF_SALES).singleElement().satisfies(head -> {
			assertThat(head.fullName()).isEqualTo("Elena Volkova");
			assertThat(head.extension()).isEqualTo("PJSIP/100");
		});
		assertThat(DemoCompany.managers()).extracting(DemoCompany.Member::extension)
			.containsExactly("PJSIP/101", "PJSIP/102", "PJSIP/103", "PJSIP/104", "PJSIP/105");
	}

	@Test
	void theBooksBroomsAreStockedAsInTheStory() {
		Map<String, Product> products = company.products()
			.stream()
			.collect(Collectors.toMap(Product::sku, Function.identity()));
		assertThat(products).hasSizeGreaterThanOrEqualTo(30);
		Product greenTurbo = products.get(CompanyGenerator.Brooms.GREEN_TURBO);
		assertThat(greenTurbo.attributes()).contains("\"colour\":\"green\"").contains("\"turbo\":true");
		assertThat(greenTurbo.onHand()).isZero();
		assertThat(greenTurbo.incoming()).isPositive();
		assertThat(greenTurbo.incomingDate()).isEqualTo(LocalDate.of(2026, 3, 31));
		Product brownTurbo = products.get(CompanyGenerator.Brooms.BROWN_TURBO);
		assertThat(brownTurbo.attributes()).contains("\"colour\":\"brown\"").contains("\"turbo\":true");
		assertThat(brownTurbo.onHand()).isPositive();
		Product green = products.get(CompanyGenerator.Brooms.GREEN);
		assertThat(green.attributes()).contains("\"colour\":\"green\"").contains("\"turbo\":false");
		assertThat(green.onHand()).isPositive();
	}

	@Test
	void ordersFallWithinTheLastYearAfterTheClientArrivedAndTotalTheirLines() {
		Set<String> skus = distinct(company.products(), Product::sku);
		assertThat(company.orders()).hasSizeGreaterThan(400);
		assertThat(company.orders()).allSatisfy(order -> {
			Company client = company.clients().get(order.client());
			assertThat(order.placedAt()).isBefore(NOW)
				.isAfter(NOW.minus(366, ChronoUnit.DAYS))
				.isAfter(client.createdAt());
			assertThat(order.employeeLogin()).isEqualTo(client.ownerLogin());
			assertThat(order.lines()).hasSizeBetween(1, 4);
			assertThat(order.lines()).allSatisfy(line -> {
				assertThat(skus).contains(line.sku());
				assertThat(line.quantity()).isPositive();
			});
			assertThat(distinct(order.lines(), DemoCompany.Line::sku)).hasSameSizeAs(order.lines());
			assertThat(order.total()).isEqualByComparingTo(order.lines()
				.stream()
				.map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
				.reduce(BigDecimal.ZERO, BigDecimal::add));
		});
		assertThat(company.orders()).isSortedAccordingTo(Comparator.comparing(Order::placedAt));
		Map<String, Long> statuses = company.orders()
			.stream()
			.collect(Collectors.groupingBy(Order::status, Collectors.counting()));
		assertThat(statuses.get("SHIPPED")).isGreaterThan(company.orders().size() * 9L / 10);
		assertThat(statuses.get("NEW")).isPositive();
		assertThat(company.orders()).filteredOn(order -> order.status().equals("NEW"))
			.allSatisfy(order -> assertThat(order.placedAt()).isAfter(NOW.minus(11, ChronoUnit.DAYS)));
		long perClientMax = company.orders()
			.stream()
			.collect(Collectors.groupingBy(Order::client, Collectors.counting()))
			.values()
			.stream()
			.mapToLong(Long::longValue)
			.max()
			.orElseThrow();
		assertThat(perClientMax).isLessThanOrEqualTo(10);
	}

	@Test
	void historyHasOneCreationPerClientOneEntryPerOrderAndCallsNotesAndDecisions() {
		Map<InteractionKind, List<Entry>> byKind = company.history()
			.stream()
			.collect(Collectors.groupingBy(Entry::kind));
		assertThat(byKind.keySet()).containsExactlyInAnyOrder(InteractionKind.CLIENT_CREATED, InteractionKind.ORDER,
				InteractionKind.CALL_IN, InteractionKind.CALL_OUT, InteractionKind.CALL_MISSED, InteractionKind.NOTE,
				InteractionKind.DECISION);
		assertThat(distinct(byKind.get(InteractionKind.CLIENT_CREATED), Entry::client)).hasSize(200);
		assertThat(byKind.get(InteractionKind.CLIENT_CREATED)).hasSize(200);
		List<Entry> orderEntries = byKind.get(InteractionKind.ORDER);
		assertThat(orderEntries).hasSameSizeAs(company.orders());
		assertThat(orderEntries).allSatisfy(entry -> {
			Order order = company.orders().get(entry.order());
			assertThat(entry.client()).isEqualTo(order.client());
			assertThat(entry.occurredAt()).isEqualTo(order.placedAt());
		});
		assertThat(distinct(orderEntries, Entry::order)).hasSameSizeAs(company.orders());
		assertThat(company.history()).allSatisfy(entry -> {
			assertThat(entry.occurredAt()).isBefore(NOW)
				.isAfterOrEqualTo(company.clients().get(entry.client()).createdAt());
			assertThat(entry.text()).isNotBlank();
			assertThat(entry.callId() != null).isEqualTo(entry.kind().name().startsWith("CALL_"));
		});
		assertThat(company.history()).isSortedAccordingTo(Comparator.comparing(Entry::occurredAt));
	}

	private static <T, K> Set<K> distinct(List<T> rows, Function<T, K> key) {
		return rows.stream().map(key).collect(Collectors.toSet());
	}

}

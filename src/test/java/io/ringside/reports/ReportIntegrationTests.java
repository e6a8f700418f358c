package io.ringside.reports;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.clients.Client;
import io.ringside.clients.Clients;
import io.ringside.clients.Clients.ClientChanges;
import io.ringside.clients.Clients.NewClient;
import io.ringside.clients.Figures.ClientFigures;
import io.ringside.clients.Owner;
import io.ringside.reports.Reports.ClientSummary;
import io.ringside.reports.Reports.Segment;
import io.ringside.reports.Reports.SegmentReport;
import io.ringside.support.IntegrationTest;
import io.ringside.support.SalesFixture;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

class ReportIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final ParameterizedTypeReference<List<ClientSummary>> SUMMARIES = new ParameterizedTypeReference<>() {
	};

	@Autowired
	DatabaseClient db;

	@Autowired
	Clients clients;

	SalesFixture sales;

	@BeforeEach
	void fixture() {
		sales = new SalesFixture(db, data);
	}

	@Test
	void segmentsGiveEachIndustrysShareOfClientsAndOfTurnover() {
		Employee manager = data.employee(Role.MANAGER);
		List<Client> metallurgy = clients(manager, "Metallurgy", 12);
		List<Client> machines = clients(manager, "Machine building", 5);
		List<Client> chemicals = clients(manager, "Chemicals", 3);
		sales.order(metallurgy.get(0), manager, "SHIPPED", "3000.00", 10);
		sales.order(metallurgy.get(1), manager, "NEW", "2000.00", 1);
		sales.order(machines.get(0), manager, "SHIPPED", "2500.00", 100);
		sales.order(machines.get(1), manager, "SHIPPED", "7777.00", 400);
		sales.order(chemicals.get(0), manager, "SHIPPED", "500.00", 200);
		sales.order(chemicals.get(1), manager, "CANCELLED", "50000.00", 5);
		Client archived = clients(manager, "Metallurgy", 1).get(0);
		sales.order(archived, manager, "SHIPPED", "9000.00", 3);
		clients.archive(archived.id(), manager).block(WAIT);

		SegmentReport report = as(manager.login()).get()
			.uri("/api/reports/segments?owner={owner}", manager.login())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(SegmentReport.class)
			.returnResult()
			.getResponseBody();

		assertThat(report).isEqualTo(new SegmentReport(manager.login(), 20, money("8000.00"),
				List.of(new Segment("Metallurgy", 12, percent("60.0"), money("5000.00"), percent("62.5")),
						new Segment("Machine building", 5, percent("25.0"), money("2500.00"), percent("31.3")),
						new Segment("Chemicals", 3, percent("15.0"), money("500.00"), percent("6.3")))));
		as(manager.login()).get()
			.uri("/api/reports/segments?owner={owner}", manager.login())
			.exchange()
			.expectBody()
			.jsonPath("$.segments[0].clientShare")
			.isEqualTo(60.0)
			.jsonPath("$.segments[1].clientShare")
			.isEqualTo(25.0)
			.jsonPath("$.segments[2].clientShare")
			.isEqualTo(15.0);
	}

	@Test
	void aManagerWithoutClientsHasAnEmptyReportWithoutDividingByZero() {
		Employee manager = data.employee(Role.MANAGER);

		as(manager.login()).get()
			.uri("/api/reports/segments?owner={owner}", manager.login())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(SegmentReport.class)
			.isEqualTo(new SegmentReport(manager.login(), 0, money("0.00"), List.of()));
	}

	@Test
	void vipListsTheOwnersVipClientsByNameWithTheirFigures() {
		Employee manager = data.employee(Role.MANAGER);
		Client second = vip(named(manager, "B VIP"), manager);
		Client first = vip(named(manager, "A VIP"), manager);
		named(manager, "C regular");
		Client archived = vip(named(manager, "D VIP archived"), manager);
		clients.archive(archived.id(), manager).block(WAIT);
		sales.order(first, manager, "SHIPPED", "1000.00", 10);
		sales.order(first, manager, "SHIPPED", "3000.00", 500);

		List<ClientSummary> vips = summaries(manager, "/api/reports/vip?owner={owner}", manager.login());

		Owner owner = new Owner(manager.id(), manager.login(), manager.fullName());
		assertThat(vips).containsExactly(
				new ClientSummary(first.id(), first.name(), "Metallurgy", true, owner,
						new ClientFigures(money("1000.00"), money("2000.00"), 1, money("6000.00"))),
				new ClientSummary(second.id(), second.name(), "Metallurgy", true, owner,
						new ClientFigures(money("0.00"), money("0.00"), 0, money("0.00"))));
	}

	@Test
	void lifetimeValueRanksTheOwnersClientsAndKeepsToTheLimit() {
		Employee manager = data.employee(Role.MANAGER);
		Client small = named(manager, "Small");
		Client large = named(manager, "Large");
		Client medium = named(manager, "Medium");
		sales.order(small, manager, "SHIPPED", "100.00", 10);
		sales.order(large, manager, "SHIPPED", "5000.00", 10);
		sales.order(large, manager, "SHIPPED", "5000.00", 20);
		sales.order(medium, manager, "SHIPPED", "6000.00", 10);

		List<ClientSummary> top = summaries(manager, "/api/reports/lifetime-value?limit=2&owner={owner}",
				manager.login());

		assertThat(top).extracting(ClientSummary::id).containsExactly(large.id(), medium.id());
		assertThat(top).extracting(summary -> summary.figures().lifetimeValue())
			.containsExactly(money("30000.00"), money("18000.00"));
	}

	@Test
	void refusesALimitOutsideOneToFiveHundredAndAnUnknownOwner() {
		Employee manager = data.employee(Role.MANAGER);

		as(manager.login()).get().uri("/api/reports/lifetime-value?limit=0").exchange().expectStatus().isBadRequest();
		as(manager.login()).get().uri("/api/reports/lifetime-value?limit=501").exchange().expectStatus().isBadRequest();
		as(manager.login()).get()
			.uri("/api/reports/vip?owner=nobody-" + data.unique())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("owner");
	}

	@Test
	void withoutAnOwnerReportsCoverAllClients() {
		Employee manager = data.employee(Role.MANAGER);
		Client client = named(manager, "Everyone's");
		sales.order(client, manager, "SHIPPED", "900000000.00", 1);

		assertThat(summaries(manager, "/api/reports/lifetime-value?limit=500")).extracting(ClientSummary::id)
			.contains(client.id())
			.hasSizeLessThanOrEqualTo(500);
		as(manager.login()).get()
			.uri("/api/reports/segments")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(SegmentReport.class)
			.value(report -> assertThat(report.clients()).isGreaterThanOrEqualTo(1));
	}

	private List<Client> clients(Employee owner, String industry, int count) {
		List<Client> made = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			made.add(clients
				.create(new NewClient(industry + " " + data.unique(), null, industry, false, owner.login(), List.of()),
						owner)
				.block(WAIT));
		}
		return made;
	}

	private Client named(Employee owner, String name) {
		return clients
			.create(new NewClient(name + " " + data.unique(), null, "Metallurgy", false, owner.login(), List.of()),
					owner)
			.block(WAIT);
	}

	private Client vip(Client client, Employee owner) {
		return clients.update(client.id(), new ClientChanges(null, null, null, true), owner).block(WAIT);
	}

	private List<ClientSummary> summaries(Employee employee, String uri, Object... variables) {
		return as(employee.login()).get()
			.uri(uri, variables)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(SUMMARIES)
			.returnResult()
			.getResponseBody();
	}

	private static BigDecimal money(String amount) {
		return new BigDecimal(amount);
	}

	private static BigDecimal percent(String share) {
		return new BigDecimal(share);
	}

}

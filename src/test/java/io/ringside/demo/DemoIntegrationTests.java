package io.ringside.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ringside.RingsideApplication;
import io.ringside.clients.Client;
import io.ringside.clients.Clients.ClientPage;
import io.ringside.clients.Interaction;
import io.ringside.clients.InteractionKind;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo as {@code ./mvnw spring-boot:run} starts it: profile {@code demo}, no
 * {@code spring.r2dbc.url}, so the application starts its own embedded PostgreSQL, here
 * on a fresh folder. It does not extend {@code IntegrationTest}, whose database is the
 * shared test server.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void firstStartSeedsACompanyThatTheDemoLoginsSeeThroughTheApi(@TempDir Path data, CapturedOutput output) {
		try (ConfigurableApplicationContext demo = start(data)) {
			assertThat(demo.getBeanProvider(EmbeddedPostgres.class).getIfAvailable())
				.as("the application's own embedded PostgreSQL")
				.isNotNull();
			WebTestClient head = as(demo, "head");

			assertThat(clients(head, "")).isEqualTo(CompanyGenerator.CLIENTS);
			assertThat(clients(head, "&industry=Metallurgy")).isBetween(110L, 130L);
			assertThat(clients(head, "&industry=Machine building")).isBetween(40L, 60L);
			assertThat(clients(head, "&vip=true")).isBetween(20L, 30L);
			assertThat(clients(head, "&owner=head")).isPositive();

			List<Employee> team = head.get()
				.uri("/api/employees")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBodyList(Employee.class)
				.returnResult()
				.getResponseBody();
			assertThat(team).extracting(Employee::login)
				.containsExactlyInAnyOrder("admin", "head", "ivanov", "petrova", "sidorov", "smirnova", "kuznetsov",
						"supervisor", "warehouse");
			assertThat(team).filteredOn(e -> e.role() == Role.MANAGER)
				.extracting(Employee::extension)
				.containsExactlyInAnyOrder("PJSIP/101", "PJSIP/102", "PJSIP/103", "PJSIP/104", "PJSIP/105");
			assertThat(team).filteredOn(e -> e.login().equals("head"))
				.singleElement()
				.satisfies(e -> assertThat(e).extracting(Employee::fullName, Employee::role, Employee::extension)
					.containsExactly("Elena Volkova", Role.HEAD_OF_SALES, "PJSIP/100"));

			Client first = head.get()
				.uri("/api/clients?size=1")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(ClientPage.class)
				.returnResult()
				.getResponseBody()
				.items()
				.get(0);
			String domestic = "8 (" + first.phoneNumbers().get(0).substring(2, 5) + ") "
					+ first.phoneNumbers().get(0).substring(5);
			head.get()
				.uri(b -> b.path("/api/lookup").queryParam("number", domestic).build())
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.client.id")
				.isEqualTo(first.id());
			List<Interaction> history = head.get()
				.uri("/api/clients/{id}/interactions?limit=500", first.id())
				.exchange()
				.expectStatus()
				.isOk()
				.expectBodyList(Interaction.class)
				.returnResult()
				.getResponseBody();
			assertThat(history).extracting(Interaction::kind).contains(InteractionKind.CLIENT_CREATED);

			head.get()
				.uri("/api/rules")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$[*].key")
				.isEqualTo(List.of("DEFAULT", "VIP", "SEGMENT:Metallurgy"))
				.jsonPath("$[1].callbackDeadline")
				.isEqualTo("PT10M")
				.jsonPath("$[1].priority")
				.isEqualTo("HIGH")
				.jsonPath("$[1].script.text.ru")
				.exists()
				.jsonPath("$[1].chain[1].step")
				.isEqualTo("DEPUTY");

			as(demo, "admin").get()
				.uri("/api/employees/me")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.role")
				.isEqualTo("ADMIN");
			web(demo).get()
				.uri("/api/employees/me")
				.headers(h -> h.setBasicAuth("admin", "not-demo"))
				.exchange()
				.expectStatus()
				.isUnauthorized();

			DatabaseClient db = demo.getBean(DatabaseClient.class);
			db.sql("select count(*) as applied from flyway_schema_history where success")
				.map(row -> row.get("applied", Long.class))
				.one()
				.as(StepVerifier::create)
				.assertNext(applied -> assertThat(applied).isPositive())
				.expectComplete()
				.verify(WAIT);
			db.sql("select sku, on_hand, incoming, incoming_date, attributes::text as attributes from products "
					+ "where sku like 'BRM-EL-%'")
				.map(row -> new Stocked(row.get("sku", String.class), row.get("on_hand", Integer.class),
						row.get("incoming", Integer.class), row.get("incoming_date", LocalDate.class),
						row.get("attributes", String.class)))
				.all()
				.collectMap(Stocked::sku)
				.as(StepVerifier::create)
				.assertNext(brooms -> {
					Stocked greenTurbo = brooms.get(CompanyGenerator.Brooms.GREEN_TURBO);
					LocalDate today = LocalDate.now(DemoCompany.ZONE);
					assertThat(greenTurbo.onHand()).isZero();
					assertThat(greenTurbo.incoming()).isPositive();
					assertThat(greenTurbo.incomingDate())
						.isEqualTo(greenTurbo.incomingDate().withDayOfMonth(greenTurbo.incomingDate().lengthOfMonth()))
						.isBetween(today.minusDays(1), today.plusDays(31));
					assertThat(greenTurbo.attributes()).contains("\"turbo\": true").contains("\"colour\": \"green\"");
					Stocked brownTurbo = brooms.get(CompanyGenerator.Brooms.BROWN_TURBO);
					assertThat(brownTurbo.onHand()).isPositive();
					assertThat(brownTurbo.attributes()).contains("\"turbo\": true").contains("\"colour\": \"brown\"");
					Stocked green = brooms.get(CompanyGenerator.Brooms.GREEN);
					assertThat(green.onHand()).isPositive();
					assertThat(green.attributes()).contains("\"turbo\": false").contains("\"colour\": \"green\"");
				})
				.expectComplete()
				.verify(WAIT);
			db.sql("select (select count(*) from orders) as orders, "
					+ "(select count(*) from interactions where kind = 'ORDER' and order_id is not null) as order_entries, "
					+ "(select count(*) from orders o where o.total <> (select sum(l.quantity * l.unit_price) "
					+ "from order_lines l where l.order_id = o.id)) as wrong_totals, "
					+ "(select count(*) from orders where placed_at < now() - interval '366 days') as too_old")
				.map(row -> List.of(row.get("orders", Long.class), row.get("order_entries", Long.class),
						row.get("wrong_totals", Long.class), row.get("too_old", Long.class)))
				.one()
				.as(StepVerifier::create)
				.assertNext(counts -> {
					assertThat(counts.get(0)).isGreaterThan(400);
					assertThat(counts.get(1)).isEqualTo(counts.get(0));
					assertThat(counts.get(2)).isZero();
					assertThat(counts.get(3)).isZero();
				})
				.expectComplete()
				.verify(WAIT);

			int port = port(demo);
			assertThat(output.getOut()).contains("Seeded the demo company")
				.contains("Ringside demo is ready: open http://localhost:" + port)
				.contains("head (Elena Volkova)");
		}
	}

	@Test
	void aRestartOnTheSameDataKeepsTheCompanyAndSeedsNothingTwice(@TempDir Path data, CapturedOutput output) {
		long clients;
		int employees;
		long history;
		try (ConfigurableApplicationContext first = start(data)) {
			clients = clients(as(first, "head"), "");
			employees = team(first);
			history = historyEntries(first);
		}
		try (ConfigurableApplicationContext second = start(data)) {
			assertThat(clients(as(second, "head"), "")).isEqualTo(clients).isEqualTo(CompanyGenerator.CLIENTS);
			assertThat(team(second)).isEqualTo(employees).isEqualTo(DemoCompany.TEAM.size());
			assertThat(historyEntries(second)).isEqualTo(history);
			assertThat(output.getOut()).contains("kept its data and seeded nothing");
		}
	}

	private record Stocked(String sku, int onHand, int incoming, LocalDate incomingDate, String attributes) {
	}

	private static ConfigurableApplicationContext start(Path data) {
		// Command-line arguments, because they win over application.yml, which names a
		// port and a data folder.
		return new SpringApplicationBuilder(RingsideApplication.class).profiles("demo")
			.run("--server.port=0", "--ringside.embedded-postgres.data-dir=" + data.resolve("postgres"));
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static WebTestClient web(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port(context)).responseTimeout(WAIT).build();
	}

	private static WebTestClient as(ConfigurableApplicationContext context, String login) {
		return web(context).mutate()
			.defaultHeaders(headers -> headers.setBasicAuth(login, DemoCompany.PASSWORD))
			.build();
	}

	private static long clients(WebTestClient client, String filter) {
		return client.get()
			.uri("/api/clients?size=1" + filter)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ClientPage.class)
			.returnResult()
			.getResponseBody()
			.total();
	}

	private static int team(ConfigurableApplicationContext context) {
		return as(context, "head").get()
			.uri("/api/employees")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Employee.class)
			.returnResult()
			.getResponseBody()
			.size();
	}

	private static long historyEntries(ConfigurableApplicationContext context) {
		Long count = context.getBean(DatabaseClient.class)
			.sql("select count(*) as entries from interactions")
			.map(row -> row.get("entries", Long.class))
			.one()
			// The test thread may wait; BlockHound only guards the event loops.
			.block(WAIT);
		return count;
	}

}

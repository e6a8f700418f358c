package io.ringside.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import io.ringside.rules.ChainStep.Step;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/rules} (issue #14): the head of sales stores a tier's rule, the next call
 * is served by it on this instance, a field left out is inherited, bad rules are refused
 * with every problem named, and only the head of sales and the admin change rules. Tests
 * work on segments of their own; the one that stores a VIP rule removes it again.
 */
class RulesIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	Rules rules;

	@Autowired
	DatabaseClient db;

	private boolean storedVip;

	@AfterEach
	void removeTheVipRule() {
		if (storedVip) {
			as(data.employee(Role.ADMIN).login()).delete().uri("/api/rules/VIP").exchange();
		}
	}

	@Test
	void aSegmentsRuleServesItsClientsAtOnceAndInheritsWhatItLeavesOut() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		String industry = "Rules " + data.unique();
		WorkRule before = rules.forClient(false, industry);

		put(head, "SEGMENT:" + industry, """
				{"callbackDeadline": "PT7M",
				 "script": {"title": "Kilns", "text": {"en": "Ask about the kilns.", "ru": "Спросите о печах."}}}""")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.key")
			.isEqualTo("SEGMENT:" + industry)
			.jsonPath("$.callbackDeadline")
			.isEqualTo("PT7M")
			.jsonPath("$.priority")
			.doesNotExist()
			.jsonPath("$.script.text.ru")
			.isEqualTo("Спросите о печах.")
			.jsonPath("$.updatedBy")
			.isEqualTo(head.login());

		WorkRule served = rules.forClient(false, industry.toUpperCase());
		assertThat(served.tier()).isEqualTo("SEGMENT:" + industry);
		assertThat(served.callbackDeadline()).isEqualTo(Duration.ofMinutes(7));
		assertThat(served.script())
			.isEqualTo(new Script("Kilns", Map.of("en", "Ask about the kilns.", "ru", "Спросите о печах.")));
		assertThat(served.priority()).isEqualTo(before.priority());
		assertThat(served.chain()).isEqualTo(before.chain());
		assertThat(count("select count(*) as n from audit_trail where action = 'RULE_CHANGED' and entity_id = 'SEGMENT:"
				+ industry + "'"))
			.isEqualTo(1);
	}

	@Test
	void aRuleIsReplacedWholeUnderItsKeyWhateverTheCase() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		String industry = "Case " + data.unique();
		put(head, "SEGMENT:" + industry, "{\"priority\": \"HIGH\", \"callbackDeadline\": \"PT5M\"}").expectStatus()
			.isOk();

		put(head, "segment:" + industry.toLowerCase(), "{\"priority\": \"normal\"}").expectStatus().isOk();

		assertThat(count("select count(*) as n from work_rules where lower(key) = lower('SEGMENT:" + industry + "')"))
			.isEqualTo(1);
		as(head.login()).get()
			.uri("/api/rules/{key}", "SEGMENT:" + industry)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.priority")
			.isEqualTo("NORMAL")
			.jsonPath("$.callbackDeadline")
			.doesNotExist();
		assertThat(rules.forClient(false, industry).priority()).isEqualTo(Priority.NORMAL);
	}

	@Test
	void theVipRuleWinsOverTheSegmentsAndTakesWhatItLeavesOutFromIt() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		String industry = "Vip " + data.unique();
		put(head, "SEGMENT:" + industry, "{\"callbackDeadline\": \"PT12M\", \"priority\": \"NORMAL\"}").expectStatus()
			.isOk();
		storedVip = true;

		put(head, "VIP", """
				{"priority": "HIGH", "chain": [{"step": "OWNER", "ringTime": "PT15S"},
				 {"step": "DEPUTY", "ringTime": "PT15S"}, {"step": "HEAD_OF_SALES", "ringTime": "PT30S"}]}""")
			.expectStatus()
			.isOk();

		WorkRule vip = rules.forClient(true, industry);
		assertThat(vip.tier()).isEqualTo("VIP");
		assertThat(vip.priority()).isEqualTo(Priority.HIGH);
		assertThat(vip.callbackDeadline()).isEqualTo(Duration.ofMinutes(12));
		assertThat(vip.chain()).containsExactly(new ChainStep(Step.OWNER, Duration.ofSeconds(15)),
				new ChainStep(Step.DEPUTY, Duration.ofSeconds(15)),
				new ChainStep(Step.HEAD_OF_SALES, Duration.ofSeconds(30)));
		assertThat(rules.forClient(false, industry).priority()).isEqualTo(Priority.NORMAL);

		as(head.login()).delete().uri("/api/rules/VIP").exchange().expectStatus().isNoContent();

		assertThat(rules.forClient(true, industry).tier()).isEqualTo("SEGMENT:" + industry);
		as(head.login()).delete().uri("/api/rules/VIP").exchange().expectStatus().isNotFound();
	}

	@Test
	void theListStartsWithTheDefaultAndHasEveryRuleStored() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		String industry = "Listed " + data.unique();
		put(head, "SEGMENT:" + industry, "{\"priority\": \"HIGH\"}").expectStatus().isOk();

		as(data.employee(Role.MANAGER).login()).get()
			.uri("/api/rules")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].key")
			.isEqualTo("DEFAULT")
			.jsonPath("$[0].callbackDeadline")
			.exists()
			.jsonPath("$[0].chain[0].step")
			.exists()
			.jsonPath("$[?(@.key == 'SEGMENT:" + industry + "')].priority")
			.isEqualTo(List.of("HIGH"));
	}

	@Test
	void aBadRuleIsRefusedWithEveryProblemNamedAndNothingStored() {
		Employee head = data.employee(Role.HEAD_OF_SALES);
		String industry = "Bad " + data.unique();

		put(head, "SEGMENT:" + industry, """
				{"callbackDeadline": "ten minutes", "priority": "URGENT",
				 "script": {"title": "", "text": {"en": "Hello", "de": "Hallo"}},
				 "chain": [{"step": "OWNER", "ringTime": "PT1S"}, {"step": "OWNER", "ringTime": "PT20S"},
				  {"step": "MOON"}]}""").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.isEqualTo(List.of("callbackDeadline", "priority", "script.title", "script.text.ru", "script.text.de",
					"chain[0].ringTime", "chain[1].step", "chain[2].step", "chain[2].ringTime"));
		put(head, "GOLD", "{\"priority\": \"HIGH\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("key");
		put(head, "SEGMENT:" + industry, "{\"priorty\": \"HIGH\"}").expectStatus().isBadRequest();
		put(head, "SEGMENT:" + industry, "{\"chain\": []}").expectStatus().isBadRequest();

		assertThat(count("select count(*) as n from work_rules where key = 'SEGMENT:" + industry + "'")).isZero();
	}

	@Test
	void onlyTheHeadOfSalesAndTheAdminChangeRulesWhileEveryoneReadsThem() {
		String key = "SEGMENT:Roles " + data.unique();
		for (Role role : new Role[] { Role.MANAGER, Role.SUPERVISOR, Role.WAREHOUSE }) {
			Employee someone = data.employee(role);
			put(someone, key, "{\"priority\": \"HIGH\"}").expectStatus().isForbidden();
			as(someone.login()).get().uri("/api/rules").exchange().expectStatus().isOk();
		}
		put(data.employee(Role.ADMIN), key, "{\"priority\": \"HIGH\"}").expectStatus().isOk();
	}

	private ResponseSpec put(Employee who, String key, String json) {
		return as(who.login()).put()
			.uri("/api/rules/{key}", key)
			.header("Content-Type", "application/json")
			.bodyValue(json)
			.exchange();
	}

	private long count(String sql) {
		return db.sql(sql).map(row -> row.get("n", Long.class)).one().block(WAIT);
	}

}

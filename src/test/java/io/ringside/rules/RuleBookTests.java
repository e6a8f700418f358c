package io.ringside.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ringside.rules.ChainStep.Step;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which rule a client is served by: VIP, then the client's segment, then DEFAULT, then
 * the built-in one, each field from the most specific rule that sets it.
 */
class RuleBookTests {

	private static final List<ChainStep> BUILT_IN_CHAIN = List.of(new ChainStep(Step.OWNER, Duration.ofSeconds(20)),
			new ChainStep(Step.HEAD_OF_SALES, Duration.ofSeconds(20)));

	private static final Rule BUILT_IN = new Rule(Duration.ofMinutes(30), Priority.NORMAL, null, BUILT_IN_CHAIN);

	private static final Script VIP_SCRIPT = new Script("VIP", Map.of("en", "Hello", "ru", "Здравствуйте"));

	private static final Script STEEL_SCRIPT = new Script("Steel", Map.of("en", "Furnaces?", "ru", "Печи?"));

	private static final List<ChainStep> VIP_CHAIN = List.of(new ChainStep(Step.OWNER, Duration.ofSeconds(15)),
			new ChainStep(Step.DEPUTY, Duration.ofSeconds(15)),
			new ChainStep(Step.HEAD_OF_SALES, Duration.ofSeconds(30)));

	private final RuleBook book = new RuleBook(
			List.of(stored("VIP", new Rule(Duration.ofMinutes(10), Priority.HIGH, VIP_SCRIPT, VIP_CHAIN)),
					stored("SEGMENT:Metallurgy", new Rule(Duration.ofMinutes(20), null, STEEL_SCRIPT, null)),
					stored("DEFAULT", new Rule(Duration.ofMinutes(45), null, null, null))));

	@Test
	void aVipClientIsServedByTheVipRule() {
		assertThat(book.forClient(true, "Metallurgy", BUILT_IN))
			.isEqualTo(new WorkRule("VIP", Duration.ofMinutes(10), Priority.HIGH, VIP_SCRIPT, VIP_CHAIN));
	}

	@Test
	void aSegmentsRuleFillsInWhatItLeavesOutFromTheDefaultThenTheBuiltIn() {
		assertThat(book.forClient(false, "metallurgy", BUILT_IN)).isEqualTo(new WorkRule("SEGMENT:Metallurgy",
				Duration.ofMinutes(20), Priority.NORMAL, STEEL_SCRIPT, BUILT_IN_CHAIN));
	}

	@Test
	void whatTheVipRuleLeavesOutComesFromTheClientsSegment() {
		RuleBook onlyPriority = new RuleBook(List.of(stored("VIP", new Rule(null, Priority.HIGH, null, null)),
				stored("SEGMENT:Metallurgy", new Rule(Duration.ofMinutes(20), null, STEEL_SCRIPT, null))));

		assertThat(onlyPriority.forClient(true, "Metallurgy", BUILT_IN))
			.isEqualTo(new WorkRule("VIP", Duration.ofMinutes(20), Priority.HIGH, STEEL_SCRIPT, BUILT_IN_CHAIN));
	}

	@Test
	void anyOtherClientAndAnUnknownCallerAreServedByTheDefault() {
		WorkRule expected = new WorkRule("DEFAULT", Duration.ofMinutes(45), Priority.NORMAL, null, BUILT_IN_CHAIN);

		assertThat(book.forClient(false, "Retail", BUILT_IN)).isEqualTo(expected);
		assertThat(book.forClient(false, null, BUILT_IN)).isEqualTo(expected);
	}

	@Test
	void withNoRuleStoredTheBuiltInServesUnderTheDefaultsName() {
		assertThat(RuleBook.EMPTY.forClient(true, "Metallurgy", BUILT_IN))
			.isEqualTo(new WorkRule("DEFAULT", Duration.ofMinutes(30), Priority.NORMAL, null, BUILT_IN_CHAIN));
	}

	@Test
	void rulesAreListedDefaultFirstThenVipThenTheSegmentsByName() {
		RuleBook mixed = new RuleBook(List.of(stored("SEGMENT:retail", BUILT_IN), stored("VIP", BUILT_IN),
				stored("SEGMENT:Metallurgy", BUILT_IN), stored("DEFAULT", BUILT_IN)));

		assertThat(mixed.all()).extracting(StoredRule::key)
			.containsExactly("DEFAULT", "VIP", "SEGMENT:Metallurgy", "SEGMENT:retail");
	}

	@Test
	void keysAreReadAsTheyAreStoredWhateverTheCaseTheyCameIn() {
		assertThat(RuleKeys.canonical(" vip ")).contains("VIP");
		assertThat(RuleKeys.canonical("Default")).contains("DEFAULT");
		assertThat(RuleKeys.canonical("segment: Metallurgy ")).contains("SEGMENT:Metallurgy");
		assertThat(RuleKeys.canonical("SEGMENT:")).isEmpty();
		assertThat(RuleKeys.canonical("SEGMENT:" + "x".repeat(101))).isEmpty();
		assertThat(RuleKeys.canonical("GOLD")).isEmpty();
	}

	private static StoredRule stored(String key, Rule rule) {
		return new StoredRule(key, rule, Instant.parse("2026-12-05T10:00:00Z"), "head");
	}

}

package io.ringside.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Every stored rule, as read at one moment; immutable. Resolves the rule a client is
 * served by: VIP (for a VIP client), then the client's segment, then DEFAULT, then the
 * built-in default, each filling in what the one before leaves out.
 */
final class RuleBook {

	static final RuleBook EMPTY = new RuleBook(List.of());

	private final Map<String, StoredRule> byKey = new HashMap<>();

	private final List<StoredRule> all;

	RuleBook(List<StoredRule> rules) {
		List<StoredRule> sorted = new ArrayList<>(rules);
		sorted.sort(Comparator.comparingInt(RuleBook::rank).thenComparing(rule -> RuleKeys.lookup(rule.key())));
		this.all = List.copyOf(sorted);
		rules.forEach(rule -> byKey.put(RuleKeys.lookup(rule.key()), rule));
	}

	/** DEFAULT, then VIP, then the segments by name. */
	private static int rank(StoredRule rule) {
		return switch (rule.key()) {
			case RuleKeys.DEFAULT -> 0;
			case RuleKeys.VIP -> 1;
			default -> 2;
		};
	}

	List<StoredRule> all() {
		return all;
	}

	@Nullable StoredRule get(String key) {
		return byKey.get(RuleKeys.lookup(key));
	}

	/**
	 * The rule a client is served by.
	 * @param industry the client's industry; null when unknown (an unknown caller)
	 * @param builtIn what applies where no stored rule says: it sets every field but the
	 * script
	 */
	WorkRule forClient(boolean vip, @Nullable String industry, Rule builtIn) {
		List<StoredRule> applying = new ArrayList<>(3);
		if (vip) {
			add(applying, RuleKeys.VIP);
		}
		if (industry != null && !industry.isBlank()) {
			add(applying, RuleKeys.segment(industry));
		}
		add(applying, RuleKeys.DEFAULT);
		Rule merged = builtIn;
		for (int i = applying.size() - 1; i >= 0; i--) {
			merged = applying.get(i).rule().over(merged);
		}
		String tier = applying.isEmpty() ? RuleKeys.DEFAULT : applying.get(0).key();
		return new WorkRule(tier, required(merged.callbackDeadline()), required(merged.priority()), merged.script(),
				required(merged.chain()));
	}

	private void add(List<StoredRule> applying, String key) {
		StoredRule rule = get(key);
		if (rule != null) {
			applying.add(rule);
		}
	}

	private static <T> T required(@Nullable T builtIn) {
		if (builtIn == null) {
			throw new IllegalStateException("The built-in rule must set every field but the script");
		}
		return builtIn;
	}

}

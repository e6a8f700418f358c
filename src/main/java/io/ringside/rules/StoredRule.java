package io.ringside.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A rule as stored under its key ({@code VIP}, {@code DEFAULT} or
 * {@code SEGMENT:<industry>}): only what it sets, the rest null.
 *
 * @param updatedAt when it was last changed; null for the built-in default
 * @param updatedBy who changed it last, when known
 */
public record StoredRule(String key, @Nullable Duration callbackDeadline, @Nullable Priority priority,
		@Nullable Script script, @Nullable List<ChainStep> chain, @Nullable Instant updatedAt,
		@Nullable String updatedBy) {

	StoredRule(String key, Rule rule, @Nullable Instant updatedAt, @Nullable String updatedBy) {
		this(key, rule.callbackDeadline(), rule.priority(), rule.script(), rule.chain(), updatedAt, updatedBy);
	}

	Rule rule() {
		return new Rule(callbackDeadline, priority, script, chain);
	}

}

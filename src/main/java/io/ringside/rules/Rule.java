package io.ringside.rules;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one rule of work sets; a field it leaves null keeps the value of the next less
 * specific rule.
 *
 * @param callbackDeadline how soon a missed call must be returned
 * @param priority how soon the tier's calls are taken
 * @param script what to say
 * @param chain whom a call rings, in turn
 */
public record Rule(@Nullable Duration callbackDeadline, @Nullable Priority priority, @Nullable Script script,
		@Nullable List<ChainStep> chain) {

	public Rule {
		chain = chain == null ? null : List.copyOf(chain);
	}

	/** This rule, with what it leaves out taken from a less specific one. */
	Rule over(Rule lessSpecific) {
		return new Rule(callbackDeadline != null ? callbackDeadline : lessSpecific.callbackDeadline,
				priority != null ? priority : lessSpecific.priority, script != null ? script : lessSpecific.script,
				chain != null ? chain : lessSpecific.chain);
	}

}

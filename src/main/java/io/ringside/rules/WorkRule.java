package io.ringside.rules;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rule of work a client is served by: each field from the most specific rule that
 * sets it.
 *
 * @param tier the key of the most specific rule the client has ({@code VIP},
 * {@code SEGMENT:<industry>} or {@code DEFAULT})
 * @param script what to say; null when no rule has one
 */
public record WorkRule(String tier, Duration callbackDeadline, Priority priority, @Nullable Script script,
		List<ChainStep> chain) {

	public WorkRule {
		chain = List.copyOf(chain);
	}

}

package io.ringside.rules;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The keys rules are stored under: {@link #VIP}, {@link #DEFAULT}, or
 * {@code SEGMENT:<industry>} for the clients of one industry (compared without case, as
 * the reports group them).
 */
public final class RuleKeys {

	public static final String VIP = "VIP";

	public static final String DEFAULT = "DEFAULT";

	public static final String SEGMENT = "SEGMENT:";

	/** As long as a client's industry may be. */
	static final int INDUSTRY_AT_MOST = 100;

	private RuleKeys() {
	}

	/**
	 * The key as stored: {@code VIP}, {@code DEFAULT} or {@code SEGMENT:} in capitals
	 * (whatever case they came in), the industry trimmed; empty when it is none of them.
	 */
	public static Optional<String> canonical(@Nullable String key) {
		if (key == null) {
			return Optional.empty();
		}
		String trimmed = key.trim();
		if (trimmed.equalsIgnoreCase(VIP)) {
			return Optional.of(VIP);
		}
		if (trimmed.equalsIgnoreCase(DEFAULT)) {
			return Optional.of(DEFAULT);
		}
		if (trimmed.regionMatches(true, 0, SEGMENT, 0, SEGMENT.length())) {
			String industry = trimmed.substring(SEGMENT.length()).trim();
			if (!industry.isEmpty() && industry.length() <= INDUSTRY_AT_MOST) {
				return Optional.of(SEGMENT + industry);
			}
		}
		return Optional.empty();
	}

	/** The key of an industry's rule. */
	public static String segment(String industry) {
		return SEGMENT + industry.trim();
	}

	/** Keys compare without case: what a rule is found by. */
	static String lookup(String key) {
		return key.toLowerCase(Locale.ROOT);
	}

}

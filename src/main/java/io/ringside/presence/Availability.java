package io.ringside.presence;

import org.jspecify.annotations.Nullable;

/**
 * What an employee says about themselves; OFFLINE is also what an expired or missing
 * status means.
 */
public enum Availability {

	AVAILABLE, AWAY, OFFLINE;

	/** A status as Redis holds it; missing or unknown is OFFLINE. */
	static Availability parse(@Nullable String value) {
		if (value == null) {
			return OFFLINE;
		}
		try {
			return valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			return OFFLINE;
		}
	}

}

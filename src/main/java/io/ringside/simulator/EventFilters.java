package io.ringside.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One AMI session's event filters, as the {@code Filter} action adds them (Asterisk 13
 * and later): a regular expression searched for in an event's whole text; one starting
 * with {@code !} excludes what it matches. With no including filter every event passes
 * that no excluding one matches; with some, only events one of them matches. Replies to
 * the session's own actions (CoreShowChannels' list) are never filtered. Core thread
 * only.
 */
final class EventFilters {

	private final List<Pattern> including = new ArrayList<>();

	private final List<Pattern> excluding = new ArrayList<>();

	/**
	 * The {@code Filter} action ({@code Operation: Add}, {@code Filter: <expression>}):
	 * null when added, else why not, in manager.c's words.
	 */
	@Nullable String add(Map<String, String> action) {
		if (!"add".equalsIgnoreCase(action.getOrDefault("Operation", ""))) {
			return "Unknown operation";
		}
		String filter = action.get("Filter");
		return filter != null && !filter.isEmpty() && add(filter) ? null
				: "Filter did not compile.  Check the syntax of the filter given.";
	}

	/**
	 * Adds a filter; false when the expression does not compile.
	 */
	boolean add(String filter) {
		boolean excludes = filter.startsWith("!");
		Pattern pattern;
		try {
			pattern = Pattern.compile(excludes ? filter.substring(1) : filter);
		}
		catch (IllegalArgumentException invalid) {
			return false;
		}
		(excludes ? excluding : including).add(pattern);
		return true;
	}

	/** Whether any filter was added. */
	boolean any() {
		return !including.isEmpty() || !excluding.isEmpty();
	}

	boolean passes(String event) {
		for (Pattern pattern : excluding) {
			if (pattern.matcher(event).find()) {
				return false;
			}
		}
		if (including.isEmpty()) {
			return true;
		}
		for (Pattern pattern : including) {
			if (pattern.matcher(event).find()) {
				return true;
			}
		}
		return false;
	}

}

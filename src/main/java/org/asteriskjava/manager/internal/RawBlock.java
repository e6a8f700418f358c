package org.asteriskjava.manager.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The headers of one block of a manager session ({@link RawEventReader}), in order, as
 * sent: read as they come, then taken as an event's fields or as the attributes
 * Asterisk-Java's builders take.
 */
@NullMarked
final class RawBlock {

	private static final String END_COMMAND = "--END COMMAND--";

	private final List<Map.Entry<String, String>> fields = new ArrayList<>(24);

	private @Nullable String response;

	private @Nullable String commandResult;

	boolean isEmpty() {
		return fields.isEmpty() && commandResult == null;
	}

	void add(String line) {
		if ("Follows".equals(response) && line.endsWith(END_COMMAND)) {
			// the output of a legacy Command action (Asterisk before 14)
			commandResult = line;
			return;
		}
		int colon = line.indexOf(':');
		if (colon <= 0) {
			return;
		}
		String name = trimmed(line, 0, colon);
		if (name.isEmpty()) {
			return;
		}
		String value = trimmed(line, colon + 1, line.length());
		if (response == null && name.equalsIgnoreCase("Response")) {
			response = value;
		}
		fields.add(Map.entry(name, value));
	}

	/**
	 * The part of the line between {@code from} and {@code to}, without the spaces around
	 * it (as {@link String#trim}), copied once: every value follows a space.
	 */
	private static String trimmed(String line, int from, int to) {
		int start = from;
		int end = to;
		while (start < end && line.charAt(start) <= ' ') {
			start++;
		}
		while (end > start && line.charAt(end - 1) <= ' ') {
			end--;
		}
		return line.substring(start, end);
	}

	@Nullable String event() {
		for (Map.Entry<String, String> field : fields) {
			if (field.getKey().equalsIgnoreCase("Event")) {
				return field.getValue();
			}
		}
		return null;
	}

	@Nullable String response() {
		return response;
	}

	/** Every header but the first {@code Event}. */
	List<Map.Entry<String, String>> headersButEvent() {
		List<Map.Entry<String, String>> rest = new ArrayList<>(fields.size());
		boolean skipped = false;
		for (Map.Entry<String, String> field : fields) {
			if (!skipped && field.getKey().equalsIgnoreCase("Event")) {
				skipped = true;
			}
			else {
				rest.add(field);
			}
		}
		return rest;
	}

	/**
	 * As Asterisk-Java's builders take them: names in lower case, a repeated header's
	 * values in a list, the legacy command output under its key.
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> attributes() {
		Map<String, Object> attributes = new HashMap<>();
		for (Map.Entry<String, String> field : fields) {
			String name = field.getKey().toLowerCase(Locale.ENGLISH);
			Object before = attributes.get(name);
			if (before == null) {
				attributes.put(name, field.getValue());
			}
			else if (before instanceof List<?> list) {
				((List<String>) list).add(field.getValue());
			}
			else {
				List<String> values = new ArrayList<>();
				values.add((String) before);
				values.add(field.getValue());
				attributes.put(name, values);
			}
		}
		if (commandResult != null) {
			attributes.put(ManagerReader.COMMAND_RESULT_RESPONSE_KEY, commandResult);
		}
		return attributes;
	}

	@Override
	public String toString() {
		return fields.toString();
	}

}

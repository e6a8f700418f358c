package org.asteriskjava.manager.internal;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
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

	/** The value of the first {@code Event} header, which is not among the others. */
	private @Nullable String event;

	/** The other headers' names and values, in order. */
	private String[] names = new String[24];

	private String[] values = new String[24];

	private int size;

	private @Nullable String response;

	private @Nullable String commandResult;

	/** Empty again, for the next block (the arrays are kept). */
	void clear() {
		Arrays.fill(names, 0, size, null);
		Arrays.fill(values, 0, size, null);
		size = 0;
		event = null;
		response = null;
		commandResult = null;
	}

	boolean isEmpty() {
		return size == 0 && event == null && commandResult == null;
	}

	/**
	 * A header line, from its bytes: its name and value, each without the spaces around
	 * it (as {@link String#trim}), copied once.
	 */
	void add(byte[] bytes, int start, int length, Charset charset) {
		int end = start + length;
		if ("Follows".equals(response)) {
			String line = new String(bytes, start, length, charset);
			if (line.endsWith(END_COMMAND)) {
				// the output of a legacy Command action (Asterisk before 14)
				commandResult = line;
				return;
			}
		}
		int colon = start;
		while (colon < end && bytes[colon] != ':') {
			colon++;
		}
		if (colon == start || colon == end) {
			return;
		}
		String name = trimmed(bytes, start, colon, charset);
		if (name.isEmpty()) {
			return;
		}
		String value = trimmed(bytes, colon + 1, end, charset);
		if (event == null && name.equalsIgnoreCase("Event")) {
			event = value;
			return;
		}
		if (response == null && name.equalsIgnoreCase("Response")) {
			response = value;
		}
		if (size == names.length) {
			names = Arrays.copyOf(names, size * 2);
			values = Arrays.copyOf(values, size * 2);
		}
		names[size] = name;
		values[size] = value;
		size++;
	}

	/**
	 * The text of the bytes from {@code from} to {@code to} without the spaces and
	 * control characters around it: only bytes up to a space are taken off, never a byte
	 * of a multi-byte character (those are all above 0x7F).
	 */
	private static String trimmed(byte[] bytes, int from, int to, Charset charset) {
		int start = from;
		int end = to;
		while (start < end && (bytes[start] & 0xff) <= ' ') {
			start++;
		}
		while (end > start && (bytes[end - 1] & 0xff) <= ' ') {
			end--;
		}
		return new String(bytes, start, end - start, charset);
	}

	@Nullable String event() {
		return event;
	}

	@Nullable String response() {
		return response;
	}

	/**
	 * The names of every header but the first {@code Event}, from 0 to {@link #size()}.
	 */
	String[] names() {
		return names;
	}

	/** Their values. */
	String[] values() {
		return values;
	}

	int size() {
		return size;
	}

	/**
	 * As Asterisk-Java's builders take them: names in lower case, a repeated header's
	 * values in a list, the legacy command output under its key.
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> attributes() {
		Map<String, Object> attributes = new HashMap<>();
		if (event != null) {
			attributes.put("event", event);
		}
		for (int i = 0; i < size; i++) {
			String name = names[i].toLowerCase(Locale.ENGLISH);
			Object before = attributes.get(name);
			if (before == null) {
				attributes.put(name, values[i]);
			}
			else if (before instanceof List<?> list) {
				((List<String>) list).add(values[i]);
			}
			else {
				List<String> both = new ArrayList<>();
				both.add((String) before);
				both.add(values[i]);
				attributes.put(name, both);
			}
		}
		if (commandResult != null) {
			attributes.put(ManagerReader.COMMAND_RESULT_RESPONSE_KEY, commandResult);
		}
		return attributes;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("[");
		if (event != null) {
			text.append("Event=").append(event);
		}
		for (int i = 0; i < size; i++) {
			text.append(text.length() > 1 ? ", " : "").append(names[i]).append('=').append(values[i]);
		}
		return text.append(']').toString();
	}

}

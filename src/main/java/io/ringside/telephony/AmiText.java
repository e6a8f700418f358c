package io.ringside.telephony;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads AMI text, as it comes off the socket or sits in a capture file, into
 * {@link AmiEvent}s: messages are blocks of {@code Key: Value} lines ended by an empty
 * line, lines end in CRLF or LF. A block without an {@code Event} header (an
 * {@code Action}, a {@code Response}) is skipped; so are lines starting with {@code #}
 * (comments in capture files; no AMI header starts with one) and lines without a colon
 * (the banner, command output).
 * <p>
 * Stateless and thread-safe.
 */
public final class AmiText {

	private AmiText() {
	}

	/** Every event in the text, in order. */
	public static List<AmiEvent> parse(String text) {
		List<AmiEvent> events = new ArrayList<>();
		List<Map.Entry<String, String>> block = new ArrayList<>();
		for (String line : text.split("\r\n|\n|\r", -1)) {
			if (line.isBlank()) {
				flush(block, events);
			}
			else if (!line.startsWith("#")) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					block.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
				}
			}
		}
		flush(block, events);
		return events;
	}

	private static void flush(List<Map.Entry<String, String>> block, List<AmiEvent> events) {
		String name = null;
		List<Map.Entry<String, String>> fields = new ArrayList<>(block.size());
		for (Map.Entry<String, String> field : block) {
			if (name == null && field.getKey().equalsIgnoreCase("Event")) {
				name = field.getValue();
			}
			else {
				fields.add(field);
			}
		}
		if (name != null && !name.isEmpty()) {
			events.add(new AmiEvent(name, AmiFields.ofPairs(fields)));
		}
		block.clear();
	}

}

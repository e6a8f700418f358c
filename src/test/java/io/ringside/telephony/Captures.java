package io.ringside.telephony;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The real AMI captures in {@code src/test/resources/ami-captures} (copied from the
 * team's shared captures, each with its source on its first lines).
 */
public final class Captures {

	private static final Pattern PASTED_PAIR_SEPARATOR = Pattern.compile(",\\s+(?=[A-Za-z][A-Za-z0-9-]*:)");

	private Captures() {
	}

	/** The file's text as stored. */
	public static String text(String file) {
		try (InputStream in = Captures.class.getResourceAsStream("/ami-captures/" + file)) {
			if (in == null) {
				throw new IllegalArgumentException("no capture " + file);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The events of a capture that is AMI as it came off the wire (01, 02, 05). */
	public static List<AmiEvent> events(String file) {
		return AmiText.parse(text(file));
	}

	/**
	 * The events of a capture whose authors pasted events by hand (07, 14): indented, as
	 * {@code [Key: value, Key:
	 * value, ...]} lists with blank lines inside an event and {@code //} remarks. This
	 * puts them back into wire form (one field a line, an empty line before each
	 * {@code Event:} and at each {@code #####} section) and parses that; a pasted block
	 * that lost its {@code Event:} line is dropped.
	 */
	public static List<AmiEvent> pastedEvents(String file) {
		StringBuilder wire = new StringBuilder();
		for (String raw : text(file).split("\r?\n")) {
			String line = raw.strip();
			if (line.startsWith("#####")) {
				wire.append('\n');
				continue;
			}
			if (line.startsWith("#") || line.isEmpty()) {
				continue;
			}
			line = line.replaceFirst("^(\\[|/\\*)", "").replaceFirst("(\\]|\\*/)$", "").replaceFirst("\\s+//.*$", "");
			for (String pair : PASTED_PAIR_SEPARATOR.split(line)) {
				String field = pair.strip().replaceFirst(",$", "");
				if (field.regionMatches(true, 0, "Event:", 0, 6)) {
					wire.append('\n');
				}
				wire.append(field).append('\n');
			}
		}
		return AmiText.parse(wire.toString());
	}

}

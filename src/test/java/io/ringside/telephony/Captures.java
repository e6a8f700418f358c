package io.ringside.telephony;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

	/**
	 * The capture with, after the first event of this name, VarSets on that event's
	 * channel: two the dialplan sets anyway (MixMonitor's own {@code MIXMONITOR_FILENAME}
	 * among them), then {@code variable}. For the captures whose upstream authors dropped
	 * the VarSet events (01, 02).
	 */
	public static List<AmiEvent> withVarSets(List<AmiEvent> capture, String after, String variable, String value) {
		List<AmiEvent> events = new ArrayList<>(capture);
		AmiEvent anchor = events.stream().filter(event -> event.is(after)).findFirst().orElseThrow();
		int at = events.indexOf(anchor) + 1;
		events.add(at, varSet(anchor, "MACRO_DEPTH", "1"));
		events.add(at + 1, varSet(anchor, "MIXMONITOR_FILENAME",
				"/var/spool/asterisk/monitor/" + anchor.get("Linkedid") + ".wav"));
		events.add(at + 2, varSet(anchor, variable, value));
		return events;
	}

	/**
	 * A VarSet on the channel of this event, in the shape Asterisk 13+ gives it:
	 * {@code Privilege: dialplan,all}, the channel's snapshot from Channel to Linkedid,
	 * then {@code Variable} and {@code Value}.
	 */
	public static AmiEvent varSet(AmiEvent on, String variable, String value) {
		List<String> fields = new ArrayList<>(List.of("Privilege", "dialplan,all"));
		for (Map.Entry<String, String> field : on.fields().entrySet()) {
			String name = field.getKey();
			if (!name.equalsIgnoreCase("Privilege") && !name.startsWith("Dest") && !name.equals("DialStatus")) {
				fields.add(name);
				fields.add(field.getValue());
			}
			if (name.equalsIgnoreCase("Linkedid")) {
				break;
			}
		}
		fields.addAll(List.of("Variable", variable, "Value", value));
		return AmiEvent.of("VarSet", fields.toArray(String[]::new));
	}

}

package io.ringside.telephony;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One AMI event as Asterisk sent it: its name ({@code Event:} header) and its other
 * fields, in order, looked up without regard to case. Unknown fields are kept and ignored
 * by whoever does not need them.
 * <p>
 * Immutable and thread-safe.
 *
 * @param name the event name, e.g. {@code Newchannel}, {@code DialBegin}
 * @param fields every header except {@code Event}, ordered, case-insensitive,
 * unmodifiable
 */
public record AmiEvent(String name, Map<String, String> fields) {

	/** What Asterisk writes for an empty caller id or bridge name; read as absent. */
	public static final String UNKNOWN = "<unknown>";

	public AmiEvent {
		Objects.requireNonNull(name, "name");
		fields = AmiFields.copyOf(fields);
	}

	/**
	 * An event from alternating field names and values, for tests and for mapping typed
	 * events:
	 * {@code AmiEvent.of("Hangup", "Channel", "PJSIP/101-00000001", "Cause", "16")}. Null
	 * values are left out.
	 */
	public static AmiEvent of(String name, @Nullable String... namesAndValues) {
		if (namesAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("field names and values must come in pairs");
		}
		List<Map.Entry<String, String>> pairs = new ArrayList<>(namesAndValues.length / 2);
		for (int i = 0; i < namesAndValues.length; i += 2) {
			if (namesAndValues[i + 1] != null) {
				pairs.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
			}
		}
		return new AmiEvent(name, AmiFields.ofPairs(pairs));
	}

	/**
	 * An event from its fields as read: in order, names as sent; a repeated name keeps
	 * its first value.
	 */
	public static AmiEvent ofFields(String name, List<Map.Entry<String, String>> fields) {
		return new AmiEvent(name, AmiFields.ofPairs(fields));
	}

	/**
	 * An event from the first {@code count} names and values as read (copied): in order,
	 * names as sent; a repeated name keeps its first value.
	 */
	public static AmiEvent ofFields(String name, String[] names, String[] values, int count) {
		return new AmiEvent(name, AmiFields.of(names, values, count));
	}

	/**
	 * The value of a field, or null when it is absent or is the literal
	 * {@code <unknown>}.
	 */
	public @Nullable String get(String field) {
		String value = fields.get(field);
		return UNKNOWN.equals(value) ? null : value;
	}

	/** A field's text, or null when it is absent, blank or {@code <unknown>}. */
	public @Nullable String text(String field) {
		String value = get(field);
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * A field as a whole number, 0 when it is absent or not a number (a channel state, a
	 * hangup cause).
	 */
	public int number(String field) {
		return AmiFields.number(get(field));
	}

	/**
	 * Whether this event has the given name, ignoring case ({@code NewCallerid} is
	 * spelled both ways).
	 */
	public boolean is(String eventName) {
		return name.equalsIgnoreCase(eventName);
	}

}

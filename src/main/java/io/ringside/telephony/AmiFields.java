package io.ringside.telephony;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The fields of one AMI event: immutable, in the order Asterisk sent them, looked up
 * without regard to case ({@code CallerIDNum}, {@code calleridnum}). A header that is
 * repeated (several {@code ChanVariable} lines) keeps its first value, as Asterisk's own
 * {@code astman_get_header} does.
 */
final class AmiFields extends AbstractMap<String, String> {

	private static final AmiFields EMPTY = new AmiFields(List.of());

	/**
	 * Looked up by a scan: an event has a few fields to a few dozen, and a sorted index
	 * built for each event cost more than all its lookups (the call tracker's thread
	 * reads every event of the PBX).
	 */
	private final List<Map.Entry<String, String>> entries;

	private AmiFields(List<Map.Entry<String, String>> pairs) {
		List<Map.Entry<String, String>> kept = new ArrayList<>(pairs.size());
		for (Map.Entry<String, String> pair : pairs) {
			if (pair.getKey() != null && pair.getValue() != null && find(kept, pair.getKey()) == null) {
				kept.add(Map.entry(pair.getKey(), pair.getValue()));
			}
		}
		this.entries = Collections.unmodifiableList(kept);
	}

	private static Map.@Nullable Entry<String, String> find(List<Map.Entry<String, String>> entries, String name) {
		for (int i = 0; i < entries.size(); i++) {
			Map.Entry<String, String> entry = entries.get(i);
			if (entry.getKey().equalsIgnoreCase(name)) {
				return entry;
			}
		}
		return null;
	}

	static AmiFields copyOf(@Nullable Map<String, String> fields) {
		if (fields instanceof AmiFields already) {
			return already;
		}
		return (fields == null || fields.isEmpty()) ? EMPTY : new AmiFields(List.copyOf(fields.entrySet()));
	}

	static AmiFields ofPairs(List<Map.Entry<String, String>> pairs) {
		return new AmiFields(pairs);
	}

	@Override
	public @Nullable String get(@Nullable Object key) {
		Map.Entry<String, String> entry = (key instanceof String name) ? find(entries, name) : null;
		return entry == null ? null : entry.getValue();
	}

	@Override
	public boolean containsKey(@Nullable Object key) {
		return (key instanceof String name) && find(entries, name) != null;
	}

	@Override
	public Set<Map.Entry<String, String>> entrySet() {
		return new AbstractSet<>() {
			@Override
			public Iterator<Map.Entry<String, String>> iterator() {
				return entries.iterator();
			}

			@Override
			public int size() {
				return entries.size();
			}
		};
	}

	/** A whole number, 0 when absent or not a number. */
	static int number(@Nullable String value) {
		if (value == null) {
			return 0;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}

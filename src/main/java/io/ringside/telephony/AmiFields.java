package io.ringside.telephony;

import java.util.AbstractMap;
import java.util.AbstractSet;
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

	private static final AmiFields EMPTY = new AmiFields(new String[0], new String[0], 0);

	/**
	 * The fields' names and values, in their order, looked up by a scan: an event has a
	 * few fields to a few dozen, and a sorted index built for each event cost more than
	 * all its lookups (the call tracker's thread reads every event of the PBX).
	 */
	private final String[] keys;

	private final String[] values;

	/**
	 * Each entry's name {@linkplain #folded folded}: the scan compares these first, and
	 * names only where they are equal (a case-blind comparison of every name was a
	 * seventh of the call tracker's thread).
	 */
	private final int[] names;

	private final int size;

	/** The entries, made when first asked for (nothing on a call's path asks). */
	private @Nullable List<Map.Entry<String, String>> entries;

	/**
	 * From the first {@code count} names and values; a name repeated keeps its first
	 * value, a null name or value is left out.
	 */
	private AmiFields(String[] fromNames, String[] fromValues, int count) {
		String[] keyed = new String[count];
		String[] valued = new String[count];
		int[] folded = new int[count];
		int kept = 0;
		for (int i = 0; i < count; i++) {
			String name = fromNames[i];
			String value = fromValues[i];
			if (name != null && value != null) {
				int hash = folded(name);
				if (find(keyed, folded, kept, name, hash) < 0) {
					keyed[kept] = name;
					valued[kept] = value;
					folded[kept] = hash;
					kept++;
				}
			}
		}
		this.keys = keyed;
		this.values = valued;
		this.names = folded;
		this.size = kept;
	}

	/** Where the field of that name is among the first {@code size}, or -1. */
	private static int find(String[] keys, int[] names, int size, String name, int folded) {
		for (int i = 0; i < size; i++) {
			if (names[i] == folded && keys[i].equalsIgnoreCase(name)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A hash of the name that is the same for names equal but for case (each character
	 * folded as {@link String#equalsIgnoreCase} compares them).
	 */
	static int folded(String name) {
		int hash = 0;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			// AMI names are ASCII: their letters fold by a bit, the rest as
			// equalsIgnoreCase does
			int folded = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A')
					: (c < 0x80) ? c : Character.toLowerCase(Character.toUpperCase(c));
			hash = 31 * hash + folded;
		}
		return hash;
	}

	private int find(String name) {
		return find(keys, names, size, name, folded(name));
	}

	static AmiFields copyOf(@Nullable Map<String, String> fields) {
		if (fields instanceof AmiFields already) {
			return already;
		}
		return (fields == null || fields.isEmpty()) ? EMPTY : ofPairs(List.copyOf(fields.entrySet()));
	}

	static AmiFields ofPairs(List<Map.Entry<String, String>> pairs) {
		String[] pairNames = new String[pairs.size()];
		String[] pairValues = new String[pairs.size()];
		for (int i = 0; i < pairs.size(); i++) {
			pairNames[i] = pairs.get(i).getKey();
			pairValues[i] = pairs.get(i).getValue();
		}
		return new AmiFields(pairNames, pairValues, pairs.size());
	}

	/** From the first {@code count} names and values (copied). */
	static AmiFields of(String[] names, String[] values, int count) {
		return count == 0 ? EMPTY : new AmiFields(names, values, count);
	}

	@Override
	public @Nullable String get(@Nullable Object key) {
		int at = (key instanceof String name) ? find(name) : -1;
		return at < 0 ? null : values[at];
	}

	@Override
	public boolean containsKey(@Nullable Object key) {
		return (key instanceof String name) && find(name) >= 0;
	}

	@Override
	public Set<Map.Entry<String, String>> entrySet() {
		return new AbstractSet<>() {
			@Override
			public Iterator<Map.Entry<String, String>> iterator() {
				return entries().iterator();
			}

			@Override
			public int size() {
				return size;
			}
		};
	}

	@Override
	public int size() {
		return size;
	}

	private List<Map.Entry<String, String>> entries() {
		List<Map.Entry<String, String>> made = entries;
		if (made == null) {
			Map.Entry<String, String>[] each = newEntries(size);
			for (int i = 0; i < size; i++) {
				each[i] = Map.entry(keys[i], values[i]);
			}
			made = List.of(each);
			entries = made;
		}
		return made;
	}

	@SuppressWarnings("unchecked")
	private static Map.Entry<String, String>[] newEntries(int size) {
		return new Map.Entry[size];
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

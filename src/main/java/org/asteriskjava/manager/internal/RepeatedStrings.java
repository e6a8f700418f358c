package org.asteriskjava.manager.internal;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The strings a manager stream repeats (header names, event names, a call's channels and
 * ids, states), each kept once: a part of a line already seen is answered with the string
 * made the first time instead of a copy. Header names and values were half of what the
 * AMI reader allocated in the whole-call benchmark, and that reader a third of all
 * Ringside allocated. A fixed table, the last string of each slot kept: a stream of ever
 * new strings costs a comparison each, nothing more. Not thread-safe: the reader's own.
 */
@NullMarked
final class RepeatedStrings {

	private final @Nullable String[] slots;

	private final int longest;

	/**
	 * @param slots how many strings are kept, a power of two
	 * @param longest longer parts are copied, never kept
	 */
	RepeatedStrings(int slots, int longest) {
		if (Integer.bitCount(slots) != 1) {
			throw new IllegalArgumentException("slots must be a power of two: " + slots);
		}
		this.slots = new String[slots];
		this.longest = longest;
	}

	/** The part of the line from {@code from} to {@code to}, as kept or new. */
	String of(String line, int from, int to) {
		int length = to - from;
		if (length == 0) {
			return "";
		}
		if (length > longest) {
			return line.substring(from, to);
		}
		int hash = 0;
		for (int i = from; i < to; i++) {
			hash = 31 * hash + line.charAt(i);
		}
		int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
		String kept = slots[slot];
		if (kept != null && kept.length() == length && line.regionMatches(from, kept, 0, length)) {
			return kept;
		}
		String made = line.substring(from, to);
		slots[slot] = made;
		return made;
	}

}

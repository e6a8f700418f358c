package io.ringside.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The calls today's figures have counted, each as a 64-bit hash of its id with its
 * outcome packed in a long: two primitive arrays with open addressing, about 32 bytes a
 * call, instead of an object graph of some 300 bytes a call that grew with every call of
 * the day. Two different ids share a hash with a chance of about n² / 2^65 (below one in
 * ten million for a million calls); the cost of one would be a call counted once instead
 * of twice. Single-threaded.
 */
final class CountedCalls {

	/** What {@link #put} returns when the call was not counted before. */
	static final long ABSENT = -1;

	private long[] keys = new long[1024];

	private long[] values = new long[1024];

	private int size;

	/** The packed outcome counted for this call, or {@link #ABSENT}. */
	long get(String callId) {
		long key = key(callId);
		int slot = slot(keys, key);
		return keys[slot] == key ? values[slot] : ABSENT;
	}

	/**
	 * Counts the call with this packed outcome (never negative); returns the one it
	 * replaces, or {@link #ABSENT}.
	 */
	long put(String callId, long outcome) {
		long key = key(callId);
		int slot = slot(keys, key);
		if (keys[slot] == key) {
			long before = values[slot];
			values[slot] = outcome;
			return before;
		}
		keys[slot] = key;
		values[slot] = outcome;
		if (++size * 2 > keys.length) {
			grow();
		}
		return ABSENT;
	}

	void clear() {
		Arrays.fill(keys, 0);
		size = 0;
	}

	int size() {
		return size;
	}

	private void grow() {
		long[] oldKeys = keys;
		long[] oldValues = values;
		keys = new long[oldKeys.length * 2];
		values = new long[oldKeys.length * 2];
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != 0) {
				int slot = slot(keys, oldKeys[i]);
				keys[slot] = oldKeys[i];
				values[slot] = oldValues[i];
			}
		}
	}

	/**
	 * The slot holding this key, or the empty one where it would go (linear probing; 0
	 * marks an empty slot).
	 */
	private static int slot(long[] keys, long key) {
		int mask = keys.length - 1;
		int slot = (int) (key ^ (key >>> 32)) & mask;
		while (keys[slot] != 0 && keys[slot] != key) {
			slot = (slot + 1) & mask;
		}
		return slot;
	}

	/** FNV-1a, 64 bits, over the id's UTF-8 bytes; never 0. */
	private static long key(String callId) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : callId.getBytes(StandardCharsets.UTF_8)) {
			hash ^= b & 0xff;
			hash *= 0x100000001b3L;
		}
		return hash == 0 ? 1 : hash;
	}

}

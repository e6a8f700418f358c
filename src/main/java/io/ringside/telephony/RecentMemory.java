package io.ringside.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * What happened to calls that are gone (ended, or merged into another), remembered for a
 * while so that a late event of theirs is recognised: each entry is forgotten once it is
 * older than the window, or when more entries than the cap are held (the oldest first).
 * Memory is therefore bounded by the call rate times the window, and never beyond the
 * cap, however long Ringside runs.
 * <p>
 * Entries are kept in arrays (a ring in the order remembered, and an open-addressing
 * index into it) rather than as a map's nodes: at 200 calls a second the window holds
 * tens of thousands, and nodes, entries and instants living two minutes were copied at
 * every young collection until they grew old, a third of each pause's copying. The only
 * object an entry keeps is its call id (and its value).
 * <p>
 * Time comes with each {@link #remember} (the time of the event that made the call go),
 * so the memory is as pure as its users. Not thread-safe: each user feeds it from its one
 * thread.
 *
 * @param <V> what is remembered of each call id
 */
public final class RecentMemory<V> {

	/**
	 * How long a gone call is remembered: far longer than any late event of a real PBX
	 * (milliseconds to seconds).
	 */
	public static final Duration WINDOW = Duration.ofMinutes(2);

	/**
	 * Entries held at most, whatever the call rate: 1,000 calls a second for the whole
	 * window.
	 */
	public static final int CAP = 120_000;

	private static final int FIRST_CAPACITY = 64;

	private static final int NONE = -1;

	private final long windowMillis;

	private final int cap;

	/**
	 * The ring, oldest first from {@link #head}: each slot's call id (null once forgotten
	 * or remembered again later), value and time in epoch milliseconds.
	 */
	private String[] ids = new String[FIRST_CAPACITY];

	private Object[] values = new Object[FIRST_CAPACITY];

	private long[] times = new long[FIRST_CAPACITY];

	private int head;

	/** Slots in use from the head, forgotten ones between included. */
	private int used;

	/** Entries held. */
	private int size;

	/**
	 * Slots of the ring by call id, open addressing with linear probing; NONE where free.
	 * At least twice as long as the ring.
	 */
	private int[] index = emptyIndex(FIRST_CAPACITY * 2);

	/** Remembers for {@link #WINDOW}, at most {@link #CAP} entries. */
	public RecentMemory() {
		this(WINDOW, CAP);
	}

	public RecentMemory(Duration window, int cap) {
		if (window.isNegative() || cap < 1) {
			throw new IllegalArgumentException("window must not be negative and cap at least 1");
		}
		this.windowMillis = window.toMillis();
		this.cap = cap;
	}

	/**
	 * Remembers {@code value} for {@code callId} as of {@code at}, and forgets what is
	 * older than the window then.
	 */
	public void remember(String callId, V value, Instant at) {
		int before = find(callId);
		if (before != NONE) {
			forget(before);
		}
		if (size >= cap) {
			forgetOldest();
		}
		if (used == ids.length) {
			grow();
		}
		int slot = (head + used) % ids.length;
		ids[slot] = callId;
		values[slot] = value;
		times[slot] = at.toEpochMilli();
		used++;
		size++;
		place(callId, slot);
		long horizon = at.toEpochMilli() - windowMillis;
		while (used > 0 && (ids[head] == null || times[head] < horizon)) {
			if (ids[head] != null) {
				forget(head);
			}
			head = (head + 1) % ids.length;
			used--;
		}
	}

	/** What is remembered of the call, null when nothing (never gone, or forgotten). */
	@SuppressWarnings("unchecked")
	public @Nullable V get(String callId) {
		int slot = find(callId);
		return slot == NONE ? null : (V) values[slot];
	}

	public boolean contains(String callId) {
		return find(callId) != NONE;
	}

	public int size() {
		return size;
	}

	/** The ring slot of the call id, NONE when it is not held. */
	private int find(String callId) {
		int mask = index.length - 1;
		for (int i = spread(callId) & mask;; i = (i + 1) & mask) {
			int slot = index[i];
			if (slot == NONE) {
				return NONE;
			}
			if (callId.equals(ids[slot])) {
				return slot;
			}
		}
	}

	private void place(String callId, int slot) {
		int mask = index.length - 1;
		int i = spread(callId) & mask;
		while (index[i] != NONE) {
			i = (i + 1) & mask;
		}
		index[i] = slot;
	}

	/** Forgets the entry in this slot: out of the index, its slot left empty. */
	private void forget(int slot) {
		int mask = index.length - 1;
		int i = spread(ids[slot]) & mask;
		while (index[i] != slot) {
			i = (i + 1) & mask;
		}
		// backward-shift deletion: later entries of the probe move up into the gap
		int gap = i;
		for (int j = (gap + 1) & mask; index[j] != NONE; j = (j + 1) & mask) {
			int home = spread(ids[index[j]]) & mask;
			if (((j - home) & mask) >= ((j - gap) & mask)) {
				index[gap] = index[j];
				gap = j;
			}
		}
		index[gap] = NONE;
		ids[slot] = null;
		values[slot] = null;
		size--;
	}

	private void forgetOldest() {
		while (ids[head] == null) {
			head = (head + 1) % ids.length;
			used--;
		}
		forget(head);
		head = (head + 1) % ids.length;
		used--;
	}

	/**
	 * A ring twice as long (or as long, when forgotten slots fill it), entries moved to
	 * its start in order, and the index made again.
	 */
	private void grow() {
		int capacity = size * 2 > ids.length ? ids.length * 2 : ids.length;
		String[] movedIds = new String[capacity];
		Object[] movedValues = new Object[capacity];
		long[] movedTimes = new long[capacity];
		int[] movedIndex = emptyIndex(capacity * 2);
		int kept = 0;
		for (int n = 0; n < used; n++) {
			int slot = (head + n) % ids.length;
			if (ids[slot] != null) {
				movedIds[kept] = ids[slot];
				movedValues[kept] = values[slot];
				movedTimes[kept] = times[slot];
				kept++;
			}
		}
		ids = movedIds;
		values = movedValues;
		times = movedTimes;
		index = movedIndex;
		head = 0;
		used = kept;
		for (int slot = 0; slot < kept; slot++) {
			place(ids[slot], slot);
		}
	}

	private static int[] emptyIndex(int length) {
		int[] empty = new int[length];
		Arrays.fill(empty, NONE);
		return empty;
	}

	private static int spread(String callId) {
		int hash = callId.hashCode();
		return hash ^ (hash >>> 16);
	}

}

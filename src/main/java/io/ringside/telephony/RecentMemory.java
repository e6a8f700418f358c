package io.ringside.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What happened to calls that are gone (ended, or merged into another), remembered for a
 * while so that a late event of theirs is recognised: each entry is forgotten once it is
 * older than the window, or when more entries than the cap are held (the oldest first).
 * Memory is therefore bounded by the call rate times the window, and never beyond the
 * cap, however long Ringside runs.
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

	private final Duration window;

	private final int cap;

	private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>();

	/** Remembers for {@link #WINDOW}, at most {@link #CAP} entries. */
	public RecentMemory() {
		this(WINDOW, CAP);
	}

	public RecentMemory(Duration window, int cap) {
		if (window.isNegative() || cap < 1) {
			throw new IllegalArgumentException("window must not be negative and cap at least 1");
		}
		this.window = window;
		this.cap = cap;
	}

	/**
	 * Remembers {@code value} for {@code callId} as of {@code at}, and forgets what is
	 * older than the window then.
	 */
	public void remember(String callId, V value, Instant at) {
		entries.remove(callId);
		entries.put(callId, new Entry<>(value, at));
		Instant horizon = at.minus(window);
		Iterator<Entry<V>> oldest = entries.values().iterator();
		while (oldest.hasNext()) {
			Entry<V> entry = oldest.next();
			if (entries.size() <= cap && !entry.at().isBefore(horizon)) {
				break;
			}
			oldest.remove();
		}
	}

	/** What is remembered of the call, null when nothing (never gone, or forgotten). */
	public @Nullable V get(String callId) {
		Entry<V> entry = entries.get(callId);
		return entry == null ? null : entry.value();
	}

	public boolean contains(String callId) {
		return entries.containsKey(callId);
	}

	public int size() {
		return entries.size();
	}

	private record Entry<V>(V value, Instant at) {
	}

}

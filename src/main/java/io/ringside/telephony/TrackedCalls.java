package io.ringside.telephony;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The calls in progress and what leads an event to its call: the call's Linkedid, a
 * channel's Uniqueid, or a Linkedid that was merged into another call. The
 * {@link CallTracker} decides what happens; this keeps the indexes exact, each change in
 * time proportional to the call's channels. Not thread-safe: the tracker's alone.
 */
final class TrackedCalls {

	private static final List<String> CALL_FIELDS = List.of("Linkedid", "TransfereeLinkedid", "TransfererLinkedid",
			"OrigTransfererLinkedid", "SecondTransfererLinkedid");

	private static final List<String> CHANNEL_FIELDS = List.of("Uniqueid", "DestUniqueid", "TransfereeUniqueid",
			"TransfererUniqueid", "OrigTransfererUniqueid", "SecondTransfererUniqueid");

	private final Map<String, Call> calls = new LinkedHashMap<>();

	private final Map<String, String> callOfChannel = new HashMap<>();

	private final Map<String, String> mergedInto = new HashMap<>();

	@Nullable Call get(String callId) {
		return calls.get(callId);
	}

	boolean contains(String callId) {
		return calls.containsKey(callId);
	}

	/** The calls in progress, oldest first; a snapshot. */
	Collection<Call> all() {
		return List.copyOf(calls.values());
	}

	Set<String> ids() {
		return Set.copyOf(calls.keySet());
	}

	int size() {
		return calls.size();
	}

	/** The call a channel belongs to, null when none in progress has it. */
	@Nullable String callOfChannel(String uniqueid) {
		return callOfChannel.get(uniqueid);
	}

	/**
	 * The call a Linkedid stands for now: itself, or the call it was merged into (and so
	 * on).
	 */
	String resolve(String callId) {
		String current = callId;
		for (int hops = 0; hops < 16 && mergedInto.containsKey(current); hops++) {
			current = mergedInto.get(current);
		}
		return current;
	}

	/**
	 * The call in progress an event concerns, by any Linkedid it names, else by any
	 * channel it names; or null.
	 */
	@Nullable String route(AmiEvent event) {
		for (String field : CALL_FIELDS) {
			String value = event.get(field);
			if (value != null && calls.containsKey(resolve(value))) {
				return resolve(value);
			}
		}
		for (String field : CHANNEL_FIELDS) {
			String value = event.get(field);
			String callId = (value != null) ? callOfChannel.get(value) : null;
			if (callId != null) {
				return callId;
			}
		}
		return null;
	}

	/**
	 * The tracked call of a channel, or else of a Linkedid; null when neither names a
	 * call in progress.
	 */
	@Nullable String tracked(@Nullable String uniqueid, @Nullable String linkedid) {
		String byChannel = uniqueid == null ? null : callOfChannel.get(uniqueid);
		if (byChannel != null) {
			return byChannel;
		}
		String byLinkedid = linkedid == null ? null : resolve(linkedid);
		return byLinkedid != null && calls.containsKey(byLinkedid) ? byLinkedid : null;
	}

	/**
	 * The call's new state ({@code before} is what was kept of it, if anything): its
	 * channels index to it.
	 */
	void keep(@Nullable Call before, Call call) {
		calls.put(call.id(), call);
		if (before != null && before.channels() == call.channels() && before.id().equals(call.id())) {
			// a call made from another keeps the channels' map it did not change
			return;
		}
		if (before != null) {
			before.channels().keySet().forEach(uniqueid -> {
				if (!call.channels().containsKey(uniqueid)) {
					callOfChannel.remove(uniqueid);
				}
			});
		}
		call.channels().keySet().forEach(uniqueid -> callOfChannel.put(uniqueid, call.id()));
	}

	/**
	 * {@code home} went into {@code target}: it is forgotten, and its Linkedid (and those
	 * merged into it) lead there.
	 */
	void merged(String home, String target) {
		mergedInto.replaceAll((old, into) -> into.equals(home) ? target : into);
		forget(home, null);
		mergedInto.put(home, target);
	}

	/**
	 * Drops a call and the index entries that lead to it. The channels to unindex are
	 * those of the call as kept (the index holds exactly those, see {@link #keep}) and of
	 * its last state; looking them up by key keeps this O(the call's channels), not
	 * O(every channel of every call) on each hang-up.
	 */
	void forget(String callId, @Nullable Call last) {
		Call kept = calls.remove(callId);
		if (kept != null) {
			kept.channels().keySet().forEach(uniqueid -> callOfChannel.remove(uniqueid, callId));
		}
		if (last != null) {
			last.channels().keySet().forEach(uniqueid -> callOfChannel.remove(uniqueid, callId));
		}
		if (!mergedInto.isEmpty()) {
			mergedInto.values().removeIf(callId::equals);
		}
	}

}

package io.ringside.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.CallStarted;
import io.ringside.telephony.CallEvent.CallTransferred;
import io.ringside.telephony.CallEvent.CallsMerged;
import io.ringside.telephony.CallEvent.LegEnded;
import io.ringside.telephony.CallEvent.LegRinging;

/**
 * Collects what a call went through (its start, the phones that rang and how each stopped, its transfers) until it
 * ends, then hands over the whole story. Single-threaded: fed in order from the call tracker's thread.
 */
final class CallLog {

	private final Map<String, Story> stories = new HashMap<>();

	/** Takes one event; returns the finished story when the event ends the call. */
	FinishedCall on(CallEvent event) {
		if (event instanceof CallStarted started) {
			story(started.callId()).startedAt = started.at();
		}
		else if (event instanceof LegRinging ringing) {
			story(ringing.callId()).legs.putIfAbsent(ringing.device(), new Leg(ringing.device(), ringing.at(), null, null));
		}
		else if (event instanceof LegEnded ended) {
			story(ended.callId()).legs.compute(ended.device(),
					(device, leg) -> new Leg(device, leg == null ? null : leg.rangAt(), ended.at(), ended.reason().name()));
		}
		else if (event instanceof CallTransferred transfer) {
			story(transfer.callId()).transfers
				.add(new Transfer(transfer.kind().name(), transfer.fromDevice(), transfer.to(), transfer.at()));
		}
		else if (event instanceof CallsMerged merged) {
			merge(merged);
		}
		else if (event instanceof CallEnded ended) {
			Story story = stories.remove(ended.callId());
			if (story == null) {
				story = new Story();
			}
			Instant started = story.startedAt != null ? story.startedAt
					: ended.at().minus(ended.waitTime()).minus(ended.talkTime());
			return new FinishedCall(ended, started, List.copyOf(story.legs.values()), List.copyOf(story.transfers));
		}
		return null;
	}

	private void merge(CallsMerged merged) {
		Story gone = stories.remove(merged.mergedCallId());
		if (gone == null) {
			return;
		}
		Story survivor = story(merged.callId());
		gone.legs.forEach(survivor.legs::putIfAbsent);
		survivor.transfers.addAll(gone.transfers);
		if (survivor.startedAt == null || (gone.startedAt != null && gone.startedAt.isBefore(survivor.startedAt))) {
			survivor.startedAt = gone.startedAt;
		}
	}

	int inProgress() {
		return stories.size();
	}

	private Story story(String callId) {
		return stories.computeIfAbsent(callId, id -> new Story());
	}

	private static final class Story {

		private Instant startedAt;

		private final Map<String, Leg> legs = new LinkedHashMap<>();

		private final List<Transfer> transfers = new ArrayList<>();

	}

	/** A phone that rang for the call, and why it stopped (null when it answered or the reason is unknown). */
	record Leg(String device, Instant rangAt, Instant endedAt, String endReason) {
	}

	record Transfer(String kind, String fromDevice, String to, Instant at) {
	}

	/** A call that has ended, with all it went through. */
	record FinishedCall(CallEnded ended, Instant startedAt, List<Leg> legs, List<Transfer> transfers)
			implements Recordable {

		@Override
		public String callId() {
			return ended.callId();
		}

	}

}

package io.ringside.calls;

import java.time.Instant;
import java.util.List;

import io.ringside.calls.RoutedCallEvent.Ended;
import io.ringside.calls.RoutedCallEvent.Leg;
import io.ringside.calls.RoutedCallEvent.Transfer;
import io.ringside.telephony.CallEvent.CallEnded;

/**
 * A call that has ended, with all it went through, as it is handed over to be recorded:
 * the projection's {@link Ended} in the shape of a Redis Stream entry
 * ({@link StreamEntries}; its fields are the entry's JSON, so they stay as they are).
 * Route decisions are handed over on their own ({@link RouteRow}), as they are made.
 */
record FinishedCall(CallEnded ended, Instant startedAt, List<Leg> legs,
		List<Transfer> transfers) implements Recordable {

	static FinishedCall of(Ended ended) {
		return new FinishedCall(ended.ended(), ended.startedAt(), ended.legs(), ended.transfers());
	}

	@Override
	public String callId() {
		return ended.callId();
	}

}

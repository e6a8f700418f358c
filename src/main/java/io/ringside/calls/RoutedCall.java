package io.ringside.calls;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.ringside.routing.RouteDecided;
import io.ringside.telephony.CallEvent.Direction;

/**
 * One call as the {@link CallProjection} knows it right after a change: what the PBX has
 * shown of it and where Ringside routed it. Immutable; every {@link RoutedCallEvent}
 * carries the call as it is after that event.
 *
 * @param direction from the PBX's start of the call; INBOUND for a call known only from
 * its routing; null for a call first seen in the middle (Ringside started while it went
 * on)
 * @param startedAt when the PBX started the call, else when it was first known here
 * @param onPbx the PBX has shown the call; a call known only from its routing has not
 * (yet)
 * @param routings Ringside's decisions for the call, in the order they came
 * @param ringing the phones ringing now
 * @param talking the phone that answered last, null while nobody has
 * @param answeredAt the first answer, null while nobody has answered
 */
public record RoutedCall(String callId, @Nullable Direction direction, @Nullable String callerNumber,
		@Nullable String dialedNumber, Instant startedAt, boolean onPbx, List<RouteDecided> routings,
		List<String> ringing, @Nullable String talking, @Nullable Instant answeredAt) {

	public RoutedCall {
		routings = List.copyOf(routings);
		ringing = List.copyOf(ringing);
	}

	/**
	 * The newest routing (by the time it was decided), or null when Ringside was not
	 * asked about this call.
	 */
	public @Nullable RouteDecided routing() {
		RouteDecided newest = null;
		for (RouteDecided each : routings) {
			if (newest == null || !each.at().isBefore(newest.at())) {
				newest = each;
			}
		}
		return newest;
	}

	/** Someone answered the call (it may have been transferred since). */
	public boolean answered() {
		return answeredAt != null;
	}

}

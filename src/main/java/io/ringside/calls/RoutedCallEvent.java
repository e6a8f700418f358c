package io.ringside.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.ringside.routing.RouteDecided;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.LegEndReason;
import io.ringside.telephony.CallEvent.TransferKind;

/**
 * Something that happened to a routed call, in the past tense, as the
 * {@link CallProjection} tells it: the PBX's call events and Ringside's routing decisions
 * joined, merges already applied (only the surviving call id is used), in one order. Each
 * event carries the {@link #call() call} as it is after the event. A call's events end
 * with exactly one {@link Ended} or {@link Withdrawn}; none follow them.
 */
public sealed interface RoutedCallEvent {

	/** The call as it is after this event. */
	RoutedCall call();

	Instant at();

	default String callId() {
		return call().callId();
	}

	/**
	 * The PBX showed the call: its start, or its first event seen here (also after its
	 * routing came first).
	 */
	record Shown(RoutedCall call, Instant at) implements RoutedCallEvent {
	}

	/**
	 * Ringside decided where the call goes. It may come before or after the PBX showed
	 * the call, or after it was answered ({@link RoutedCall#answered()}); never after it
	 * ended.
	 */
	record Routed(RoutedCall call, Instant at, RouteDecided decided) implements RoutedCallEvent {
	}

	/** A phone started ringing for the call. */
	record Ringing(RoutedCall call, Instant at, String device) implements RoutedCallEvent {
	}

	/** A phone stopped ringing without being answered. */
	record LegStopped(RoutedCall call, Instant at, String device, LegEndReason reason) implements RoutedCallEvent {
	}

	/** A person answered on this phone. */
	record Answered(RoutedCall call, Instant at, String device) implements RoutedCallEvent {
	}

	/**
	 * {@code fromDevice} transferred the call to {@code to} (a phone, or a dialled
	 * extension).
	 */
	record Transferred(RoutedCall call, Instant at, TransferKind kind, @Nullable String fromDevice,
			@Nullable String to) implements RoutedCallEvent {
	}

	/**
	 * The call {@code mergedCallId} became part of this one (an attended transfer, a
	 * pickup); it has no events of its own any more, and a routing that names it applies
	 * to this call.
	 */
	record Merged(RoutedCall call, Instant at, String mergedCallId) implements RoutedCallEvent {
	}

	/**
	 * The call ended on the PBX, with everything the recorder needs: the PBX's verdict
	 * ({@code ended}), when it started, the phones that rang and the transfers; the
	 * routing decisions are {@code call().routings()}.
	 */
	record Ended(RoutedCall call, CallEnded ended, Instant startedAt, List<Leg> legs,
			List<Transfer> transfers) implements RoutedCallEvent {

		public Ended {
			legs = List.copyOf(legs);
			transfers = List.copyOf(transfers);
		}

		@Override
		public Instant at() {
			return ended.at();
		}

		public boolean answered() {
			return ended.answered();
		}

		public boolean abandoned() {
			return ended.abandoned();
		}

		public Duration waitTime() {
			return ended.waitTime();
		}

		public Duration talkTime() {
			return ended.talkTime();
		}

		public List<RouteDecided> decisions() {
			return call.routings();
		}

	}

	/**
	 * Ringside routed the call but the PBX never showed it within
	 * {@link CallProjection#UNSEEN}: the caller hung up during the route, or its events
	 * never reached this instance. Nothing more is said about it.
	 */
	record Withdrawn(RoutedCall call, Instant at) implements RoutedCallEvent {
	}

	/**
	 * A phone that rang for the call, and why it stopped (null when it answered or the
	 * reason is unknown).
	 */
	record Leg(String device, @Nullable Instant rangAt, @Nullable Instant endedAt, @Nullable String endReason) {
	}

	record Transfer(String kind, @Nullable String fromDevice, @Nullable String to, Instant at) {
	}

}

package io.ringside.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.ringside.calls.RoutedCallEvent.Answered;
import io.ringside.calls.RoutedCallEvent.Ended;
import io.ringside.calls.RoutedCallEvent.Leg;
import io.ringside.calls.RoutedCallEvent.LegStopped;
import io.ringside.calls.RoutedCallEvent.Merged;
import io.ringside.calls.RoutedCallEvent.Ringing;
import io.ringside.calls.RoutedCallEvent.Routed;
import io.ringside.calls.RoutedCallEvent.Shown;
import io.ringside.calls.RoutedCallEvent.Transfer;
import io.ringside.calls.RoutedCallEvent.Transferred;
import io.ringside.calls.RoutedCallEvent.Withdrawn;
import io.ringside.routing.RouteDecided;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.CallStarted;
import io.ringside.telephony.CallEvent.CallTransferred;
import io.ringside.telephony.CallEvent.CallsMerged;
import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.CallEvent.LegEnded;
import io.ringside.telephony.CallEvent.LegRinging;
import io.ringside.telephony.RecentMemory;
import io.ringside.telephony.Pbx;

/**
 * The one projection of a routed call: joins the PBX's call events with Ringside's
 * routing decisions, which come by another path and in either order, and tells what
 * happened as {@link RoutedCallEvent}s. It owns the rules every consumer needs alike: a
 * merged call lives on under the surviving id (a late routing for the merged id joins the
 * survivor); a routing for a call already answered is a routing of an answered call; a
 * routing for a call that has ended says nothing; a call known only from its routing that
 * the PBX has not shown within {@link #UNSEEN} is {@link Withdrawn} at the next
 * {@link #tick}.
 * <p>
 * Pure: each input changes the state and returns what it emits; no clock of its own (time
 * comes with the inputs), no I/O. Single-threaded: fed in order from one thread
 * ({@link RoutedCalls} in the application).
 */
public final class CallProjection {

	/** How long a call known only from its routing waits for the PBX to show it. */
	public static final Duration UNSEEN = Pbx.SHOWS_A_ROUTED_CALL_WITHIN;

	private final Map<String, Tracked> calls = new LinkedHashMap<>();

	/** Calls that ended recently: a late event or routing of theirs says nothing. */
	private final RecentMemory<Boolean> ended = new RecentMemory<>();

	/** Merged call id → the call it became part of, for a while after the merge. */
	private final RecentMemory<String> merged = new RecentMemory<>();

	/** A call event from the PBX's tracker. */
	public List<RoutedCallEvent> on(CallEvent event) {
		if (event instanceof CallsMerged join) {
			return merge(join);
		}
		String callId = event.callId();
		if (ended.contains(callId)) {
			return List.of();
		}
		if (event instanceof CallEnded end) {
			return List.of(end(end, calls.remove(callId)));
		}
		Tracked call = calls.computeIfAbsent(callId, id -> new Tracked(id, event.at()));
		List<RoutedCallEvent> out = new ArrayList<>(2);
		boolean firstShown = !call.onPbx;
		call.onPbx = true;
		if (event instanceof CallStarted started) {
			call.direction = started.direction();
			call.startedAt = started.at();
			call.startSeen = true;
			call.callerNumber = started.callerNumber() != null ? started.callerNumber() : call.callerNumber;
			call.dialedNumber = started.dialedNumber();
			out.add(new Shown(call.view(), started.at()));
			return out;
		}
		if (firstShown) {
			out.add(new Shown(call.view(), event.at()));
		}
		if (event instanceof LegRinging ringing) {
			call.ringing.add(ringing.device());
			call.legs.putIfAbsent(ringing.device(), new Leg(ringing.device(), ringing.at(), null, null));
			out.add(new Ringing(call.view(), ringing.at(), ringing.device()));
		}
		else if (event instanceof LegEnded stopped) {
			call.ringing.remove(stopped.device());
			Leg before = call.legs.get(stopped.device());
			call.legs.put(stopped.device(), new Leg(stopped.device(), before == null ? null : before.rangAt(),
					stopped.at(), stopped.reason().name()));
			out.add(new LegStopped(call.view(), stopped.at(), stopped.device(), stopped.reason()));
		}
		else if (event instanceof CallAnswered answered) {
			call.ringing.remove(answered.device());
			call.talking = answered.device();
			call.answeredAt = call.answeredAt == null ? answered.at() : call.answeredAt;
			out.add(new Answered(call.view(), answered.at(), answered.device()));
		}
		else if (event instanceof CallTransferred transfer) {
			call.transfers
				.add(new Transfer(transfer.kind().name(), transfer.fromDevice(), transfer.to(), transfer.at()));
			out.add(new Transferred(call.view(), transfer.at(), transfer.kind(), transfer.fromDevice(), transfer.to()));
		}
		return out;
	}

	/** A routing decision of this instance, whenever it arrives. */
	public List<RoutedCallEvent> routed(RouteDecided decided) {
		String callId = survivorOf(decided.request().callId());
		if (ended.contains(callId)) {
			return List.of();
		}
		Tracked call = calls.get(callId);
		if (call == null) {
			call = new Tracked(callId, decided.at());
			call.direction = Direction.INBOUND;
			calls.put(callId, call);
		}
		if (call.callerNumber == null) {
			call.callerNumber = decided.request().callerNumber();
		}
		call.routings.add(decided);
		return List.of(new Routed(call.view(), decided.at(), decided));
	}

	/**
	 * Time passes: calls routed more than {@link #UNSEEN} ago that the PBX has not shown
	 * are withdrawn.
	 */
	public List<RoutedCallEvent> tick(Instant now) {
		List<RoutedCallEvent> out = new ArrayList<>();
		Iterator<Tracked> each = calls.values().iterator();
		while (each.hasNext()) {
			Tracked call = each.next();
			if (!call.onPbx && call.lastRoutedAt().plus(UNSEEN).isBefore(now)) {
				each.remove();
				out.add(new Withdrawn(call.view(), now));
			}
		}
		return out;
	}

	/** Calls in progress (shown, or routed and waiting to be shown). */
	public int inProgress() {
		return calls.size();
	}

	private List<RoutedCallEvent> merge(CallsMerged join) {
		Tracked gone = calls.remove(join.mergedCallId());
		merged.remember(join.mergedCallId(), join.callId(), join.at());
		if (ended.contains(join.callId())) {
			return List.of();
		}
		Tracked survivor = calls.computeIfAbsent(join.callId(), id -> new Tracked(id, join.at()));
		survivor.onPbx = true;
		if (gone != null) {
			survivor.absorb(gone);
		}
		return List.of(new Merged(survivor.view(), join.at(), join.mergedCallId()));
	}

	private Ended end(CallEnded end, @Nullable Tracked call) {
		ended.remember(end.callId(), true, end.at());
		if (call == null) {
			call = new Tracked(end.callId(), end.at());
			call.direction = end.direction();
			call.callerNumber = end.callerNumber();
		}
		call.ringing.clear();
		Instant startedAt = call.startSeen ? call.startedAt : end.at().minus(end.waitTime()).minus(end.talkTime());
		return new Ended(call.view(), end, startedAt, List.copyOf(call.legs.values()), call.transfers);
	}

	private String survivorOf(String callId) {
		String id = callId;
		for (int hops = 0; hops < 16; hops++) {
			String into = merged.get(id);
			if (into == null) {
				break;
			}
			id = into;
		}
		return id;
	}

	/** What is known of one call in progress. */
	private static final class Tracked {

		private final String callId;

		private @Nullable Direction direction;

		private @Nullable String callerNumber;

		private @Nullable String dialedNumber;

		private Instant startedAt;

		/** The PBX's CallStarted was seen, so {@link #startedAt} is the PBX's. */
		private boolean startSeen;

		private boolean onPbx;

		private final List<RouteDecided> routings = new ArrayList<>(2);

		private final Set<String> ringing = new LinkedHashSet<>();

		private @Nullable String talking;

		private @Nullable Instant answeredAt;

		private final Map<String, Leg> legs = new LinkedHashMap<>();

		private final List<Transfer> transfers = new ArrayList<>(0);

		Tracked(String callId, Instant firstKnown) {
			this.callId = callId;
			this.startedAt = firstKnown;
		}

		/**
		 * Takes in a call merged into this one: its legs and transfers; its routing when
		 * this call has none (the routed client's call may be the younger one); its
		 * start, answer, direction and number where earlier or unknown here.
		 */
		void absorb(Tracked gone) {
			if (routings.isEmpty()) {
				routings.addAll(gone.routings);
			}
			gone.legs.forEach(legs::putIfAbsent);
			transfers.addAll(gone.transfers);
			if (gone.startSeen && (!startSeen || gone.startedAt.isBefore(startedAt))) {
				startedAt = gone.startedAt;
				startSeen = true;
			}
			if (gone.answeredAt != null && (answeredAt == null || gone.answeredAt.isBefore(answeredAt))) {
				answeredAt = gone.answeredAt;
			}
			talking = talking != null ? talking : gone.talking;
			direction = direction != null ? direction : gone.direction;
			callerNumber = callerNumber != null ? callerNumber : gone.callerNumber;
			dialedNumber = dialedNumber != null ? dialedNumber : gone.dialedNumber;
		}

		Instant lastRoutedAt() {
			Instant last = startedAt;
			for (RouteDecided routing : routings) {
				last = routing.at().isAfter(last) ? routing.at() : last;
			}
			return last;
		}

		RoutedCall view() {
			return new RoutedCall(callId, direction, callerNumber, dialedNumber, startedAt, onPbx, routings,
					List.copyOf(ringing), talking, answeredAt);
		}

	}

}

package io.ringside.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.ringside.calls.RoutedCall;
import io.ringside.calls.RoutedCallEvent;
import io.ringside.calls.RoutedCallEvent.Ended;
import io.ringside.calls.RoutedCallEvent.Merged;
import io.ringside.dashboard.DashboardSnapshot.CallOnBoard;
import io.ringside.dashboard.DashboardSnapshot.CallState;
import io.ringside.dashboard.DashboardSnapshot.ClientOnBoard;
import io.ringside.dashboard.DashboardSnapshot.RoutedTo;
import io.ringside.dashboard.PhoneCalls.OnCall;
import io.ringside.routing.RouteDecided;
import io.ringside.telephony.CallEvent.Direction;

/**
 * The calls ringing and in progress on the {@link Board}, in the order they came: each as
 * the routed-call projection last left it, with a routing another instance made for it
 * when this instance made none; and each call as the board shows it. A call the database
 * has recorded leaves, and its late events do not bring it back. Pure; single-threaded,
 * like the board.
 * <p>
 * The board asks what changed at every input, with hundreds of calls in progress at a
 * busy hour (thousands with calls minutes long), so the calls keep account of what an
 * input touched: the calls whose view may differ ({@link #changes}) and the phones whose
 * call may differ ({@link #takeTouchedPhones}), with the calls kept by phone as well
 * ({@link PhoneCalls}). Nothing a change costs grows with the calls in progress.
 */
final class LiveCalls {

	private static final int RECORDED_REMEMBERED = 1_000;

	/** How long an unrouted call is looked for at every look ({@link #unrouted}). */
	static final Duration ASKED_AT_EVERY_LOOK = Duration.ofSeconds(10);

	private final Map<String, OnBoard> calls = new LinkedHashMap<>();

	/**
	 * Calls left because the database has them recorded: their late events do not bring
	 * them back.
	 */
	private final Set<String> recordedAway = new LinkedHashSet<>();

	/** Calls whose view may differ from the one last asked for. */
	private final Set<String> touched = new LinkedHashSet<>();

	/** Calls that left since the views were last asked for (some came back). */
	private final Set<String> left = new HashSet<>();

	/** The calls on each phone. */
	private final PhoneCalls phones = new PhoneCalls();

	/** The board's order: each call's place, given as it comes. */
	private long nextPlace;

	/** The team's names and phones the views were last made with. */
	private long teamSeen = -1;

	/**
	 * A call's event other than its end: the call comes (unless recorded away) or
	 * changes, and a call merged into it leaves.
	 */
	void on(RoutedCallEvent event) {
		String callId = event.callId();
		if (recordedAway.contains(callId)) {
			return;
		}
		if (event instanceof Merged merged) {
			remove(merged.mergedCallId());
		}
		OnBoard before = calls.get(callId);
		put(callId, event.call(), before == null ? null : before.elsewhere());
	}

	/**
	 * The call ended: it leaves, and its routing (this instance's, else another's) is
	 * returned, or null.
	 */
	@Nullable Routing ended(Ended ended) {
		OnBoard left = remove(ended.callId());
		return routing(ended.call(), left);
	}

	/** The call never was (the PBX never showed it): it leaves. */
	void withdrawn(String callId) {
		remove(callId);
	}

	/**
	 * Where another instance sent a call: it applies only to a call in progress, and not
	 * when an earlier one arrives after a later one. Returns whether it applied.
	 */
	boolean routedElsewhere(Routing routing) {
		OnBoard on = calls.get(routing.callId());
		if (on == null || (on.elsewhere() != null && routing.at().isBefore(on.elsewhere().at()))) {
			return false;
		}
		put(routing.callId(), on.call(), routing);
		return true;
	}

	/**
	 * The database has the call recorded, so it has ended: one still here (its end was
	 * lost) leaves for good.
	 */
	void recorded(String callId) {
		if (remove(callId) != null) {
			recordedAway.add(callId);
			if (recordedAway.size() > RECORDED_REMEMBERED) {
				recordedAway.remove(recordedAway.iterator().next());
			}
		}
	}

	/**
	 * Inbound calls in progress whose routing is not known here (routed by another
	 * instance, or not yet), to look for in the database {@code now}: each at every look
	 * for its first {@link #ASKED_AT_EVERY_LOOK}, then once in ten seconds of its age. A
	 * routing lands there within a second or two; a call that still has none is most
	 * likely one the dialplan sends elsewhere (a queue), and may wait there for minutes.
	 */
	List<String> unrouted(Instant now) {
		List<String> unrouted = new ArrayList<>();
		calls.values().forEach(on -> {
			if (routing(on.call(), on) == null && on.call().direction() == Direction.INBOUND) {
				long age = Duration.between(on.call().startedAt(), now).toSeconds();
				if (age < ASKED_AT_EVERY_LOOK.toSeconds() || age % 10 == 0) {
					unrouted.add(on.call().callId());
				}
			}
		});
		return unrouted;
	}

	/**
	 * What changed since the last time: the views of the calls touched (all of them when
	 * the team's names or phones changed), in the board's order, and the calls that left.
	 * A call that left and came back is in both, so that it takes its new place.
	 */
	Changes changes(Team team) {
		if (team.lookups() != teamSeen) {
			teamSeen = team.lookups();
			touched.addAll(calls.keySet());
		}
		List<OnBoard> present = new ArrayList<>();
		List<String> gone = new ArrayList<>();
		touched.forEach(callId -> {
			OnBoard on = calls.get(callId);
			if (on == null || left.contains(callId)) {
				gone.add(callId);
			}
			if (on != null) {
				present.add(on);
			}
		});
		touched.clear();
		left.clear();
		present.sort(Comparator.comparingLong(OnBoard::place));
		List<CallOnBoard> views = new ArrayList<>(present.size());
		present.forEach(on -> views.add(view(on, team)));
		return new Changes(views, gone);
	}

	/**
	 * The call a phone is on: the first in the board's order that talks there, else the
	 * first that rings there; null when none.
	 */
	@Nullable OnCall onCall(String phone) {
		return phones.onCall(phone);
	}

	/** The phones whose calls changed since the last time this was asked. */
	Set<String> takeTouchedPhones() {
		return phones.takeTouched();
	}

	private void put(String callId, RoutedCall call, @Nullable Routing elsewhere) {
		OnBoard before = calls.get(callId);
		OnBoard now = new OnBoard(before == null ? nextPlace++ : before.place(), call, elsewhere);
		calls.put(callId, now);
		if (before != null) {
			phones.remove(before.place(), before.call());
		}
		phones.add(now.place(), now.call());
		touched.add(callId);
	}

	private @Nullable OnBoard remove(String callId) {
		OnBoard gone = calls.remove(callId);
		if (gone != null) {
			phones.remove(gone.place(), gone.call());
			touched.add(callId);
			left.add(callId);
		}
		return gone;
	}

	private static CallOnBoard view(OnBoard on, Team team) {
		RoutedCall call = on.call();
		Routing routing = routing(call, on);
		RoutedTo routedTo = routing == null || routing.target() == null || routing.target().isEmpty() ? null
				: new RoutedTo(routing.login(), routing.name() != null ? routing.name() : team.nameOf(routing.login()),
						routing.target());
		ClientOnBoard client = routing == null || routing.clientId() == null ? null
				: new ClientOnBoard(routing.clientId(), routing.clientName(), routing.ownerLogin());
		Member talker = team.byDevice(call.talking());
		return new CallOnBoard(call.callId(), call.direction() == null ? null : call.direction().name(),
				call.callerNumber() != null ? call.callerNumber() : routing == null ? null : routing.callerNumber(),
				client, routedTo, routing == null ? null : routing.reason(),
				call.talking() == null ? CallState.RINGING : CallState.TALKING,
				call.answeredAt() == null ? call.startedAt() : call.answeredAt(), call.startedAt(),
				talker != null ? talker.login() : call.talking());
	}

	/** This instance's routing of the call, else one another instance made. */
	private static @Nullable Routing routing(RoutedCall call, @Nullable OnBoard on) {
		RouteDecided decided = call.routing();
		return decided != null ? Routing.of(decided, null) : on == null ? null : on.elsewhere();
	}

	/**
	 * The views of the calls that may have changed, in the board's order, and the calls
	 * that left (one that came back is in both).
	 */
	record Changes(List<CallOnBoard> views, List<String> left) {
	}

	/**
	 * A call on the board, at its place in the board's order: as the projection left it,
	 * and a routing another instance made for it, if any.
	 */
	private record OnBoard(long place, RoutedCall call, @Nullable Routing elsewhere) {
	}

}

package io.ringside.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
import io.ringside.routing.RouteDecided;
import io.ringside.telephony.CallEvent.Direction;

/**
 * The calls ringing and in progress on the {@link Board}, in the order they came: each as
 * the routed-call projection last left it, with a routing another instance made for it
 * when this instance made none; and each call as the board shows it. A call the database
 * has recorded leaves, and its late events do not bring it back. Pure; single-threaded,
 * like the board.
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
			calls.remove(merged.mergedCallId());
		}
		OnBoard before = calls.get(callId);
		calls.put(callId, new OnBoard(event.call(), before == null ? null : before.elsewhere()));
	}

	/**
	 * The call ended: it leaves, and its routing (this instance's, else another's) is
	 * returned, or null.
	 */
	@Nullable Routing ended(Ended ended) {
		OnBoard left = calls.remove(ended.callId());
		return routing(ended.call(), left);
	}

	/** The call never was (the PBX never showed it): it leaves. */
	void withdrawn(String callId) {
		calls.remove(callId);
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
		calls.put(routing.callId(), new OnBoard(on.call(), routing));
		return true;
	}

	/**
	 * The database has the call recorded, so it has ended: one still here (its end was
	 * lost) leaves for good.
	 */
	void recorded(String callId) {
		if (calls.remove(callId) != null) {
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

	/** The calls, in the board's order. */
	Collection<RoutedCall> calls() {
		List<RoutedCall> all = new ArrayList<>(calls.size());
		calls.values().forEach(on -> all.add(on.call()));
		return all;
	}

	/**
	 * Each call as the board shows it, by call id in the board's order; names and phones
	 * come from the team.
	 */
	Map<String, CallOnBoard> views(Team team) {
		Map<String, CallOnBoard> views = new LinkedHashMap<>();
		calls.values().forEach(on -> views.put(on.call().callId(), view(on, team)));
		return views;
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
	 * A call on the board: as the projection left it, and a routing another instance made
	 * for it, if any.
	 */
	private record OnBoard(RoutedCall call, @Nullable Routing elsewhere) {
	}

}

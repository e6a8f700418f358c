package io.ringside.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ringside.calls.RoutedCall;
import io.ringside.calls.RoutedCallEvent;
import io.ringside.calls.RoutedCallEvent.Ended;
import io.ringside.calls.RoutedCallEvent.Merged;
import io.ringside.calls.RoutedCallEvent.Withdrawn;
import io.ringside.dashboard.DashboardSnapshot.CallOnBoard;
import io.ringside.dashboard.DashboardSnapshot.CallState;
import io.ringside.dashboard.DashboardSnapshot.ClientOnBoard;
import io.ringside.dashboard.DashboardSnapshot.EmployeeOnBoard;
import io.ringside.dashboard.DashboardSnapshot.Figures;
import io.ringside.dashboard.DashboardSnapshot.RoutedTo;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;
import io.ringside.routing.RouteDecided;
import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.DeviceStateChanged;

/**
 * The board as a pure view: each input (a routed call's event, a routing read from the database, presence, what the
 * database holds) changes the state and returns what a subscriber must be told, or null when nothing it shows
 * changed. It knows no Spring, no I/O and no clock of its own: time comes with the inputs ({@link #tick}). The calls
 * come from the routed-call projection ({@link RoutedCallEvent}), which has already joined routings with the PBX's
 * events, applied merges and withdrawn calls the PBX never showed; the board shows each call as the last event left
 * it. Today's figures are {@link TodaysFigures}.
 * <p>
 * Single-threaded: fed in order from one thread.
 */
final class Board {

	private static final int RECORDED_REMEMBERED = 1_000;

	private final ZoneId zone;

	private long version;

	/** Inputs are being applied together: the comparison waits for the last of them. */
	private boolean gathering;

	private Instant now;

	private final TodaysFigures today;

	private final Map<String, OnBoard> calls = new LinkedHashMap<>();

	/** Calls left because the database has them recorded: their late events do not bring them back. */
	private final Set<String> recordedAway = new LinkedHashSet<>();

	private List<Member> team = List.of();

	/** Names of people a routing named before the team read from the database had them. */
	private final Map<String, String> names = new HashMap<>();

	private final Map<String, Availability> availability = new HashMap<>();

	private final Map<String, DeviceState> devices = new HashMap<>();

	private Map<String, CallOnBoard> shownCalls = new LinkedHashMap<>();

	private Map<String, EmployeeOnBoard> shownEmployees = new LinkedHashMap<>();

	private Figures shownFigures;

	Board(ZoneId zone, Duration threshold, Instant now) {
		this.zone = zone;
		this.now = now;
		this.today = new TodaysFigures(zone, threshold, now);
		this.shownFigures = today.figures(now);
	}

	/** A phone's state from the PBX. */
	DashboardChange on(DeviceStateChanged device) {
		advance(device.at());
		devices.put(device.device(), DeviceState.parse(device.state().name()));
		return changes();
	}

	/** What happened to a call, as the routed-call projection tells it. */
	DashboardChange on(RoutedCallEvent event) {
		advance(event.at());
		String callId = event.callId();
		if (event instanceof Ended ended) {
			OnBoard left = calls.remove(callId);
			RoutedCall call = ended.call();
			if (ended.ended().direction() == Direction.INBOUND) {
				today.live(outcome(ended, routing(call, left)));
			}
		}
		else if (event instanceof Withdrawn) {
			calls.remove(callId);
		}
		else if (!recordedAway.contains(callId)) {
			if (event instanceof Merged merged) {
				calls.remove(merged.mergedCallId());
			}
			OnBoard before = calls.get(callId);
			calls.put(callId, new OnBoard(event.call(), before == null ? null : before.elsewhere()));
		}
		return changes();
	}

	/** The name of someone a routing names, known before the team read from the database has them. */
	void named(String login, String name) {
		names.put(login, name);
	}

	/**
	 * Where another instance sent a call, read from the database: it applies only to a call in progress that has no
	 * routing of this instance's.
	 */
	DashboardChange routedElsewhere(Routing routing) {
		advance(routing.at());
		OnBoard on = calls.get(routing.callId());
		if (on == null || (on.elsewhere() != null && routing.at().isBefore(on.elsewhere().at()))) {
			return null;
		}
		calls.put(routing.callId(), new OnBoard(on.call(), routing));
		return changes();
	}

	/** The sales team as the database has it, in the order to show. */
	DashboardChange team(List<Member> members) {
		team = List.copyOf(members);
		return changes();
	}

	/** An employee's status changed on this instance. */
	DashboardChange availability(String login, Availability status, Instant at) {
		advance(at);
		availability.put(login, status);
		return changes();
	}

	/**
	 * Presence as read from Redis: statuses replace what is known (an expired status reads OFFLINE); device states
	 * fill in only phones the PBX has said nothing about since the start, as its events are fresher.
	 */
	DashboardChange presence(Map<String, Availability> statuses, Map<String, DeviceState> deviceStates) {
		availability.putAll(statuses);
		deviceStates.forEach(devices::putIfAbsent);
		return changes();
	}

	/** The team and their presence read together: one change, as one input may give only one. */
	DashboardChange team(List<Member> members, Map<String, Availability> statuses,
			Map<String, DeviceState> deviceStates) {
		team = List.copyOf(members);
		return presence(statuses, deviceStates);
	}

	/**
	 * Outcomes of calls as recorded in the database (by any instance); those of other days are left out. A call
	 * recorded has ended, so one still on the board (its end was lost while the PBX connection was down) leaves it.
	 */
	DashboardChange recorded(Collection<Outcome> recorded) {
		for (Outcome outcome : recorded) {
			if (calls.remove(outcome.callId()) != null) {
				recordedAway.add(outcome.callId());
				if (recordedAway.size() > RECORDED_REMEMBERED) {
					recordedAway.remove(recordedAway.iterator().next());
				}
			}
			today.recorded(outcome);
		}
		return changes();
	}

	/** The deadlines of every open callback, as read from the database. */
	DashboardChange callbacks(Collection<Instant> openDeadlines) {
		today.callbacks(openDeadlines);
		return changes();
	}

	/** Time passes: callbacks fall overdue, and at midnight in the zone the figures start again. */
	DashboardChange tick(Instant at) {
		advance(at);
		return changes();
	}

	/** Inbound calls in progress whose routing is not known here (routed by another instance, or not yet). */
	List<String> unrouted() {
		List<String> unrouted = new ArrayList<>();
		calls.values().forEach(on -> {
			if (routing(on.call(), on) == null && on.call().direction() == Direction.INBOUND) {
				unrouted.add(on.call().callId());
			}
		});
		return unrouted;
	}

	LocalDate day() {
		return today.day();
	}

	DashboardSnapshot snapshot(Instant at) {
		return new DashboardSnapshot(DashboardSnapshot.TYPE, version, at, today.day(), zone.getId(),
				List.copyOf(shownCalls.values()), List.copyOf(shownEmployees.values()), shownFigures);
	}

	/** This instance's routing of the call, else one another instance made. */
	private static Routing routing(RoutedCall call, OnBoard on) {
		RouteDecided decided = call.routing();
		return decided != null ? Routing.of(decided, null) : on == null ? null : on.elsewhere();
	}

	private Outcome outcome(Ended ended, Routing routing) {
		boolean fromClient = routing != null && routing.clientId() != null;
		Member answeredBy = ended.answered() ? member(ended.ended().answeredBy()) : null;
		boolean byOwner = fromClient && answeredBy != null && answeredBy.login().equals(routing.ownerLogin());
		boolean takeover = fromClient && answeredBy != null && !byOwner && answeredBy.isHeadOfSales();
		return new Outcome(ended.callId(), ended.startedAt(), ended.answered(), ended.waitTime(), ended.abandoned(),
				fromClient, byOwner, takeover);
	}

	private void advance(Instant at) {
		if (at == null || !at.isAfter(now)) {
			return;
		}
		now = at;
		today.advance(now);
	}

	private Member member(String device) {
		if (device == null) {
			return null;
		}
		for (Member member : team) {
			if (device.equals(member.extension())) {
				return member;
			}
		}
		return null;
	}

	private String nameOf(String login) {
		for (Member member : team) {
			if (member.login().equals(login)) {
				return member.name();
			}
		}
		return login == null ? null : names.get(login);
	}

	/**
	 * Several inputs applied together ({@code inputs} calls this board's input methods), then compared once with
	 * what the board showed: one change, or null when nothing shows differently (or when this is itself part of
	 * inputs applied together).
	 */
	DashboardChange together(Runnable inputs) {
		boolean outer = gathering;
		gathering = true;
		try {
			inputs.run();
		}
		finally {
			gathering = outer;
		}
		return outer ? null : difference();
	}

	/** The difference an input makes, unless inputs are being gathered ({@link #together}). */
	private DashboardChange changes() {
		return gathering ? null : difference();
	}

	/** What the board shows now against what it showed: the difference, as one change. */
	private DashboardChange difference() {
		Map<String, CallOnBoard> nowCalls = new LinkedHashMap<>();
		calls.values().forEach(on -> nowCalls.put(on.call().callId(), view(on)));
		List<CallOnBoard> changedCalls = new ArrayList<>();
		nowCalls.forEach((id, view) -> {
			if (!view.equals(shownCalls.get(id))) {
				changedCalls.add(view);
			}
		});
		List<String> endedCalls = new ArrayList<>();
		shownCalls.keySet().forEach(id -> {
			if (!nowCalls.containsKey(id)) {
				endedCalls.add(id);
			}
		});
		// Who is on which call, by phone, read once for the whole team (the first call in the board's order wins).
		Map<String, RoutedCall> talkingOn = new HashMap<>();
		Map<String, RoutedCall> ringingOn = new HashMap<>();
		calls.values().forEach(on -> {
			if (on.call().talking() != null) {
				talkingOn.putIfAbsent(on.call().talking(), on.call());
			}
			on.call().ringing().forEach(device -> ringingOn.putIfAbsent(device, on.call()));
		});
		Map<String, EmployeeOnBoard> nowEmployees = new LinkedHashMap<>();
		team.forEach(member -> nowEmployees.put(member.login(), view(member, talkingOn, ringingOn)));
		List<EmployeeOnBoard> changedEmployees = new ArrayList<>();
		nowEmployees.forEach((login, view) -> {
			if (!view.equals(shownEmployees.get(login))) {
				changedEmployees.add(view);
			}
		});
		Figures figures = today.figures(now);
		boolean figuresChanged = !figures.equals(shownFigures);
		shownCalls = nowCalls;
		shownEmployees = nowEmployees;
		shownFigures = figures;
		if (changedCalls.isEmpty() && endedCalls.isEmpty() && changedEmployees.isEmpty() && !figuresChanged) {
			return null;
		}
		version++;
		return new DashboardChange(DashboardChange.TYPE, version, now, changedCalls.isEmpty() ? null : changedCalls,
				endedCalls.isEmpty() ? null : endedCalls, changedEmployees.isEmpty() ? null : changedEmployees,
				figuresChanged ? figures : null);
	}

	private CallOnBoard view(OnBoard on) {
		RoutedCall call = on.call();
		Routing routing = routing(call, on);
		RoutedTo routedTo = routing == null || routing.target() == null || routing.target().isEmpty() ? null
				: new RoutedTo(routing.login(), routing.name() != null ? routing.name() : nameOf(routing.login()),
						routing.target());
		ClientOnBoard client = routing == null || routing.clientId() == null ? null
				: new ClientOnBoard(routing.clientId(), routing.clientName(), routing.ownerLogin());
		Member talker = member(call.talking());
		return new CallOnBoard(call.callId(), call.direction() == null ? null : call.direction().name(),
				call.callerNumber() != null ? call.callerNumber() : routing == null ? null : routing.callerNumber(),
				client, routedTo, routing == null ? null : routing.reason(),
				call.talking() == null ? CallState.RINGING : CallState.TALKING,
				call.answeredAt() == null ? call.startedAt() : call.answeredAt(), call.startedAt(),
				talker != null ? talker.login() : call.talking());
	}

	private EmployeeOnBoard view(Member member, Map<String, RoutedCall> talkingOn, Map<String, RoutedCall> ringingOn) {
		String callId = null;
		CallState state = null;
		if (member.extension() != null) {
			RoutedCall talking = talkingOn.get(member.extension());
			RoutedCall ringing = ringingOn.get(member.extension());
			if (talking != null) {
				callId = talking.callId();
				state = CallState.TALKING;
			}
			else if (ringing != null) {
				callId = ringing.callId();
				state = CallState.RINGING;
			}
		}
		DeviceState device = member.extension() == null ? DeviceState.UNKNOWN
				: devices.getOrDefault(member.extension(), DeviceState.UNKNOWN);
		return new EmployeeOnBoard(member.login(), member.name(), member.role(), member.extension(),
				availability.getOrDefault(member.login(), Availability.OFFLINE).name(), device.name(), callId, state);
	}

	/** A call on the board: as the projection left it, and a routing another instance made for it, if any. */
	private record OnBoard(RoutedCall call, Routing elsewhere) {
	}

}

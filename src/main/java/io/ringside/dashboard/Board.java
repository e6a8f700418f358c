package io.ringside.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.ringside.dashboard.DashboardSnapshot.CallOnBoard;
import io.ringside.dashboard.DashboardSnapshot.CallState;
import io.ringside.dashboard.DashboardSnapshot.ClientOnBoard;
import io.ringside.dashboard.DashboardSnapshot.EmployeeOnBoard;
import io.ringside.dashboard.DashboardSnapshot.Figures;
import io.ringside.dashboard.DashboardSnapshot.RoutedTo;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;
import io.ringside.telephony.Pbx;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.CallStarted;
import io.ringside.telephony.CallEvent.CallsMerged;
import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.CallEvent.LegEnded;
import io.ringside.telephony.CallEvent.LegRinging;
import io.ringside.telephony.DeviceStateChanged;
import io.ringside.telephony.TelephonyEvent;

/**
 * The board as a pure projection: each input (a call event, a routing, presence, what the database holds) changes
 * the state and returns what a subscriber must be told, or null when nothing it shows changed. It knows no Spring,
 * no I/O and no clock of its own: time comes with the inputs ({@link #tick}).
 * <p>
 * Figures are derived from a set of outcomes keyed by call id, so whether a call's outcome came from the live events
 * or from the {@code calls} table (recorded here or by another instance, before or after a restart) it counts once;
 * a recorded outcome replaces a live one.
 * <p>
 * Single-threaded: fed in order from one thread.
 */
final class Board {

	private static final int ENDED_REMEMBERED = 1_000;

	private final ZoneId zone;

	private final Duration threshold;

	private long version;

	/** Inputs are being applied together: the comparison waits for the last of them. */
	private boolean gathering;

	private Instant now;

	/** How long a call known only from its routing waits for the PBX to show it ({@link Pbx}). */
	static final Duration UNSEEN = Pbx.SHOWS_A_ROUTED_CALL_WITHIN;

	private LocalDate day;

	private final Map<String, Live> calls = new LinkedHashMap<>();

	private final Set<String> recentlyEnded = new LinkedHashSet<>();

	private final Map<String, Outcome> outcomes = new HashMap<>();

	private List<Member> team = List.of();

	private final Map<String, Availability> availability = new HashMap<>();

	private final Map<String, DeviceState> devices = new HashMap<>();

	private Collection<Instant> openCallbacks = List.of();

	private Map<String, CallOnBoard> shownCalls = new LinkedHashMap<>();

	private Map<String, EmployeeOnBoard> shownEmployees = new LinkedHashMap<>();

	private Figures shownFigures;

	Board(ZoneId zone, Duration threshold, Instant now) {
		this.zone = zone;
		this.threshold = threshold;
		this.now = now;
		this.day = now.atZone(zone).toLocalDate();
		this.shownFigures = figures();
	}

	/** A call or device event from the PBX. */
	DashboardChange on(TelephonyEvent event) {
		advance(event.at());
		if (event instanceof DeviceStateChanged device) {
			devices.put(device.device(), DeviceState.parse(device.state().name()));
		}
		else if (event instanceof CallEvent call) {
			apply(call);
		}
		return changes();
	}

	/**
	 * Where Ringside sent a call. A routing made on this instance may come before the PBX's first event of the call
	 * ({@code mayStart}); one read from the database for a call routed elsewhere applies only to a call in progress.
	 * An older routing never replaces a newer one.
	 */
	DashboardChange routed(Routing routing, boolean mayStart) {
		advance(routing.at());
		Live live = calls.get(routing.callId());
		if (live == null) {
			if (!mayStart || recentlyEnded.contains(routing.callId())) {
				return null;
			}
			live = new Live(routing.callId(), Direction.INBOUND, routing.callerNumber(), routing.at());
			calls.put(live.callId, live);
		}
		if (live.routing == null || !routing.at().isBefore(live.routing.at())) {
			live.routing = routing;
		}
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
				remember(outcome.callId());
			}
			if (isToday(outcome.startedAt())) {
				outcomes.put(outcome.callId(), outcome);
			}
		}
		return changes();
	}

	/** The deadlines of every open callback, as read from the database. */
	DashboardChange callbacks(Collection<Instant> openDeadlines) {
		openCallbacks = List.copyOf(openDeadlines);
		return changes();
	}

	/**
	 * Time passes: callbacks fall overdue, at midnight in the zone the figures start again, and a call known only
	 * from its routing that the PBX has not shown within {@link #UNSEEN} leaves the board (the caller hung up before
	 * the PBX reported anything, or the call never reached this instance's AMI connection); left there, such calls
	 * would pile up.
	 */
	DashboardChange tick(Instant at) {
		advance(at);
		calls.values().removeIf(live -> !live.onPbx && live.startedAt.plus(UNSEEN).isBefore(now));
		return changes();
	}

	/** Inbound calls in progress whose routing is not known here (routed by another instance, or not yet). */
	List<String> unrouted() {
		List<String> unrouted = new ArrayList<>();
		calls.values().forEach(live -> {
			if (live.routing == null && live.direction == Direction.INBOUND) {
				unrouted.add(live.callId);
			}
		});
		return unrouted;
	}

	LocalDate day() {
		return day;
	}

	DashboardSnapshot snapshot(Instant at) {
		return new DashboardSnapshot(DashboardSnapshot.TYPE, version, at, day, zone.getId(),
				List.copyOf(shownCalls.values()), List.copyOf(shownEmployees.values()), shownFigures);
	}

	private void apply(CallEvent event) {
		applyToLive(event);
		Live live = calls.get(event.callId());
		if (live != null) {
			live.onPbx = true;
		}
	}

	private void applyToLive(CallEvent event) {
		if (event instanceof CallStarted started) {
			Live live = calls.get(started.callId());
			if (live == null) {
				if (recentlyEnded.contains(started.callId())) {
					return;
				}
				live = new Live(started.callId(), started.direction(), started.callerNumber(), started.at());
				calls.put(live.callId, live);
			}
			else {
				live.direction = started.direction();
				live.startedAt = started.at();
				if (started.callerNumber() != null) {
					live.callerNumber = started.callerNumber();
				}
			}
		}
		else if (event instanceof LegRinging ringing) {
			Live live = live(ringing.callId(), ringing.at());
			if (live != null) {
				live.ringing.add(ringing.device());
			}
		}
		else if (event instanceof LegEnded ended) {
			Live live = calls.get(ended.callId());
			if (live != null) {
				live.ringing.remove(ended.device());
			}
		}
		else if (event instanceof CallAnswered answered) {
			Live live = live(answered.callId(), answered.at());
			if (live != null) {
				live.ringing.remove(answered.device());
				live.talking = answered.device();
				if (live.answeredAt == null) {
					live.answeredAt = answered.at();
				}
			}
		}
		else if (event instanceof CallsMerged merged) {
			Live gone = calls.remove(merged.mergedCallId());
			remember(merged.mergedCallId());
			Live survivor = calls.get(merged.callId());
			if (gone != null && survivor != null && survivor.routing == null) {
				survivor.routing = gone.routing;
			}
		}
		else if (event instanceof CallEnded ended) {
			Live live = calls.remove(ended.callId());
			remember(ended.callId());
			if (ended.direction() == Direction.INBOUND) {
				Outcome outcome = outcome(ended, live);
				if (isToday(outcome.startedAt())) {
					outcomes.putIfAbsent(outcome.callId(), outcome);
				}
			}
		}
	}

	/** A call first seen in the middle (Ringside started while it went on): shown from now, direction unknown. */
	private Live live(String callId, Instant at) {
		Live live = calls.get(callId);
		if (live == null && !recentlyEnded.contains(callId)) {
			live = new Live(callId, null, null, at);
			calls.put(callId, live);
		}
		return live;
	}

	private Outcome outcome(CallEnded ended, Live live) {
		Instant startedAt = live != null && live.direction != null ? live.startedAt
				: ended.at().minus(ended.waitTime()).minus(ended.talkTime());
		boolean abandoned = ended.abandoned();
		Routing routing = live == null ? null : live.routing;
		boolean fromClient = routing != null && routing.clientId() != null;
		Member answeredBy = ended.answered() ? member(ended.answeredBy()) : null;
		boolean byOwner = fromClient && answeredBy != null && answeredBy.login().equals(routing.ownerLogin());
		boolean takeover = fromClient && answeredBy != null && !byOwner && answeredBy.isHeadOfSales();
		return new Outcome(ended.callId(), startedAt, ended.answered(), ended.waitTime(), abandoned, fromClient,
				byOwner, takeover);
	}

	private void remember(String callId) {
		recentlyEnded.add(callId);
		if (recentlyEnded.size() > ENDED_REMEMBERED) {
			recentlyEnded.remove(recentlyEnded.iterator().next());
		}
	}

	private void advance(Instant at) {
		if (at == null || !at.isAfter(now)) {
			return;
		}
		now = at;
		LocalDate today = now.atZone(zone).toLocalDate();
		if (today.isAfter(day)) {
			day = today;
			outcomes.values().removeIf(outcome -> !isToday(outcome.startedAt()));
		}
	}

	private boolean isToday(Instant at) {
		return at.atZone(zone).toLocalDate().equals(day);
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
		return null;
	}

	/**
	 * Several inputs applied together ({@code inputs} calls this board's input methods), then compared once with
	 * what the board showed: one change, or null when nothing shows differently.
	 */
	DashboardChange together(Runnable inputs) {
		gathering = true;
		try {
			inputs.run();
		}
		finally {
			gathering = false;
		}
		return difference();
	}

	/** The difference an input makes, unless inputs are being gathered ({@link #together}). */
	private DashboardChange changes() {
		return gathering ? null : difference();
	}

	/** What the board shows now against what it showed: the difference, as one change. */
	private DashboardChange difference() {
		Map<String, CallOnBoard> nowCalls = new LinkedHashMap<>();
		calls.values().forEach(live -> nowCalls.put(live.callId, view(live)));
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
		Map<String, Live> talkingOn = new HashMap<>();
		Map<String, Live> ringingOn = new HashMap<>();
		calls.values().forEach(live -> {
			if (live.talking != null) {
				talkingOn.putIfAbsent(live.talking, live);
			}
			live.ringing.forEach(device -> ringingOn.putIfAbsent(device, live));
		});
		Map<String, EmployeeOnBoard> nowEmployees = new LinkedHashMap<>();
		team.forEach(member -> nowEmployees.put(member.login(), view(member, talkingOn, ringingOn)));
		List<EmployeeOnBoard> changedEmployees = new ArrayList<>();
		nowEmployees.forEach((login, view) -> {
			if (!view.equals(shownEmployees.get(login))) {
				changedEmployees.add(view);
			}
		});
		Figures figures = figures();
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

	private CallOnBoard view(Live live) {
		Routing routing = live.routing;
		RoutedTo routedTo = routing == null || routing.target() == null || routing.target().isEmpty() ? null
				: new RoutedTo(routing.login(), routing.name() != null ? routing.name() : nameOf(routing.login()),
						routing.target());
		ClientOnBoard client = routing == null || routing.clientId() == null ? null
				: new ClientOnBoard(routing.clientId(), routing.clientName(), routing.ownerLogin());
		Member talker = member(live.talking);
		return new CallOnBoard(live.callId, live.direction == null ? null : live.direction.name(),
				live.callerNumber != null ? live.callerNumber : routing == null ? null : routing.callerNumber(), client,
				routedTo, routing == null ? null : routing.reason(),
				live.talking == null ? CallState.RINGING : CallState.TALKING,
				live.answeredAt == null ? live.startedAt : live.answeredAt, live.startedAt,
				talker != null ? talker.login() : live.talking);
	}

	private EmployeeOnBoard view(Member member, Map<String, Live> talkingOn, Map<String, Live> ringingOn) {
		String callId = null;
		CallState state = null;
		if (member.extension() != null) {
			Live talking = talkingOn.get(member.extension());
			Live ringing = ringingOn.get(member.extension());
			if (talking != null) {
				callId = talking.callId;
				state = CallState.TALKING;
			}
			else if (ringing != null) {
				callId = ringing.callId;
				state = CallState.RINGING;
			}
		}
		DeviceState device = member.extension() == null ? DeviceState.UNKNOWN
				: devices.getOrDefault(member.extension(), DeviceState.UNKNOWN);
		return new EmployeeOnBoard(member.login(), member.name(), member.role(), member.extension(),
				availability.getOrDefault(member.login(), Availability.OFFLINE).name(), device.name(), callId, state);
	}

	private Figures figures() {
		int received = 0;
		int answered = 0;
		int missed = 0;
		int abandoned = 0;
		int withinThreshold = 0;
		int fromClients = 0;
		int byOwners = 0;
		int takeovers = 0;
		long waitMillis = 0;
		Integer[] perHour = new Integer[24];
		Integer[] answeredPerHour = new Integer[24];
		Arrays.fill(perHour, 0);
		Arrays.fill(answeredPerHour, 0);
		for (Outcome outcome : outcomes.values()) {
			received++;
			int hour = outcome.startedAt().atZone(zone).getHour();
			perHour[hour]++;
			if (outcome.answered()) {
				answered++;
				answeredPerHour[hour]++;
				waitMillis += outcome.waitTime().toMillis();
				if (outcome.waitTime().compareTo(threshold) <= 0) {
					withinThreshold++;
				}
			}
			else if (outcome.abandoned()) {
				abandoned++;
			}
			else {
				missed++;
			}
			if (outcome.fromClient()) {
				fromClients++;
				if (outcome.byOwner()) {
					byOwners++;
				}
			}
			if (outcome.takeover()) {
				takeovers++;
			}
		}
		int overdue = 0;
		for (Instant due : openCallbacks) {
			if (due.isBefore(now)) {
				overdue++;
			}
		}
		return new Figures(received, answered, missed, abandoned,
				answered == 0 ? null : round(waitMillis / 1000.0 / answered, 10),
				received == 0 ? null : round((double) withinThreshold / received, 1000), threshold.toSeconds(),
				fromClients == 0 ? null : round((double) byOwners / fromClients, 1000), takeovers, overdue,
				Arrays.asList(perHour), Arrays.asList(answeredPerHour));
	}

	private static double round(double value, int scale) {
		return Math.round(value * scale) / (double) scale;
	}

	/** A call in progress. */
	private static final class Live {

		private final String callId;

		private Direction direction;

		private String callerNumber;

		private Instant startedAt;

		private Routing routing;

		private final Set<String> ringing = new LinkedHashSet<>();

		private String talking;

		private Instant answeredAt;

		/** The PBX has shown this call; a call known only from its routing has not (yet). */
		private boolean onPbx;

		Live(String callId, Direction direction, String callerNumber, Instant startedAt) {
			this.callId = callId;
			this.direction = direction;
			this.callerNumber = callerNumber;
			this.startedAt = startedAt;
		}

	}

	/** A member of the sales team as the board shows them. */
	record Member(String login, String name, String role, String extension) {

		boolean isHeadOfSales() {
			return "HEAD_OF_SALES".equals(role);
		}

	}

	/**
	 * Where Ringside sent a call and who is calling.
	 *
	 * @param login the employee of a single target; null for a group or nobody
	 * @param clientId the calling client; null for an unknown number
	 * @param ownerLogin the client's owner
	 */
	record Routing(String callId, Instant at, String callerNumber, String reason, String target, String login,
			String name, Long clientId, String clientName, String ownerLogin) {

		Routing {
			Objects.requireNonNull(callId, "callId");
			Objects.requireNonNull(at, "at");
		}

	}

	/**
	 * How an inbound call ended, as the figures count it.
	 *
	 * @param waitTime from the start to the answer, or to the end when nobody answered
	 * @param abandoned unanswered, and the caller hung up while a phone rang or before any rang
	 * @param fromClient the number belongs to a client
	 * @param byOwner the client's owner answered
	 * @param takeover the head of sales answered a client's call for its owner
	 */
	record Outcome(String callId, Instant startedAt, boolean answered, Duration waitTime, boolean abandoned,
			boolean fromClient, boolean byOwner, boolean takeover) {
	}

}

package io.ringside.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.ringside.calls.RoutedCallEvent;
import io.ringside.calls.RoutedCallEvent.Ended;
import io.ringside.calls.RoutedCallEvent.Withdrawn;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;
import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.DeviceStateChanged;

/**
 * The board as a pure view: each input (a routed call's event, a routing read from the
 * database, presence, what the database holds) changes the state and returns what a
 * subscriber must be told, or null when nothing it shows changed. It knows no Spring, no
 * I/O and no clock of its own: time comes with the inputs ({@link #tick}). The calls come
 * from the routed-call projection ({@link RoutedCallEvent}), which has already joined
 * routings with the PBX's events, applied merges and withdrawn calls the PBX never
 * showed; the board shows each call as the last event left it. Its parts: the calls
 * ({@link LiveCalls}), the people ({@link Team}), today's figures ({@link TodaysFigures})
 * and what was shown, which each change is the difference from ({@link ShownView}).
 * <p>
 * Single-threaded: fed in order from one thread.
 */
final class Board {

	private final ZoneId zone;

	/** Inputs are being applied together: the comparison waits for the last of them. */
	private boolean gathering;

	private Instant now;

	private final TodaysFigures today;

	private final LiveCalls calls = new LiveCalls();

	private final Team team = new Team();

	private final ShownView shown;

	Board(ZoneId zone, Duration threshold, Instant now) {
		this.zone = zone;
		this.now = now;
		this.today = new TodaysFigures(zone, threshold, now);
		this.shown = new ShownView(today.figures(now));
	}

	/** A phone's state from the PBX. */
	@Nullable DashboardChange on(DeviceStateChanged device) {
		advance(device.at());
		team.device(device.device(), DeviceState.parse(device.state().name()));
		return changes();
	}

	/** What happened to a call, as the routed-call projection tells it. */
	@Nullable DashboardChange on(RoutedCallEvent event) {
		advance(event.at());
		if (event instanceof Ended ended) {
			Routing routing = calls.ended(ended);
			if (ended.ended().direction() == Direction.INBOUND) {
				today.live(outcome(ended, routing));
			}
		}
		else if (event instanceof Withdrawn) {
			calls.withdrawn(event.callId());
		}
		else {
			calls.on(event);
		}
		return changes();
	}

	/**
	 * The name of someone a routing names, known before the team read from the database
	 * has them.
	 */
	void named(String login, String name) {
		team.named(login, name);
	}

	/**
	 * Where another instance sent a call, read from the database: it applies only to a
	 * call in progress that has no routing of this instance's.
	 */
	@Nullable DashboardChange routedElsewhere(Routing routing) {
		advance(routing.at());
		return calls.routedElsewhere(routing) ? changes() : null;
	}

	/** The sales team as the database has it, in the order to show. */
	@Nullable DashboardChange team(List<Member> members) {
		team.members(members);
		return changes();
	}

	/** An employee's status changed on this instance. */
	@Nullable DashboardChange availability(String login, Availability status, Instant at) {
		advance(at);
		team.availability(login, status);
		return changes();
	}

	/**
	 * Presence as read from Redis: statuses replace what is known (an expired status
	 * reads OFFLINE); device states fill in only phones the PBX has said nothing about
	 * since the start, as its events are fresher.
	 */
	@Nullable DashboardChange presence(Map<String, Availability> statuses, Map<String, DeviceState> deviceStates) {
		team.presence(statuses, deviceStates);
		return changes();
	}

	/**
	 * The team and their presence read together: one change, as one input may give only
	 * one.
	 */
	@Nullable DashboardChange team(List<Member> members, Map<String, Availability> statuses,
			Map<String, DeviceState> deviceStates) {
		team.members(members);
		return presence(statuses, deviceStates);
	}

	/**
	 * Outcomes of calls as recorded in the database (by any instance); those of other
	 * days are left out. A call recorded has ended, so one still on the board (its end
	 * was lost while the PBX connection was down) leaves it.
	 */
	@Nullable DashboardChange recorded(Collection<Outcome> recorded) {
		for (Outcome outcome : recorded) {
			calls.recorded(outcome.callId());
			today.recorded(outcome);
		}
		return changes();
	}

	/** The deadlines of every open callback, as read from the database. */
	@Nullable DashboardChange callbacks(Collection<OpenCallback> open) {
		today.callbacks(open);
		return changes();
	}

	/**
	 * Time passes: callbacks fall overdue, and at midnight in the zone the figures start
	 * again.
	 */
	@Nullable DashboardChange tick(Instant at) {
		advance(at);
		return changes();
	}

	/**
	 * Inbound calls in progress whose routing is not known here (routed by another
	 * instance, or not yet), to look for in the database {@code now}
	 * ({@link LiveCalls#unrouted}).
	 */
	List<String> unrouted(Instant now) {
		return calls.unrouted(now);
	}

	LocalDate day() {
		return today.day();
	}

	DashboardSnapshot snapshot(Instant at) {
		return shown.snapshot(at, today.day(), zone.getId());
	}

	/**
	 * Several inputs applied together ({@code inputs} calls this board's input methods),
	 * then compared once with what the board showed: one change, or null when nothing
	 * shows differently (or when this is itself part of inputs applied together).
	 */
	@Nullable DashboardChange together(Runnable inputs) {
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

	private Outcome outcome(Ended ended, @Nullable Routing routing) {
		boolean fromClient = routing != null && routing.clientId() != null;
		Member answeredBy = ended.answered() ? team.byDevice(ended.ended().answeredBy()) : null;
		String owner = routing == null ? null : routing.ownerLogin();
		boolean byOwner = fromClient && answeredBy != null && answeredBy.login().equals(owner);
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

	/**
	 * The difference an input makes, unless inputs are being gathered
	 * ({@link #together}).
	 */
	private @Nullable DashboardChange changes() {
		return gathering ? null : difference();
	}

	/** What the board shows now against what it showed: the difference, as one change. */
	private @Nullable DashboardChange difference() {
		return shown.show(calls.changes(team), team.views(calls), today.figures(now), now);
	}

}

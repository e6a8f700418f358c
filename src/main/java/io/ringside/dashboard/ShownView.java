package io.ringside.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.ringside.dashboard.DashboardSnapshot.CallOnBoard;
import io.ringside.dashboard.DashboardSnapshot.EmployeeOnBoard;
import io.ringside.dashboard.DashboardSnapshot.Figures;

/**
 * What the {@link Board} has shown its subscribers, with its version: a new view of the
 * board is compared with it, and the difference is one {@link DashboardChange} with the
 * next version (or none when nothing shows differently). A snapshot is what was last
 * shown, so a snapshot and the changes after it make one sequence. Single-threaded, like
 * the board.
 */
final class ShownView {

	private long version;

	private final Map<String, CallOnBoard> calls = new LinkedHashMap<>();

	private Collection<EmployeeOnBoard> employees = List.of();

	private Figures figures;

	ShownView(Figures figures) {
		this.figures = figures;
	}

	/**
	 * What changed on the board (the calls' changes, the members as shown now with those
	 * that changed, the figures) becomes what was shown; returned is the difference from
	 * what was shown before, as one change, or null when there is none.
	 */
	@Nullable DashboardChange show(LiveCalls.Changes nowCalls, Team.Views nowEmployees, Figures nowFigures, Instant now) {
		Map<String, CallOnBoard> left = new LinkedHashMap<>();
		nowCalls.left().forEach(id -> {
			CallOnBoard was = calls.remove(id);
			if (was != null) {
				left.put(id, was);
			}
		});
		List<CallOnBoard> changedCalls = new ArrayList<>();
		nowCalls.views().forEach(view -> {
			CallOnBoard was = calls.containsKey(view.callId()) ? calls.get(view.callId()) : left.remove(view.callId());
			calls.put(view.callId(), view);
			if (!view.equals(was)) {
				changedCalls.add(view);
			}
		});
		List<String> endedCalls = List.copyOf(left.keySet());
		List<EmployeeOnBoard> changedEmployees = nowEmployees.changed();
		boolean figuresChanged = !nowFigures.equals(figures);
		employees = nowEmployees.all();
		figures = nowFigures;
		if (changedCalls.isEmpty() && endedCalls.isEmpty() && changedEmployees.isEmpty() && !figuresChanged) {
			return null;
		}
		version++;
		return new DashboardChange(DashboardChange.TYPE, version, now, changedCalls.isEmpty() ? null : changedCalls,
				endedCalls.isEmpty() ? null : endedCalls, changedEmployees.isEmpty() ? null : changedEmployees,
				figuresChanged ? nowFigures : null);
	}

	/** What was last shown, as read at {@code at}. */
	DashboardSnapshot snapshot(Instant at, LocalDate day, String zone) {
		return new DashboardSnapshot(DashboardSnapshot.TYPE, version, at, day, zone, List.copyOf(calls.values()),
				List.copyOf(employees), figures);
	}

}

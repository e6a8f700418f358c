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

	private Map<String, CallOnBoard> calls = new LinkedHashMap<>();

	private Collection<EmployeeOnBoard> employees = List.of();

	private Figures figures;

	ShownView(Figures figures) {
		this.figures = figures;
	}

	/**
	 * The board as it shows now (calls and employees in their order, the figures) becomes
	 * what was shown; returned is the difference from what was shown before, as one
	 * change, or null when there is none. The team tells which of its members changed.
	 */
	@Nullable DashboardChange show(Map<String, CallOnBoard> nowCalls, Team.Views nowEmployees, Figures nowFigures, Instant now) {
		List<CallOnBoard> changedCalls = changed(nowCalls, calls);
		List<String> endedCalls = new ArrayList<>();
		calls.keySet().forEach(id -> {
			if (!nowCalls.containsKey(id)) {
				endedCalls.add(id);
			}
		});
		List<EmployeeOnBoard> changedEmployees = nowEmployees.changed();
		boolean figuresChanged = !nowFigures.equals(figures);
		calls = nowCalls;
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

	/** The views that are new or differ from those shown, in their order. */
	private static <V> List<V> changed(Map<String, V> now, Map<String, V> shown) {
		List<V> changed = new ArrayList<>();
		now.forEach((key, view) -> {
			if (!view.equals(shown.get(key))) {
				changed.add(view);
			}
		});
		return changed;
	}

}

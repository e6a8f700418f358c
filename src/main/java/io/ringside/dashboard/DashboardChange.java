package io.ringside.dashboard;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.ringside.dashboard.DashboardSnapshot.CallOnBoard;
import io.ringside.dashboard.DashboardSnapshot.EmployeeOnBoard;
import io.ringside.dashboard.DashboardSnapshot.Figures;

/**
 * What changed on the board, sent on {@code /topic/dashboard} after the snapshot.
 * Versions increase by one per change on the instance a client is connected to; a client
 * applies a change whose version is above the snapshot's (and above the last it applied)
 * and reloads the snapshot when it sees a gap. Fields that did not change are absent.
 *
 * @param type always {@code change}
 * @param calls calls that appeared or changed: replace by {@code callId}
 * @param endedCalls ids of calls that ended (or merged into another): remove them
 * @param employees employees whose presence or current call changed: replace by
 * {@code login}
 * @param figures today's figures, when they changed (or the day rolled over)
 */
public record DashboardChange(String type, long version, Instant at, @Nullable List<CallOnBoard> calls,
		@Nullable List<String> endedCalls, @Nullable List<EmployeeOnBoard> employees, @Nullable Figures figures) {

	public static final String TYPE = "change";

}

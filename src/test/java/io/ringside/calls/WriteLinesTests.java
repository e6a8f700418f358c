package io.ringside.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.Direction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a backlog's batch is split for writing side by side: one client number's calls in
 * one line and in order (a missed call before the call that returned it), whatever the
 * number's spelling; everything else on its own.
 */
class WriteLinesTests {

	private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

	@Test
	void oneClientsCallsStayInOneLineInTheirOrderWhateverTheSpelling() {
		FinishedCall missed = call("c1", Direction.INBOUND, "+74951234567", "100");
		FinishedCall other = call("c2", Direction.INBOUND, "+73432000000", "100");
		FinishedCall returned = call("c3", Direction.OUTBOUND, "PJSIP/101", "84951234567");
		RouteRow route = new RouteRow("c2", AT, "FIRST", "+73432000000", "PJSIP/101", "OWNER", "ivanov", 7L, 1);
		FinishedCall internal = call("c4", Direction.INTERNAL, "101", "102");

		List<List<Recordable>> lines = WriteLines.of(List.of(missed, other, route, returned, internal),
				Function.identity());

		assertThat(lines).containsExactly(List.of(missed, returned), List.of(other), List.of(route), List.of(internal));
	}

	@Test
	void entriesThatCannotBeReadGoAlone() {
		List<List<String>> lines = WriteLines.of(List.of("a", "b"), unreadable -> null);

		assertThat(lines).containsExactly(List.of("a"), List.of("b"));
	}

	private static FinishedCall call(String id, Direction direction, String caller, String dialed) {
		return new FinishedCall(new CallEnded(id, AT, false, null, Duration.ofSeconds(9), Duration.ZERO, 16, caller,
				dialed, direction, false), AT.minusSeconds(10), List.of(), List.of());
	}

}

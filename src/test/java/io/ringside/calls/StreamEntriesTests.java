package io.ringside.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.ringside.calls.RoutedCallEvent.Leg;
import io.ringside.calls.RoutedCallEvent.Transfer;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.Direction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamEntriesTests {

	private static final Instant AT = Instant.parse("2026-12-04T10:15:30.123456789Z");

	private final StreamEntries entries = new StreamEntries(JsonMapper.builder().build());

	@Test
	void aFinishedCallReadsBackAsItWasWritten() {
		FinishedCall call = new FinishedCall(
				new CallEnded("1733300000.42", AT, true, "PJSIP/101", Duration.ofMillis(2_500), Duration.ofSeconds(61),
						16, "+74951234567", "4951112233", Direction.INBOUND, false),
				AT.minusSeconds(64),
				List.of(new Leg("PJSIP/101", AT.minusSeconds(63), null, null),
						new Leg("PJSIP/102", AT.minusSeconds(63), AT.minusSeconds(61), "ANSWERED_ELSEWHERE")),
				List.of(new Transfer("BLIND", "PJSIP/101", "105", AT.minusSeconds(5))));

		Map<String, String> fields = entries.encode(call);

		assertThat(fields).containsEntry("v", "1").containsEntry("kind", "call").containsEntry("call", "1733300000.42");
		assertThat(entries.decode(fields)).isEqualTo(call);
	}

	@Test
	void anEntryThisInstanceAddedIsTakenOnceAsItWasAndOthersAreReadFromTheirFields() {
		FinishedCall call = new FinishedCall(
				new CallEnded("1733300000.44", AT, true, "PJSIP/101", Duration.ofSeconds(3), Duration.ofSeconds(30), 16,
						"+74951234567", "4951112233", Direction.INBOUND, false),
				AT.minusSeconds(33), List.of(), List.of());
		Map<String, String> fields = entries.encode(call);
		entries.added("1-0", call);

		assertThat(entries.decode("1-0", fields)).isSameAs(call);
		assertThat(entries.decode("1-0", fields)).as("taken once").isNotSameAs(call).isEqualTo(call);
		assertThat(entries.decode("2-0", fields)).as("another instance's").isEqualTo(call);

		// Entries another instance's recorder read are never taken here: the memory stays
		// bounded.
		for (int i = 0; i < StreamEntries.REMEMBERED; i++) {
			entries.added(i + "-1", call);
		}
		entries.added("last", call);
		assertThat(entries.decode("0-1", fields)).isNotSameAs(call).isEqualTo(call);
		assertThat(entries.decode("last", fields)).isSameAs(call);
	}

	@Test
	void aCallWrittenBeforeTheAbandonedFlagReadsAsNotAbandoned() {
		FinishedCall missed = new FinishedCall(
				new CallEnded("1733300000.43", AT, false, null, Duration.ofSeconds(9), Duration.ZERO, 16,
						"+74951234567", "4951112233", Direction.INBOUND, true),
				AT.minusSeconds(9), List.of(), List.of());
		Map<String, String> fields = new HashMap<>(entries.encode(missed));
		assertThat(fields.get("body")).contains("\"abandoned\":true");
		fields.put("body", fields.get("body").replace(",\"abandoned\":true", ""));

		FinishedCall read = (FinishedCall) entries.decode(fields);

		assertThat(read.ended().abandoned()).isFalse();
		assertThat(read.ended().waitTime()).isEqualTo(Duration.ofSeconds(9));
	}

	@Test
	void aRecordedCallReadsBackWithItsFileAndOneWrittenBeforeRecordingsWithNone() {
		FinishedCall recorded = new FinishedCall(
				new CallEnded("1733300000.44", AT, true, "PJSIP/101", Duration.ofSeconds(2), Duration.ofSeconds(30), 16,
						"+74951234567", "4951112233", Direction.INBOUND, false, "1733300000.44.wav"),
				AT.minusSeconds(32), List.of(), List.of());
		Map<String, String> fields = new HashMap<>(entries.encode(recorded));

		assertThat(entries.decode(fields)).isEqualTo(recorded);

		fields.put("body", fields.get("body").replace(",\"recordingFile\":\"1733300000.44.wav\"", ""));
		assertThat(fields.get("body")).doesNotContain("recordingFile");
		assertThat(((FinishedCall) entries.decode(fields)).ended().recordingFile()).isNull();
	}

	@Test
	void aRouteDecisionReadsBackAsItWasWritten() {
		RouteRow route = new RouteRow("1733300000.42", AT, "FIRST", "+74951234567", "PJSIP/101", "OWNER", "ivanov", 17L,
				312);

		Map<String, String> fields = entries.encode(route);

		assertThat(fields).containsEntry("kind", "route");
		assertThat(entries.decode(fields)).isEqualTo(route);
	}

	@Test
	void anEntryOfAnotherVersionOrKindIsUnreadable() {
		Map<String, String> fields = new HashMap<>(
				entries.encode(new RouteRow("1.1", AT, "FIRST", null, "PJSIP/101", "OWNER", null, null, 1)));
		fields.put("v", "2");
		assertThatThrownBy(() -> entries.decode(fields)).isInstanceOf(StreamEntries.Unreadable.class);
		fields.put("v", "1");
		fields.put("kind", "note");
		assertThatThrownBy(() -> entries.decode(fields)).isInstanceOf(StreamEntries.Unreadable.class);
		fields.put("kind", "call");
		fields.put("body", "{not json");
		assertThatThrownBy(() -> entries.decode(fields)).isInstanceOf(StreamEntries.Unreadable.class);
	}

}

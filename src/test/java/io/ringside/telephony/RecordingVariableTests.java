package io.ringside.telephony;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ringside.telephony.CallEvent.CallEnded;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call learns the file it is recorded into from the VarSet Asterisk raises when the
 * dialplan sets {@code RINGSIDE_RECORDING}, and tells it when an answered call ends. The
 * calls are real captures (01: answered, 02: rejected then voicemail) whose upstream
 * authors dropped the VarSet events; the VarSets put back here have the shape Asterisk
 * 13+ gives them (privilege {@code dialplan,all}, the channel's snapshot from Channel to
 * Linkedid, then Variable and Value), among the other variables a call sets.
 */
class RecordingVariableTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-17T10:00:00Z"), ZoneOffset.UTC);

	private static final String ANSWERED = "01_answered_internal_pjsip_ast16.txt";

	private static final String CALL = "1781704172.3807878";

	@Test
	void anAnsweredCallEndsWithTheFileItsDialplanNamed() {
		List<AmiEvent> events = Captures.withVarSets(Captures.events(ANSWERED), "DialEnd", "RINGSIDE_RECORDING",
				CALL + ".wav");

		CallEnded ended = end(events);

		assertThat(ended.answered()).isTrue();
		assertThat(ended.recordingFile()).isEqualTo(CALL + ".wav");
	}

	@Test
	void withoutTheVariableTheCallHasNoRecordingWhateverElseItSets() {
		List<AmiEvent> events = Captures.withVarSets(Captures.events(ANSWERED), "DialEnd", "CALLFILENAME",
				"internal-7001-7002");

		assertThat(end(events).recordingFile()).isNull();
		assertThat(end(Captures.events(ANSWERED)).recordingFile()).isNull();
	}

	@Test
	void anInheritedVariableCountsAndAnEmptyValueChangesNothing() {
		List<AmiEvent> events = Captures.withVarSets(Captures.events(ANSWERED), "DialBegin", "__RINGSIDE_RECORDING",
				"2026/06/17/" + CALL + ".wav");
		events = Captures.withVarSets(events, "DialEnd", "RINGSIDE_RECORDING", "");

		assertThat(end(events).recordingFile()).isEqualTo("2026/06/17/" + CALL + ".wav");
	}

	/**
	 * Capture 02: the callee rejects, voicemail answers the caller's channel itself.
	 * MixMonitor's {@code b} option records nothing while the caller is not bridged, so a
	 * call nobody answered has no recording, even though the variable was set before the
	 * dial.
	 */
	@Test
	void aCallNobodyAnsweredHasNoRecording() {
		List<AmiEvent> events = Captures.withVarSets(Captures.events("02_missed_rejected_pjsip_ast16.txt"), "DialBegin",
				"RINGSIDE_RECORDING", "1781705122.3809250.wav");

		CallEnded ended = end(events);

		assertThat(ended.answered()).isFalse();
		assertThat(ended.recordingFile()).isNull();
	}

	@Test
	void aVariableSetAfterTheChannelHungUpIsIgnored() {
		List<AmiEvent> events = new ArrayList<>(Captures.events(ANSWERED));
		AmiEvent callerHangup = events.stream()
			.filter(event -> event.is("Hangup") && CALL.equals(event.get("Uniqueid")))
			.findFirst()
			.orElseThrow();
		events.add(events.indexOf(callerHangup) + 1, Captures.varSet(callerHangup, "RINGSIDE_RECORDING", "late.wav"));

		assertThat(end(events).recordingFile()).isNull();
	}

	private static CallEnded end(List<AmiEvent> events) {
		CallTracker tracker = new CallTracker(CLOCK);
		List<TelephonyEvent> out = new ArrayList<>();
		events.forEach(event -> out.addAll(tracker.on(event)));
		return out.stream()
			.filter(CallEnded.class::isInstance)
			.map(CallEnded.class::cast)
			.reduce((first, second) -> second)
			.orElseThrow();
	}

}

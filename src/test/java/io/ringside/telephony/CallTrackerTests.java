package io.ringside.telephony;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.CallStarted;
import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.CallEvent.LegEndReason;
import io.ringside.telephony.CallEvent.LegEnded;
import io.ringside.telephony.CallEvent.LegRinging;
import io.ringside.telephony.DeviceStateChanged.State;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker on synthetic sequences written with the fields Asterisk 20 sends (see the
 * field reference in the shared captures), with {@code timestampevents=yes}, so every
 * event carries its Timestamp.
 */
class CallTrackerTests {

	private static final Instant NOW = Instant.parse("2026-06-17T12:00:00Z");

	private static final long T0 = 1_781_700_000L;

	private final CallTracker tracker = new CallTracker(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void inARingGroupOfThreeTheSecondAnswersAndTheOthersEndAsAnsweredElsewhere() {
		List<TelephonyEvent> events = feed(newchannel(0, "PJSIP/101-00000001", "101", "600", "1.1", "1.1"),
				newchannel(1, "PJSIP/102-00000002", "102", "s", "1.2", "1.1"),
				newchannel(1, "PJSIP/103-00000003", "103", "s", "1.3", "1.1"),
				newchannel(1, "PJSIP/104-00000004", "104", "s", "1.4", "1.1"),
				dial("DialBegin", 1, "PJSIP/101-00000001", "1.1", "1.1", "PJSIP/102-00000002", "1.2", null),
				dial("DialBegin", 1, "PJSIP/101-00000001", "1.1", "1.1", "PJSIP/103-00000003", "1.3", null),
				dial("DialBegin", 1, "PJSIP/101-00000001", "1.1", "1.1", "PJSIP/104-00000004", "1.4", null),
				newstate(2, "PJSIP/102-00000002", 5, "1.2", "1.1"), newstate(2, "PJSIP/103-00000003", 5, "1.3", "1.1"),
				newstate(2, "PJSIP/104-00000004", 5, "1.4", "1.1"), newstate(8, "PJSIP/103-00000003", 6, "1.3", "1.1"),
				dial("DialEnd", 8, "PJSIP/101-00000001", "1.1", "1.1", "PJSIP/103-00000003", "1.3", "ANSWER"),
				dial("DialEnd", 8, "PJSIP/101-00000001", "1.1", "1.1", "PJSIP/102-00000002", "1.2", "CANCEL"),
				dial("DialEnd", 8, "PJSIP/101-00000001", "1.1", "1.1", "PJSIP/104-00000004", "1.4", "CANCEL"),
				hangup(8, "PJSIP/102-00000002", "1.2", "1.1", 26), hangup(8, "PJSIP/104-00000004", "1.4", "1.1", 26),
				newstate(8, "PJSIP/101-00000001", 6, "1.1", "1.1"), hangup(68, "PJSIP/103-00000003", "1.3", "1.1", 16),
				hangup(68, "PJSIP/101-00000001", "1.1", "1.1", 16));

		assertThat(events).containsExactly(new CallStarted("1.1", at(0), Direction.INTERNAL, "101", "600"),
				new LegRinging("1.1", at(1), "PJSIP/102"), new LegRinging("1.1", at(1), "PJSIP/103"),
				new LegRinging("1.1", at(1), "PJSIP/104"), new CallAnswered("1.1", at(8), "PJSIP/103"),
				new LegEnded("1.1", at(8), "PJSIP/102", LegEndReason.ANSWERED_ELSEWHERE),
				new LegEnded("1.1", at(8), "PJSIP/104", LegEndReason.ANSWERED_ELSEWHERE),
				new CallEnded("1.1", at(68), true, "PJSIP/103", Duration.ofSeconds(8), Duration.ofSeconds(60), 16,
						"101", "600", Direction.INTERNAL, false));
	}

	@Test
	void aRingGroupMemberBehindLocalChannelsRingsAndAnswersAsItsPhoneOnly() {
		List<TelephonyEvent> events = feed(newchannel(0, "PJSIP/101-00000001", "101", "600", "2.1", "2.1"),
				newchannel(1, "Local/102@from-internal-0000000a;1", null, "102", "2.2", "2.1"),
				newchannel(1, "Local/102@from-internal-0000000a;2", null, "102", "2.3", "2.1"), dial("DialBegin", 1,
						"PJSIP/101-00000001", "2.1", "2.1", "Local/102@from-internal-0000000a;1", "2.2", null),
				newchannel(1, "PJSIP/102-00000002", "102", "s", "2.4", "2.1"),
				dial("DialBegin", 1, "Local/102@from-internal-0000000a;2", "2.3", "2.1", "PJSIP/102-00000002", "2.4",
						null),
				newstate(2, "PJSIP/102-00000002", 5, "2.4", "2.1"),
				newstate(2, "Local/102@from-internal-0000000a;1", 5, "2.2", "2.1"),
				dial("DialEnd", 5, "Local/102@from-internal-0000000a;2", "2.3", "2.1", "PJSIP/102-00000002", "2.4",
						"ANSWER"),
				dial("DialEnd", 5, "PJSIP/101-00000001", "2.1", "2.1", "Local/102@from-internal-0000000a;1", "2.2",
						"ANSWER"),
				hangup(20, "Local/102@from-internal-0000000a;1", "2.2", "2.1", 16),
				hangup(20, "Local/102@from-internal-0000000a;2", "2.3", "2.1", 16),
				hangup(20, "PJSIP/102-00000002", "2.4", "2.1", 16), hangup(20, "PJSIP/101-00000001", "2.1", "2.1", 16));

		assertThat(events).containsExactly(new CallStarted("2.1", at(0), Direction.INTERNAL, "101", "600"),
				new LegRinging("2.1", at(1), "PJSIP/102"), new CallAnswered("2.1", at(5), "PJSIP/102"),
				new CallEnded("2.1", at(20), true, "PJSIP/102", Duration.ofSeconds(5), Duration.ofSeconds(15), 16,
						"101", "600", Direction.INTERNAL, false));
	}

	@Test
	void aQueueCallIsAnsweredByTheMemberNotByTheQueueAnsweringTheCaller() {
		List<TelephonyEvent> events = feed(
				newchannel(0, "PJSIP/trunk-00000010", "+74951112233", "74957654321", "3.1", "3.1"),
				newstate(1, "PJSIP/trunk-00000010", 6, "3.1", "3.1"),
				event("QueueCallerJoin", 1, "Channel", "PJSIP/trunk-00000010", "Uniqueid", "3.1", "Linkedid", "3.1",
						"Queue", "sales", "Position", "1", "Count", "1"),
				newchannel(2, "PJSIP/101-00000011", "101", "s", "3.2", "3.1"),
				newchannel(2, "PJSIP/102-00000012", "102", "s", "3.3", "3.1"),
				agent("AgentCalled", 2, "PJSIP/101-00000011", "3.2", "PJSIP/101"),
				dial("DialBegin", 2, "PJSIP/trunk-00000010", "3.1", "3.1", "PJSIP/101-00000011", "3.2", null),
				agent("AgentCalled", 2, "PJSIP/102-00000012", "3.3", "PJSIP/102"),
				dial("DialBegin", 2, "PJSIP/trunk-00000010", "3.1", "3.1", "PJSIP/102-00000012", "3.3", null),
				agent("AgentRingNoAnswer", 17, "PJSIP/101-00000011", "3.2", "PJSIP/101"),
				hangup(17, "PJSIP/101-00000011", "3.2", "3.1", 16),
				agent("AgentConnect", 19, "PJSIP/102-00000012", "3.3", "PJSIP/102"),
				dial("DialEnd", 19, "PJSIP/trunk-00000010", "3.1", "3.1", "PJSIP/102-00000012", "3.3", "ANSWER"),
				event("QueueCallerLeave", 19, "Channel", "PJSIP/trunk-00000010", "Uniqueid", "3.1", "Linkedid", "3.1",
						"Queue", "sales", "Position", "1", "Count", "0"),
				hangup(79, "PJSIP/102-00000012", "3.3", "3.1", 16),
				hangup(79, "PJSIP/trunk-00000010", "3.1", "3.1", 16));

		assertThat(events).containsExactly(
				new CallStarted("3.1", at(0), Direction.INBOUND, "+74951112233", "74957654321"),
				new LegRinging("3.1", at(2), "PJSIP/101"), new LegRinging("3.1", at(2), "PJSIP/102"),
				new LegEnded("3.1", at(17), "PJSIP/101", LegEndReason.NOANSWER),
				new CallAnswered("3.1", at(19), "PJSIP/102"),
				new CallEnded("3.1", at(79), true, "PJSIP/102", Duration.ofSeconds(19), Duration.ofSeconds(60), 16,
						"+74951112233", "74957654321", Direction.INBOUND, false));
	}

	@Test
	void aCallerHangingUpWhileItRingsCancelsTheLegAndTheCallEndsUnanswered() {
		List<TelephonyEvent> events = feed(newchannel(0, "PJSIP/101-00000001", "101", "102", "4.1", "4.1"),
				newchannel(0, "PJSIP/102-00000002", "102", "s", "4.2", "4.1"),
				dial("DialBegin", 0, "PJSIP/101-00000001", "4.1", "4.1", "PJSIP/102-00000002", "4.2", null),
				newstate(1, "PJSIP/102-00000002", 5, "4.2", "4.1"),
				dial("DialEnd", 12, "PJSIP/101-00000001", "4.1", "4.1", "PJSIP/102-00000002", "4.2", "CANCEL"),
				hangup(12, "PJSIP/102-00000002", "4.2", "4.1", 16), hangup(12, "PJSIP/101-00000001", "4.1", "4.1", 16));

		assertThat(events).containsExactly(new CallStarted("4.1", at(0), Direction.INTERNAL, "101", "102"),
				new LegRinging("4.1", at(0), "PJSIP/102"),
				new LegEnded("4.1", at(12), "PJSIP/102", LegEndReason.CANCEL), new CallEnded("4.1", at(12), false, null,
						Duration.ofSeconds(12), Duration.ZERO, 16, "101", "102", Direction.INTERNAL, true));
	}

	@Test
	void aBusyCalleeEndsItsLegAsBusy() {
		List<TelephonyEvent> events = feed(newchannel(0, "PJSIP/101-00000001", "101", "102", "5.1", "5.1"),
				newchannel(0, "PJSIP/102-00000002", "102", "s", "5.2", "5.1"),
				dial("DialBegin", 0, "PJSIP/101-00000001", "5.1", "5.1", "PJSIP/102-00000002", "5.2", null),
				hangup(1, "PJSIP/102-00000002", "5.2", "5.1", 17),
				dial("DialEnd", 1, "PJSIP/101-00000001", "5.1", "5.1", "PJSIP/102-00000002", "5.2", "BUSY"),
				hangup(3, "PJSIP/101-00000001", "5.1", "5.1", 17));

		assertThat(events).filteredOn(LegEnded.class::isInstance)
			.containsExactly(new LegEnded("5.1", at(1), "PJSIP/102", LegEndReason.BUSY));
		assertThat(events).last()
			.isEqualTo(new CallEnded("5.1", at(3), false, null, Duration.ofSeconds(3), Duration.ZERO, 17, "101", "102",
					Direction.INTERNAL, false));
	}

	@Test
	void unknownEventsAndExtraHeadersChangeNothing() {
		List<AmiEvent> plain = answeredCall();
		List<AmiEvent> noisy = new ArrayList<>();
		for (AmiEvent event : plain) {
			noisy.add(event("VarSet", 0, "Channel", "PJSIP/101-00000001", "Uniqueid", "6.1", "Linkedid", "6.1",
					"Variable", "DIALSTATUS", "Value", ""));
			noisy.add(withExtraHeaders(event));
			noisy.add(event("RTCPSent", 0, "Channel", "PJSIP/102-00000002", "Uniqueid", "6.2", "Linkedid", "6.1",
					"SSRC", "0x1"));
		}
		noisy.add(event("Cdr", 70, "Source", "101", "Destination", "102", "UniqueID", "6.1"));
		noisy.add(event("SomeFutureEvent", 70, "Linkedid", "6.1", "Uniqueid", "6.1"));

		List<TelephonyEvent> expected = feed(plain);
		CallTracker another = new CallTracker(Clock.fixed(NOW, ZoneOffset.UTC));
		List<TelephonyEvent> actual = new ArrayList<>();
		noisy.forEach(event -> actual.addAll(another.on(event)));

		assertThat(expected).hasSize(4);
		assertThat(actual).isEqualTo(expected);
	}

	/**
	 * Issue #11: a call whose Hangup was lost is ended by the next reconcile, and no
	 * other call is.
	 */
	@Test
	void reconcilingEndsOnlyTheCallsFollowedBeforeTheListThatTheListNoLongerHas() {
		feed(newchannel(0, "PJSIP/trunk-00000040", "+74951112233", "100", "9.1", "9.1"),
				newchannel(0, "PJSIP/101-00000041", "101", "s", "9.2", "9.1"),
				dial("DialBegin", 0, "PJSIP/trunk-00000040", "9.1", "9.1", "PJSIP/101-00000041", "9.2", null),
				newchannel(1, "PJSIP/trunk-00000042", "+74959998877", "100", "10.1", "10.1"));
		Set<String> marked = tracker.callIds();
		feed(newchannel(2, "PJSIP/trunk-00000043", "+74955554433", "100", "11.1", "11.1"));

		List<TelephonyEvent> ended = tracker.reconcile(marked,
				List.of(event("CoreShowChannel", 3, "Channel", "PJSIP/trunk-00000042", "ChannelState", "4", "Uniqueid",
						"10.1", "Linkedid", "10.1", "Duration", "00:00:02")));

		assertThat(ended).filteredOn(CallEnded.class::isInstance)
			.singleElement()
			.extracting("callId", "answered", "hangupCause", "abandoned")
			.containsExactly("9.1", false, 0, false);
		assertThat(ended).filteredOn(LegEnded.class::isInstance).extracting("device").containsExactly("PJSIP/101");
		assertThat(tracker.activeCalls()).extracting(Call::id)
			.as("listed, and started after the mark")
			.containsExactly("10.1", "11.1");
		assertThat(tracker.reconcile(marked, List.of())).as("a call ends once")
			.extracting("callId")
			.doesNotContain("9.1");
		assertThat(feed(hangup(4, "PJSIP/trunk-00000040", "9.1", "9.1", 16))).as("its late Hangup").isEmpty();
	}

	@Test
	void aCallSeededFromCoreShowChannelsEndsWhenItsChannelsHangUp() {
		List<TelephonyEvent> seeded = tracker.seed(List.of(
				event("CoreShowChannel", 0, "ActionID", "a1", "Channel", "PJSIP/trunk-00000020", "ChannelState", "6",
						"CallerIDNum", "+74951112233", "ConnectedLineNum", "101", "Exten", "74957654321", "Uniqueid",
						"7.1", "Linkedid", "7.1", "BridgeId", "b7", "Application", "Dial", "Duration", "00:01:30"),
				event("CoreShowChannel", 0, "ActionID", "a1", "Channel", "PJSIP/101-00000021", "ChannelState", "6",
						"CallerIDNum", "101", "ConnectedLineNum", "+74951112233", "Exten", "s", "Uniqueid", "7.2",
						"Linkedid", "7.1", "BridgeId", "b7", "Application", "AppDial", "Duration", "00:01:20"),
				event("CoreShowChannelsComplete", 0, "ActionID", "a1", "EventList", "Complete", "ListItems", "2")));

		assertThat(seeded).containsExactly(
				new CallStarted("7.1", NOW.minusSeconds(90), Direction.INBOUND, "+74951112233", "74957654321"),
				new CallAnswered("7.1", NOW.minusSeconds(80), "PJSIP/101"));

		assertThat(feed(hangup(0, "PJSIP/101-00000021", "7.2", "7.1", 16))).isEmpty();
		List<TelephonyEvent> ended = feed(hangup(0, "PJSIP/trunk-00000020", "7.1", "7.1", 16));

		assertThat(ended).singleElement().isInstanceOfSatisfying(CallEnded.class, call -> {
			assertThat(call.answeredBy()).isEqualTo("PJSIP/101");
			assertThat(call.waitTime()).isEqualTo(Duration.ofSeconds(10));
			assertThat(call.direction()).isEqualTo(Direction.INBOUND);
		});
		assertThat(tracker.activeCalls()).isEmpty();
	}

	@Test
	void aCallThatEndedWhileDisconnectedIsEndedByTheRebuild() {
		feed(answeredCall().subList(0, 6));
		assertThat(tracker.activeCalls()).hasSize(1);

		List<TelephonyEvent> rebuilt = tracker.seed(List.of());

		assertThat(rebuilt).singleElement()
			.isInstanceOfSatisfying(CallEnded.class,
					call -> assertThat(call).extracting("callId", "at", "answered").containsExactly("6.1", NOW, true));
		assertThat(tracker.activeCalls()).isEmpty();
	}

	@Test
	void anAnswerLostWithTheConnectionIsCaughtUpFromTheRebuild() {
		List<TelephonyEvent> ringing = tracker.seed(List.of(
				event("CoreShowChannel", 0, "ActionID", "a1", "Channel", "PJSIP/trunk-00000030", "ChannelState", "4",
						"CallerIDNum", "+74951112233", "Exten", "74957654321", "Uniqueid", "9.1", "Linkedid", "9.1",
						"Application", "Dial", "Duration", "00:00:05"),
				event("CoreShowChannel", 0, "ActionID", "a1", "Channel", "PJSIP/101-00000031", "ChannelState", "5",
						"CallerIDNum", "101", "Exten", "s", "Uniqueid", "9.2", "Linkedid", "9.1", "Application",
						"AppDial", "Duration", "00:00:04")));
		assertThat(ringing).doesNotHaveAnyElementsOfTypes(CallAnswered.class);

		// The connection drops; the phone answers meanwhile; the next rebuild shows it Up
		// in a bridge.
		List<TelephonyEvent> caughtUp = tracker.seed(List.of(
				event("CoreShowChannel", 0, "ActionID", "a2", "Channel", "PJSIP/trunk-00000030", "ChannelState", "6",
						"CallerIDNum", "+74951112233", "Exten", "74957654321", "Uniqueid", "9.1", "Linkedid", "9.1",
						"BridgeId", "b9", "Application", "Dial", "Duration", "00:00:09"),
				event("CoreShowChannel", 0, "ActionID", "a2", "Channel", "PJSIP/101-00000031", "ChannelState", "6",
						"CallerIDNum", "101", "Exten", "s", "Uniqueid", "9.2", "Linkedid", "9.1", "BridgeId", "b9",
						"Application", "AppDial", "Duration", "00:00:08")));
		assertThat(caughtUp).containsExactly(new CallAnswered("9.1", NOW.minusSeconds(8), "PJSIP/101"));
		assertThat(tracker.seed(List.of(
				event("CoreShowChannel", 0, "ActionID", "a3", "Channel", "PJSIP/trunk-00000030", "ChannelState", "6",
						"Uniqueid", "9.1", "Linkedid", "9.1", "BridgeId", "b9", "Duration", "00:00:10"),
				event("CoreShowChannel", 0, "ActionID", "a3", "Channel", "PJSIP/101-00000031", "ChannelState", "6",
						"Uniqueid", "9.2", "Linkedid", "9.1", "BridgeId", "b9", "Duration", "00:00:09"))))
			.isEmpty();

		feed(hangup(0, "PJSIP/101-00000031", "9.2", "9.1", 16));
		List<TelephonyEvent> ended = feed(hangup(0, "PJSIP/trunk-00000030", "9.1", "9.1", 16));
		assertThat(ended).singleElement()
			.isInstanceOfSatisfying(CallEnded.class, call -> assertThat(call.answeredBy()).isEqualTo("PJSIP/101"));
	}

	@Test
	void theLegacyDialEventThatAsteriskJavaRepeatsForEachDialBeginRingsNoSecondTime() {
		List<TelephonyEvent> events = feed(newchannel(0, "PJSIP/101-00000001", "101", "102", "8.1", "8.1"),
				newchannel(0, "PJSIP/102-00000002", "102", "s", "8.2", "8.1"),
				dial("DialBegin", 0, "PJSIP/101-00000001", "8.1", "8.1", "PJSIP/102-00000002", "8.2", null),
				// Asterisk-Java's DialEvent(DialBeginEvent) copy: no Linkedid, no Dest
				// state, no Timestamp of its own.
				AmiEvent.of("DialBegin", "Channel", "PJSIP/101-00000001", "Uniqueid", "8.1", "DestChannel",
						"PJSIP/102-00000002", "DestUniqueid", "8.2"),
				dial("DialBegin", 0, "PJSIP/101-00000001", "8.1", "8.1", "PJSIP/102-00000002", "8.2", null),
				newstate(1, "PJSIP/102-00000002", 5, "8.2", "8.1"));

		assertThat(events).filteredOn(LegRinging.class::isInstance).hasSize(1);
	}

	@Test
	void anExtensionCallingAnOutsideNumberIsOutboundAndTheTrunkAnswers() {
		List<TelephonyEvent> events = feed(newchannel(0, "PJSIP/101-00000001", "101", "84951234567", "9.1", "9.1"),
				newchannel(0, "PJSIP/trunk-00000002", "84951234567", "s", "9.2", "9.1"),
				dial("DialBegin", 0, "PJSIP/101-00000001", "9.1", "9.1", "PJSIP/trunk-00000002", "9.2", null),
				dial("DialEnd", 4, "PJSIP/101-00000001", "9.1", "9.1", "PJSIP/trunk-00000002", "9.2", "ANSWER"));

		assertThat(events).first().isEqualTo(new CallStarted("9.1", at(0), Direction.OUTBOUND, "101", "84951234567"));
		assertThat(events).last().isEqualTo(new CallAnswered("9.1", at(4), "PJSIP/trunk"));
	}

	@Test
	void whichDevicesAreExtensionsIsOurs() {
		CallTracker namedEndpoints = new CallTracker(Extensions.matching(device -> device.startsWith("PJSIP/office-")),
				Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(namedEndpoints.on(newchannel(0, "PJSIP/101-00000001", "101", "102", "10.1", "10.1"))).singleElement()
			.extracting("direction")
			.isEqualTo(Direction.INBOUND);
		assertThat(namedEndpoints.on(newchannel(0, "PJSIP/office-anna-00000003", "101", "102", "10.3", "10.3")))
			.singleElement()
			.extracting("direction")
			.isEqualTo(Direction.INTERNAL);
	}

	@Test
	void eventsOfCallsItNeverSawAreIgnored() {
		List<TelephonyEvent> events = feed(newchannel(0, "PJSIP/102-00000002", "102", "s", "11.2", "11.1"),
				dial("DialEnd", 1, "PJSIP/101-00000001", "11.1", "11.1", "PJSIP/102-00000002", "11.2", "ANSWER"),
				hangup(2, "PJSIP/102-00000002", "11.2", "11.1", 16),
				hangup(2, "PJSIP/101-00000001", "11.1", "11.1", 16));

		assertThat(events).isEmpty();
		assertThat(tracker.activeCalls()).isEmpty();
	}

	@Test
	void deviceStatesAreReportedFromEachEventThatCarriesThem() {
		List<TelephonyEvent> events = feed(event("DeviceStateChange", 1, "Device", "PJSIP/101", "State", "INUSE"),
				event("ExtensionStatus", 2, "Exten", "102", "Context", "ext-local", "Hint", "PJSIP/102&Custom:DND102",
						"Status", "8", "StatusText", "Ringing"),
				event("ContactStatus", 3, "URI", "sip:103@192.0.2.1", "ContactStatus", "Unreachable", "AOR", "103",
						"EndpointName", "103"),
				event("ContactStatus", 4, "URI", "sip:103@192.0.2.1", "ContactStatus", "Reachable", "AOR", "103",
						"EndpointName", "103"),
				event("DeviceStateChange", 5, "Device", "Queue:sales_avail", "State", "SOMETHING_NEW"));

		assertThat(events).containsExactly(new DeviceStateChanged("PJSIP/101", at(1), State.INUSE),
				new DeviceStateChanged("PJSIP/102", at(2), State.RINGING),
				new DeviceStateChanged("PJSIP/103", at(3), State.UNAVAILABLE),
				new DeviceStateChanged("Queue:sales_avail", at(5), State.UNKNOWN));
	}

	/**
	 * Ending a call unindexes its own channels only, by key (a scan of every channel once
	 * took most of the time).
	 */
	@Test
	void aCallThatEndsLeavesTheCallsStillUpUntouched() {
		List<TelephonyEvent> first = feed(newchannel(0, "PJSIP/101-00000001", "101", "102", "7.1", "7.1"),
				newchannel(0, "PJSIP/102-00000002", "102", "s", "7.2", "7.1"),
				newchannel(1, "PJSIP/103-00000003", "103", "104", "8.1", "8.1"),
				newchannel(1, "PJSIP/104-00000004", "104", "s", "8.2", "8.1"),
				dial("DialBegin", 1, "PJSIP/101-00000001", "7.1", "7.1", "PJSIP/102-00000002", "7.2", null),
				dial("DialBegin", 1, "PJSIP/103-00000003", "8.1", "8.1", "PJSIP/104-00000004", "8.2", null),
				hangup(3, "PJSIP/102-00000002", "7.2", "7.1", 16), hangup(3, "PJSIP/101-00000001", "7.1", "7.1", 16));

		assertThat(first).filteredOn(CallEnded.class::isInstance)
			.extracting(event -> ((CallEnded) event).callId())
			.containsExactly("7.1");
		assertThat(tracker.activeCalls()).extracting(Call::id).containsExactly("8.1");

		List<TelephonyEvent> second = feed(newstate(4, "PJSIP/104-00000004", 6, "8.2", "8.1"),
				dial("DialEnd", 4, "PJSIP/103-00000003", "8.1", "8.1", "PJSIP/104-00000004", "8.2", "ANSWER"),
				hangup(9, "PJSIP/104-00000004", "8.2", "8.1", 16), hangup(9, "PJSIP/103-00000003", "8.1", "8.1", 16));

		assertThat(second).contains(new CallAnswered("8.1", at(4), "PJSIP/104"));
		assertThat(second).filteredOn(CallEnded.class::isInstance)
			.extracting(event -> ((CallEnded) event).callId())
			.containsExactly("8.1");
		assertThat(tracker.activeCalls()).isEmpty();
	}

	private List<AmiEvent> answeredCall() {
		return List.of(newchannel(0, "PJSIP/101-00000001", "101", "102", "6.1", "6.1"),
				newchannel(0, "PJSIP/102-00000002", "102", "s", "6.2", "6.1"),
				dial("DialBegin", 0, "PJSIP/101-00000001", "6.1", "6.1", "PJSIP/102-00000002", "6.2", null),
				newstate(1, "PJSIP/102-00000002", 5, "6.2", "6.1"),
				dial("DialEnd", 5, "PJSIP/101-00000001", "6.1", "6.1", "PJSIP/102-00000002", "6.2", "ANSWER"),
				event("BridgeEnter", 5, "BridgeUniqueid", "b6", "BridgeType", "basic", "Channel", "PJSIP/102-00000002",
						"ChannelState", "6", "Uniqueid", "6.2", "Linkedid", "6.1"),
				hangup(65, "PJSIP/101-00000001", "6.1", "6.1", 16), hangup(65, "PJSIP/102-00000002", "6.2", "6.1", 16));
	}

	private static AmiEvent withExtraHeaders(AmiEvent event) {
		List<String> fields = new ArrayList<>();
		fields.addAll(List.of("Privilege", "call,all", "SequenceNumber", "4711", "File", "manager_channels.c", "Line",
				"739", "Func", "channel_snapshot_update", "SystemName", "pbx1"));
		event.fields().forEach((name, value) -> {
			fields.add(name);
			fields.add(value);
		});
		fields.addAll(List.of("Tenantid", "tenant-a", "ChanVariable", "CALLFILENAME=x", "ChanVariable", "FROM_DID="));
		return AmiEvent.of(event.name(), fields.toArray(String[]::new));
	}

	private List<TelephonyEvent> feed(AmiEvent... events) {
		return feed(List.of(events));
	}

	private List<TelephonyEvent> feed(List<AmiEvent> events) {
		List<TelephonyEvent> out = new ArrayList<>();
		events.forEach(event -> out.addAll(tracker.on(event)));
		return out;
	}

	private static Instant at(long second) {
		return Instant.ofEpochSecond(T0 + second, 123_000);
	}

	private static AmiEvent event(String name, long second, String... fields) {
		String[] all = new String[fields.length + 2];
		all[0] = "Timestamp";
		all[1] = (T0 + second) + ".000123";
		System.arraycopy(fields, 0, all, 2, fields.length);
		return AmiEvent.of(name, all);
	}

	private static AmiEvent newchannel(long second, String channel, String callerNum, String exten, String uniqueid,
			String linkedid) {
		return event("Newchannel", second, "Channel", channel, "ChannelState", channel.startsWith("Local") ? "0" : "4",
				"ChannelStateDesc", "Ring", "CallerIDNum", callerNum == null ? "<unknown>" : callerNum, "CallerIDName",
				"<unknown>", "ConnectedLineNum", "<unknown>", "ConnectedLineName", "<unknown>", "Language", "en",
				"AccountCode", "", "Context", "from-internal", "Exten", exten, "Priority", "1", "Uniqueid", uniqueid,
				"Linkedid", linkedid);
	}

	private static AmiEvent newstate(long second, String channel, int state, String uniqueid, String linkedid) {
		return event("Newstate", second, "Channel", channel, "ChannelState", String.valueOf(state), "ChannelStateDesc",
				state == 5 ? "Ringing" : "Up", "Uniqueid", uniqueid, "Linkedid", linkedid);
	}

	private static AmiEvent dial(String name, long second, String channel, String uniqueid, String linkedid,
			String destChannel, String destUniqueid, String status) {
		return event(name, second, "Channel", channel, "ChannelState", "4", "Uniqueid", uniqueid, "Linkedid", linkedid,
				"DestChannel", destChannel, "DestChannelState", "0", "DestUniqueid", destUniqueid, "DestLinkedid",
				linkedid, "DialString", destChannel, "DialStatus", status);
	}

	private static AmiEvent hangup(long second, String channel, String uniqueid, String linkedid, int cause) {
		return event("Hangup", second, "Channel", channel, "ChannelState", "6", "Uniqueid", uniqueid, "Linkedid",
				linkedid, "Cause", String.valueOf(cause), "Cause-txt", "whatever");
	}

	/** A queue event about member {@code destChannel} for the caller of call 3.1. */
	private static AmiEvent agent(String name, long second, String destChannel, String destUniqueid,
			String memberInterface) {
		return event(name, second, "Channel", "PJSIP/trunk-00000010", "ChannelState", "6", "Uniqueid", "3.1",
				"Linkedid", "3.1", "DestChannel", destChannel, "DestChannelState", "0", "DestUniqueid", destUniqueid,
				"DestLinkedid", "3.1", "Queue", "sales", "MemberName", memberInterface, "Interface", memberInterface,
				"RingTime", "15", "HoldTime", "19");
	}

}

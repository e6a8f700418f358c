package io.ringside.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.CallStarted;
import io.ringside.telephony.CallEvent.CallTransferred;
import io.ringside.telephony.CallEvent.CallsMerged;
import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.CallEvent.LegEndReason;
import io.ringside.telephony.CallEvent.LegEnded;
import io.ringside.telephony.CallEvent.LegRinging;
import io.ringside.telephony.CallEvent.TransferKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The tracker fed with real AMI captures (src/test/resources/ami-captures, each file
 * names its source).
 */
class CallTrackerCaptureTests {

	private static final Instant START = Instant.parse("2026-06-17T10:00:00Z");

	private final CallTracker tracker = new CallTracker(new StepClock(START, Duration.ofSeconds(1)));

	@Test
	void anAnsweredInternalCallStartsRingsIsAnsweredByTheCalleeAndEndsWithTalkTime() {
		List<TelephonyEvent> events = feed(Captures.events("01_answered_internal_pjsip_ast16.txt"));

		String call = "1781704172.3807878";
		assertThat(events).hasExactlyElementsOfTypes(CallStarted.class, LegRinging.class, CallAnswered.class,
				CallEnded.class);
		assertThat(events.get(0)).isEqualTo(new CallStarted(call, START, Direction.INTERNAL, "7001", "7002"));
		assertThat(events.get(1)).extracting("callId", "device").containsExactly(call, "PJSIP/7002");
		assertThat(events.get(2)).extracting("callId", "device").containsExactly(call, "PJSIP/7002");
		CallEnded ended = (CallEnded) events.get(3);
		assertThat(ended.answered()).isTrue();
		assertThat(ended.answeredBy()).isEqualTo("PJSIP/7002");
		assertThat(ended.talkTime()).isPositive();
		assertThat(ended.waitTime()).isPositive();
		assertThat(ended.hangupCause()).isEqualTo(16);
		assertThat(ended).extracting("callerNumber", "dialedNumber", "direction")
			.containsExactly("7001", "7002", Direction.INTERNAL);
		assertThat(tracker.activeCalls()).isEmpty();
	}

	@Test
	void aRejectedCallEndsTheLegAsNoAnswerAndStaysUnansweredThoughVoicemailAnswersTheCaller() {
		List<TelephonyEvent> events = feed(Captures.events("02_missed_rejected_pjsip_ast16.txt"));

		String call = "1781705122.3809250";
		assertThat(events).hasExactlyElementsOfTypes(CallStarted.class, LegRinging.class, LegEnded.class,
				CallEnded.class);
		assertThat(events.get(1)).extracting("device").isEqualTo("PJSIP/7004");
		assertThat(events.get(2)).extracting("callId", "device", "reason")
			.containsExactly(call, "PJSIP/7004", LegEndReason.NOANSWER);
		CallEnded ended = (CallEnded) events.get(3);
		assertThat(ended.answered()).isFalse();
		assertThat(ended.answeredBy()).isNull();
		assertThat(ended.talkTime()).isZero();
		assertThat(ended.waitTime()).isPositive();
		assertThat(ended.hangupCause()).isEqualTo(21);
	}

	@Test
	void anOriginateThroughLocalChannelsReportsNoLocalChannelAsAPhone() {
		List<TelephonyEvent> events = feed(Captures.events("05_originate_async_local_ast16.txt"));

		assertThat(events).hasExactlyElementsOfTypes(CallStarted.class);
		assertThat(events.get(0))
			.isEqualTo(new CallStarted("1781705347.3809591", START, Direction.INTERNAL, null, "*43"));
		Call call = tracker.call("1781705347.3809591").orElseThrow();
		assertThat(call.channels()).hasSize(2);
		assertThat(call.legs()).isEmpty();
		assertThat(call.answered()).isFalse();
		assertThat(call.callerNumber()).as("the caller id set after the start").isEqualTo("0000");
	}

	@Test
	void realBlindAndAttendedTransfersNameTheirDevices() {
		List<AmiEvent> captured = Captures.pastedEvents("07_transfer_events_blind_and_attended.txt");
		AmiEvent blind = captured.get(0);
		AmiEvent attended = captured.get(1);
		// The capture holds the transfer events only: the calls they belong to are
		// brought in as a reconnect would.
		tracker.seed(
				List.of(channel("PJSIP/vats342271-7-000006da", "asterisk-1751017620.2695", "asterisk-1751017620.2695"),
						channel("PJSIP/16-000006dc", "asterisk-1751017624.2697", "asterisk-1751017620.2695"),
						channel("PJSIP/vats342271-2-00000fd6", "asterisk-1750662739.6193", "asterisk-1750662739.6193"),
						channel("PJSIP/16-00000fd8", "asterisk-1750662739.6195", "asterisk-1750662739.6193"),
						channel("PJSIP/16-00000fda", "asterisk-1750662777.6198", "asterisk-1750662777.6198"),
						channel("PJSIP/69-00000fdb", "asterisk-1750662777.6199", "asterisk-1750662777.6198")));

		assertThat(tracker.on(blind)).singleElement()
			.isInstanceOfSatisfying(CallTransferred.class,
					transferred -> assertThat(transferred).extracting("callId", "kind", "fromDevice", "to")
						.containsExactly("asterisk-1751017620.2695", TransferKind.BLIND, "PJSIP/16", "22"));
		// The successful attended transfer joins the two transferers' calls at once, the
		// younger into the older
		// (Asterisk keeps the oldest Linkedid), before any channel shows the new
		// Linkedid.
		List<TelephonyEvent> transferred = tracker.on(attended);
		assertThat(transferred).hasExactlyElementsOfTypes(CallsMerged.class, CallTransferred.class);
		assertThat(transferred.get(0)).extracting("callId", "mergedCallId")
			.containsExactly("asterisk-1750662739.6193", "asterisk-1750662777.6198");
		assertThat(transferred.get(1)).extracting("callId", "kind", "fromDevice", "to")
			.containsExactly("asterisk-1750662739.6193", TransferKind.ATTENDED, "PJSIP/16", "PJSIP/69");
		assertThat(tracker.call("asterisk-1750662777.6198").orElseThrow().id()).isEqualTo("asterisk-1750662739.6193");

		// After the transfer the target is bridged with the transferee and takes its
		// (older) Linkedid: no news.
		assertThat(tracker.on(AmiEvent.of("BridgeEnter", "BridgeUniqueid", "32d5ec9c-4527-432e-beeb-939a076ebbf3",
				"Channel", "PJSIP/69-00000fdb", "ChannelState", "6", "Uniqueid", "asterisk-1750662777.6199", "Linkedid",
				"asterisk-1750662739.6193")))
			.isEmpty();
		assertThat(tracker.activeCalls()).hasSize(2);
	}

	@Test
	void aBlindTransferToALocalTargetAndATruncatedOneAreRead() {
		List<AmiEvent> captured = Captures.pastedEvents("07_transfer_events_blind_and_attended.txt");
		tracker.seed(List.of(channel("SIP/206399-00000033", "1594054062.123", "1594054062.123"),
				channel("SIP/206040-00000034", "1594054062.126", "1594054062.123"),
				channel("SIP/101-00000001", "1544364269.3", "1544364269.3")));

		assertThat(tracker.on(captured.get(3))).singleElement()
			.isInstanceOfSatisfying(CallTransferred.class,
					transferred -> assertThat(transferred).extracting("fromDevice", "to")
						.containsExactly("SIP/206040", "206041"));
		assertThat(tracker.on(captured.get(5))).singleElement()
			.isInstanceOfSatisfying(CallTransferred.class,
					transferred -> assertThat(transferred).extracting("callId", "at", "fromDevice", "to")
						.containsExactly("1544364269.3", Instant.parse("2018-12-09T14:04:52.076837Z"), "SIP/100",
								null));
	}

	@Test
	void singleRealEventsOfAnAsterisk20EraSystemAreTakenWithoutError() {
		List<AmiEvent> events = Captures.pastedEvents("14_single_event_captures_pjsip_ast20era.txt");

		assertThatNoException().isThrownBy(() -> events.forEach(tracker::on));
		assertThat(tracker.activeCalls()).isEmpty();
	}

	@Test
	void aQueueMemberRingsForAnInboundTrunkCallFromTheRealAgentCalled() {
		List<AmiEvent> events = Captures.pastedEvents("14_single_event_captures_pjsip_ast20era.txt");
		AmiEvent agentCalled = events.get(5);
		assertThat(tracker.on(AmiEvent.of("Newchannel", "Channel", "PJSIP/dev-000000bd", "ChannelState", "4",
				"CallerIDNum", "000193393", "Exten", "s", "Uniqueid", "asterisk-1740666060.311", "Linkedid",
				"asterisk-1740666060.311")))
			.containsExactly(new CallStarted("asterisk-1740666060.311", START, Direction.INBOUND, "000193393", null));

		assertThat(tracker.on(agentCalled))
			.containsExactly(new LegRinging("asterisk-1740666060.311", START.plusSeconds(1), "PJSIP/000"));
	}

	/**
	 * Issue #11: a FreePBX queue whose members are Local channels, with events of Local
	 * halves after their Hangup.
	 */
	@Test
	void aFreePbxQueueCallAnsweredThroughALocalMemberEndsOnceAnsweredByThePhoneBehindIt() {
		List<TelephonyEvent> events = feed(Captures.events("15_queue_local_members_answered_freepbx16.txt"));

		String call = "1781704152.3807872";
		assertThat(events).filteredOn(CallEnded.class::isInstance)
			.singleElement()
			.isInstanceOfSatisfying(CallEnded.class, ended -> {
				assertThat(ended.callId()).isEqualTo(call);
				assertThat(ended.answered()).isTrue();
				assertThat(ended.answeredBy()).isEqualTo("PJSIP/7006");
				assertThat(ended.abandoned()).isFalse();
				assertThat(ended.direction()).isEqualTo(Direction.INTERNAL);
				assertThat(ended.talkTime()).isPositive();
			});
		assertThat(events).filteredOn(CallAnswered.class::isInstance)
			.containsExactly(new CallAnswered(call, answeredAt(events), "PJSIP/7006"));
		assertThat(devices(events)).as("no Local channel is ever a phone")
			.allMatch(device -> device.startsWith("PJSIP/"));
		assertThat(events).filteredOn(LegEnded.class::isInstance)
			.extracting("device", "reason")
			.as("the first ring cycle timed out on the phone behind the Local member")
			.contains(org.assertj.core.groups.Tuple.tuple("PJSIP/7006", LegEndReason.NOANSWER));
		assertThat(tracker.activeCalls()).isEmpty();
	}

	/**
	 * Issue #11: the caller hangs up in the queue after ring-no-answer cycles (some of
	 * them partly elided upstream).
	 */
	@Test
	void aFreePbxQueueCallerWhoHangsUpInTheQueueAbandonsAndTheCallEndsOnce() {
		List<TelephonyEvent> events = feed(Captures.events("16_queue_local_members_abandoned_freepbx16.txt"));

		assertThat(events).filteredOn(CallEnded.class::isInstance)
			.singleElement()
			.isInstanceOfSatisfying(CallEnded.class, ended -> {
				assertThat(ended.callId()).isEqualTo("1781704774.3808718");
				assertThat(ended.answered()).isFalse();
				assertThat(ended.answeredBy()).isNull();
				assertThat(ended.abandoned()).isTrue();
				assertThat(ended.waitTime()).isPositive();
			});
		assertThat(events).noneMatch(CallAnswered.class::isInstance);
		assertThat(devices(events)).allMatch(device -> device.startsWith("PJSIP/"));
		assertThat(tracker.activeCalls()).isEmpty();
	}

	@Test
	void anAsterisk13TrunkCallToARingAllQueueIsAnsweredByOneMemberAndTheOtherStopsRinging() {
		List<TelephonyEvent> events = feed(Captures.events("18_queue_ringall_sip_trunk_local_ast13.txt"));

		assertThat(events).filteredOn(CallEnded.class::isInstance)
			.singleElement()
			.extracting("callId", "answered", "answeredBy", "abandoned", "direction")
			.containsExactly("195176c06ab8-1529938920.367", true, "SIP/150010002", false, Direction.INBOUND);
		assertThat(events).filteredOn(LegEnded.class::isInstance)
			.extracting("device", "reason")
			.containsExactly(org.assertj.core.groups.Tuple.tuple("SIP/150010003", LegEndReason.ANSWERED_ELSEWHERE));
		assertThat(devices(events)).noneMatch(Extensions::isLocal);
		assertThat(tracker.activeCalls()).isEmpty();
	}

	@Test
	void anAsterisk13QueueCallTransferredAttendedEndsOnceUnderTheCallersLinkedid() {
		List<TelephonyEvent> events = feed(Captures.events("19_queue_attended_transfer_sip_trunk_ast13.txt"));

		assertThat(events).filteredOn(CallsMerged.class::isInstance)
			.extracting("callId", "mergedCallId")
			.containsExactly(org.assertj.core.groups.Tuple.tuple("f29ea68048f6-1530022819.2433",
					"f29ea68048f6-1530022836.2474"));
		assertThat(events).filteredOn(CallTransferred.class::isInstance)
			.extracting("kind", "fromDevice", "to")
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(TransferKind.ATTENDED, "SIP/150010001", "SIP/150010002"));
		assertThat(events).filteredOn(CallEnded.class::isInstance)
			.singleElement()
			.extracting("callId", "answered", "answeredBy")
			.containsExactly("f29ea68048f6-1530022819.2433", true, "SIP/150010001");
		assertThat(tracker.activeCalls()).isEmpty();
	}

	@Test
	void anAsterisk13QueueCallTransferredBlindEndsOnceAnsweredByTheFirstAgent() {
		List<TelephonyEvent> events = feed(Captures.events("20_queue_blind_transfer_sip_trunk_ast13.txt"));

		assertThat(events).filteredOn(CallTransferred.class::isInstance)
			.extracting("kind", "fromDevice", "to")
			.containsExactly(org.assertj.core.groups.Tuple.tuple(TransferKind.BLIND, "SIP/150010001", "202"));
		assertThat(events).filteredOn(CallEnded.class::isInstance)
			.singleElement()
			.extracting("answered", "answeredBy")
			.containsExactly(true, "SIP/150010001");
		assertThat(tracker.activeCalls()).isEmpty();
	}

	@Test
	void aCallPickedUpWithStar8IsAnsweredByThePhoneThatPickedItUp() {
		List<TelephonyEvent> events = feed(Captures.events("22_call_pickup_star8_sip_ast13.txt"));

		assertThat(events).filteredOn(CallEnded.class::isInstance)
			.singleElement()
			.extracting("callId", "answered", "answeredBy")
			.containsExactly("59b750c14f20-1538125952.414", true, "SIP/150010003");
		assertThat(events).filteredOn(LegEnded.class::isInstance).extracting("device").containsExactly("SIP/150010002");
		assertThat(tracker.activeCalls()).isEmpty();
	}

	private static Instant answeredAt(List<TelephonyEvent> events) {
		return events.stream()
			.filter(CallAnswered.class::isInstance)
			.map(CallAnswered.class::cast)
			.findFirst()
			.orElseThrow()
			.at();
	}

	/** Every device named as ringing, answering or ending a leg. */
	private static List<String> devices(List<TelephonyEvent> events) {
		List<String> devices = new ArrayList<>();
		for (TelephonyEvent event : events) {
			if (event instanceof LegRinging ringing) {
				devices.add(ringing.device());
			}
			else if (event instanceof LegEnded ended) {
				devices.add(ended.device());
			}
			else if (event instanceof CallAnswered answered) {
				devices.add(answered.device());
			}
		}
		return devices;
	}

	private List<TelephonyEvent> feed(List<AmiEvent> events) {
		List<TelephonyEvent> out = new ArrayList<>();
		events.forEach(event -> out.addAll(tracker.on(event)));
		return out;
	}

	private static AmiEvent channel(String name, String uniqueid, String linkedid) {
		return AmiEvent.of("CoreShowChannel", "Channel", name, "ChannelState", "6", "Uniqueid", uniqueid, "Linkedid",
				linkedid, "BridgeId", "b-" + linkedid, "Duration", "00:01:00");
	}

}

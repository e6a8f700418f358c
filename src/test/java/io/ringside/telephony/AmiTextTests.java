package io.ringside.telephony;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AmiTextTests {

	@Test
	void everyEventOfACaptureIsReadInOrder() {
		List<AmiEvent> events = Captures.events("01_answered_internal_pjsip_ast16.txt");

		assertThat(events).hasSize(20);
		assertThat(events.get(0).name()).isEqualTo("Newchannel");
		assertThat(events.get(0).fields().keySet()).startsWith("Privilege", "Channel", "ChannelState");
		assertThat(events.get(events.size() - 1).get("Cause-txt")).isEqualTo("Normal Clearing");
	}

	@Test
	void crlfLineEndsReadLikeLf() {
		String lf = Captures.text("02_missed_rejected_pjsip_ast16.txt");

		assertThat(AmiText.parse(lf.replace("\n", "\r\n"))).isEqualTo(AmiText.parse(lf));
	}

	@Test
	void actionsAndResponsesAreSkippedButAnEventWithAResponseFieldIsKept() {
		List<AmiEvent> events = Captures.events("05_originate_async_local_ast16.txt");

		assertThat(events).first().extracting(AmiEvent::name).isEqualTo("Newchannel");
		assertThat(events).extracting(AmiEvent::name).contains("OriginateResponse").doesNotContainNull();
	}

	@Test
	void fieldsAreFoundWhateverTheirCaseAndUnknownReadsAsAbsent() {
		AmiEvent event = AmiText.parse("Event: Newchannel\r\nCallerIDNum: <unknown>\r\nExten: 7002\r\n\r\n").get(0);

		assertThat(event.get("exten")).isEqualTo("7002");
		assertThat(event.get("EXTEN")).isEqualTo("7002");
		assertThat(event.get("CallerIDNum")).isNull();
		assertThat(event.fields()).containsEntry("CallerIDNum", "<unknown>");
		assertThat(event.get("Linkedid")).isNull();
	}

	@Test
	void aRepeatedHeaderKeepsItsFirstValue() {
		AmiEvent event = AmiText
			.parse("Event: Hangup\nChanVariable: A=1\nChanVariable: B=2\nTenantid: t1\nUniqueid: 1.1\n\n")
			.get(0);

		assertThat(event.get("ChanVariable")).isEqualTo("A=1");
		assertThat(event.get("Tenantid")).isEqualTo("t1");
		assertThat(event.fields()).hasSize(3);
	}

	@Test
	void theBannerCommandOutputAndCommentsAreNotEvents() {
		String text = "Asterisk Call Manager/9.0.0\r\n# a comment: not a field\r\nAction: Ping\r\n\r\n"
				+ "Response: Follows\r\nAsterisk 11.11.0 built by root\r\n--END COMMAND--\r\n\r\n"
				+ "Event: FullyBooted\r\nStatus: Fully Booted\r\n\r\n";

		assertThat(AmiText.parse(text)).containsExactly(AmiEvent.of("FullyBooted", "Status", "Fully Booted"));
	}

	@Test
	void pastedCapturesReadAsEvents() {
		assertThat(Captures.pastedEvents("14_single_event_captures_pjsip_ast20era.txt")).extracting(AmiEvent::name)
			.containsExactly("Newchannel", "Hangup", "LocalBridge", "DialBegin", "DialEnd", "AgentCalled",
					"FullyBooted");
		assertThat(Captures.pastedEvents("07_transfer_events_blind_and_attended.txt")).extracting(AmiEvent::name)
			.containsExactly("BlindTransfer", "AttendedTransfer", "BlindTransfer", "AttendedTransfer",
					"QueueCallerJoin", "BlindTransfer");
	}

}

package io.ringside.telephony.ami;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ringside.telephony.AmiEvent;
import io.ringside.telephony.DeviceStateChanged;
import io.ringside.telephony.DeviceStateChanged.State;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneLedgerTests {

	private static final Instant AT = Instant.parse("2026-12-05T12:00:00Z");

	private final PhoneLedger ledger = new PhoneLedger();

	@Test
	void freesOnlyThePhonesOnACallThatTheListShowsWithoutAChannelAndThatDidNotChangeSinceTheMark() {
		ledger.note(List.of(changed("PJSIP/101", State.INUSE), changed("PJSIP/102", State.RINGING),
				changed("PJSIP/103", State.INUSE), changed("PJSIP/104", State.UNAVAILABLE),
				changed("PJSIP/105", State.NOT_INUSE), changed("PJSIP/106", State.ONHOLD)));
		long mark = ledger.mark();
		// after the mark: a new call rings 107, and 106 changes again
		ledger.note(List.of(changed("PJSIP/107", State.RINGING), changed("PJSIP/106", State.INUSE)));

		List<DeviceStateChanged> freed = ledger.freed(mark,
				List.of(channel("PJSIP/103-0000002a"), channel("Local/101@from-queue-00000003;2")), AT);

		assertThat(freed).containsExactlyInAnyOrder(new DeviceStateChanged("PJSIP/101", AT, State.NOT_INUSE),
				new DeviceStateChanged("PJSIP/102", AT, State.NOT_INUSE));
		assertThat(ledger.freed(ledger.mark(), List.of(), AT)).extracting(DeviceStateChanged::device)
			.containsExactlyInAnyOrder("PJSIP/103", "PJSIP/106", "PJSIP/107");
	}

	private static DeviceStateChanged changed(String device, State state) {
		return new DeviceStateChanged(device, AT, state);
	}

	private static AmiEvent channel(String name) {
		return AmiEvent.of("CoreShowChannel", "Channel", name);
	}

}

package io.ringside.dashboard;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ringside.calls.RoutedCall;
import io.ringside.dashboard.DashboardSnapshot.CallState;
import io.ringside.dashboard.PhoneCalls.OnCall;
import io.ringside.telephony.CallEvent.Direction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call a phone is on, as a member on the board shows it: the call talking there wins
 * over calls ringing there, and of two alike the first to come to the board.
 */
class PhoneCallsTests {

	private static final String PHONE = "PJSIP/101";

	private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

	private final PhoneCalls phones = new PhoneCalls();

	@Test
	void aCallTalkingOnThePhoneWinsOverAnEarlierOneRingingThere() {
		phones.add(1, ringing("waiting"));
		phones.add(2, talking("talking"));

		assertThat(phones.onCall(PHONE)).isEqualTo(new OnCall("talking", CallState.TALKING));
	}

	@Test
	void ofTwoCallsRingingTheFirstToComeToTheBoardWins() {
		phones.add(7, ringing("later"));
		phones.add(3, ringing("earlier"));

		assertThat(phones.onCall(PHONE)).isEqualTo(new OnCall("earlier", CallState.RINGING));
	}

	@Test
	void aCallThatLeavesItsPhoneLeavesTheOtherAndTouchesThePhone() {
		phones.add(1, ringing("first"));
		phones.add(2, ringing("second"));
		assertThat(phones.takeTouched()).containsExactly(PHONE);

		phones.remove(1, ringing("first"));

		assertThat(phones.onCall(PHONE)).isEqualTo(new OnCall("second", CallState.RINGING));
		assertThat(phones.takeTouched()).containsExactly(PHONE);
		phones.remove(2, ringing("second"));
		assertThat(phones.onCall(PHONE)).isNull();
		assertThat(phones.takeTouched()).containsExactly(PHONE);
		assertThat(phones.takeTouched()).isEmpty();
	}

	private static RoutedCall ringing(String callId) {
		return new RoutedCall(callId, Direction.INBOUND, "+74951234567", "100", NOW, true, List.of(), List.of(PHONE),
				null, null);
	}

	private static RoutedCall talking(String callId) {
		return new RoutedCall(callId, Direction.INBOUND, "+74951234567", "100", NOW, true, List.of(), List.of(), PHONE,
				NOW);
	}

}

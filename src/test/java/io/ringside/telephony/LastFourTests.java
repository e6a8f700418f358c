package io.ringside.telephony;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ringside.telephony.CallEvent.CallStarted;
import io.ringside.telephony.CallEvent.Direction;

import static org.assertj.core.api.Assertions.assertThat;

class LastFourTests {

	@ParameterizedTest
	@CsvSource({ "+74951234567, ***4567", "84951234567, ***4567", "'8 (495) 123-45-67', ***4567", "101, 101",
			"4567, 4567" })
	void aNumberShowsOnlyItsLastFourDigits(String number, String shown) {
		assertThat(LastFour.of(number)).isEqualTo(shown);
	}

	@Test
	void everyNumberInATextIsMaskedAndCallIdsAndDevicesStayReadable() {
		String text = "Routing call 1733340000.42 from +74951234567 to PJSIP/101 (dialed 84957654321) fell back";

		assertThat(LastFour.in(text))
			.isEqualTo("Routing call 1733340000.42 from ***4567 to PJSIP/101 (dialed ***4321) fell back");
	}

	@Test
	void anEventPrintedInAnErrorShowsItsNumbersByTheirLastFourDigits() {
		CallStarted started = new CallStarted("1733340000.42", Instant.parse("2026-12-04T10:15:30Z"), Direction.INBOUND,
				"+79161234567", "74950001122");

		String logged = LastFour.in(started);

		assertThat(logged).contains("***4567", "***1122", "1733340000.42").doesNotContain("79161234567", "74950001122");
	}

	@Test
	void nullStaysNull() {
		assertThat(LastFour.of(null)).isNull();
		assertThat(LastFour.in(null)).isNull();
	}

}

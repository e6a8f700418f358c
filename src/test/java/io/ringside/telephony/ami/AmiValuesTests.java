package io.ringside.telephony.ami;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No CR or LF reaches an AMI action, where it would start a header or an action of its
 * own (#12).
 */
class AmiValuesTests {

	@Test
	void stripsEveryCrAndLfAndKeepsTheRest() {
		assertThat(AmiValues.plain("Eve\r\nAction: Hangup\rChannel: PJSIP/101\n <101>"))
			.isEqualTo("EveAction: HangupChannel: PJSIP/101 <101>");
	}

	@Test
	void leavesPlainValuesAndNullAsTheyAre() {
		String name = "Анна Петрова <101>";

		assertThat(AmiValues.plain(name)).isSameAs(name);
		assertThat(AmiValues.plain(null)).isNull();
	}

}

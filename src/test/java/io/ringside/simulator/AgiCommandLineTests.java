package io.ringside.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** AGI command lines as Asterisk-Java writes them. */
class AgiCommandLineTests {

	@Test
	void quotesGroupWordsAndABackslashEscapesTheNextCharacter() {
		assertThat(AgiCommandLine.words("SET VARIABLE \"RINGSIDE_TARGET\" \"PJSIP/101&PJSIP/102\""))
			.containsExactly("SET", "VARIABLE", "RINGSIDE_TARGET", "PJSIP/101&PJSIP/102");
		assertThat(AgiCommandLine.words("SET VARIABLE \"NOTE\" \"say \\\"hi\\\" twice\"")).containsExactly("SET",
				"VARIABLE", "NOTE", "say \"hi\" twice");
		assertThat(AgiCommandLine.words("GET   VARIABLE \"\"")).containsExactly("GET", "VARIABLE", "");
		assertThat(AgiCommandLine.words("")).isEmpty();
	}

}

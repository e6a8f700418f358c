package io.ringside.telephony;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ExtensionsTests {

	private final Extensions extensions = Extensions.shortNumeric();

	@ParameterizedTest
	@CsvSource({ "PJSIP/101-0000002a, PJSIP/101", "PJSIP/vats342271-7-000006da, PJSIP/vats342271-7",
			"SIP/206040-00000225, SIP/206040", "Local/*43@from-internal-00120ed7;1, Local/*43@from-internal",
			"PJSIP/101, PJSIP/101", "PJSIP/vats342271-7, PJSIP/vats342271-7" })
	void aChannelLosesItsSequenceSuffixToNameItsDevice(String channel, String device) {
		assertThat(Extensions.deviceOf(channel)).isEqualTo(device);
	}

	@ParameterizedTest
	@CsvSource({ "PJSIP/101-0000002a, true", "SIP/206040-00000225, true", "PJSIP/trunk-00000001, false",
			"PJSIP/74951234567-00000001, false", "Local/101@from-internal-00000003;2, false", "IAX2/101-1234, false" })
	void shortNumericPjsipAndSipEndpointsAreExtensions(String channel, boolean extension) {
		assertThat(extensions.isExtension(channel)).isEqualTo(extension);
	}

}

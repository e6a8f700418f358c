package io.ringside.telephony.ami;

import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * Values as Ringside puts them in an AMI action. AMI is line-based: a CR or LF inside a
 * value (an employee's name in the Originate CallerID, say) would end the header and let
 * the rest be read as headers of its own, or as another action. Asterisk-Java writes
 * values as they are, so every value goes through {@link #plain} first (issue #12).
 */
final class AmiValues {

	private AmiValues() {
	}

	/** The value without any CR or LF; null stays null. */
	@Contract("!null -> !null")
	static @Nullable String plain(@Nullable String value) {
		if (value == null || (value.indexOf('\r') < 0 && value.indexOf('\n') < 0)) {
			return value;
		}
		StringBuilder plain = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c != '\r' && c != '\n') {
				plain.append(c);
			}
		}
		return plain.toString();
	}

}

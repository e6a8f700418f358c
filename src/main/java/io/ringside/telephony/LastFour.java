package io.ringside.telephony;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * Phone numbers as warnings and errors print them: only their last four digits, e.g.
 * {@code ***4567}. Logs are read by more people, and kept longer, than the CRM's own
 * data.
 */
public final class LastFour {

	/**
	 * What looks like a phone number in free text: seven to fifteen digits, with or
	 * without a leading +, standing on their own. A digit run next to a dot is left
	 * alone, so Asterisk's call ids ({@code 1733340000.42}) stay readable.
	 */
	private static final Pattern NUMBER = Pattern.compile("(?<![\\d.])\\+?\\d{7,15}(?![\\d.])");

	private LastFour() {
	}

	/**
	 * The number with all but its last four digits hidden; short numbers (extensions) and
	 * null as they are.
	 */
	@Contract("!null -> !null")
	public static @Nullable String of(@Nullable String number) {
		if (number == null) {
			return null;
		}
		String digits = number.replaceAll("\\D", "");
		return digits.length() <= 4 ? number : "***" + digits.substring(digits.length() - 4);
	}

	/** The text with every phone number in it shown by its last four digits only. */
	@Contract("!null -> !null")
	public static @Nullable String in(@Nullable Object text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = NUMBER.matcher(text.toString());
		StringBuilder masked = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(masked, Matcher.quoteReplacement(of(matcher.group())));
		}
		return matcher.appendTail(masked).toString();
	}

}

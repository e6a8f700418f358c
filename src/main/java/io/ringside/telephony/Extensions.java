package io.ringside.telephony;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * Which devices and numbers are ours, the rule that decides a call's
 * {@link CallEvent.Direction}:
 * <ul>
 * <li>the first channel is a trunk (neither one of our extensions nor a Local channel):
 * INBOUND;</li>
 * <li>else the dialled number (the first channel's {@code Exten}) is not an internal
 * number: OUTBOUND;</li>
 * <li>else INTERNAL (extension to extension, feature codes, originates through Local
 * channels to either).</li>
 * </ul>
 * The default, {@link #shortNumeric()}, says a device is an extension when its technology
 * is PJSIP or SIP and its endpoint is 1 to 6 digits ({@code PJSIP/101}; not
 * {@code PJSIP/trunk} nor {@code PJSIP/74951234567}), and a number is internal when it is
 * 1 to 6 digits, {@code *} or {@code #}.
 * <p>
 * Immutable; the predicates must be thread-safe and fast (they run for each new call).
 *
 * @param devices is this device (or channel: it is reduced to its device first) one of
 * our extensions
 * @param numbers is this dialled number one of ours rather than an outside number
 */
public record Extensions(Predicate<String> devices, Predicate<String> numbers) {

	private static final Pattern SHORT_NUMERIC_DEVICE = Pattern.compile("(?i)(PJSIP|SIP)/\\d{1,6}");

	private static final Pattern SEQUENCE = Pattern.compile("[0-9a-fA-F]{4,}");

	private static final Pattern SHORT_NUMBER = Pattern.compile("[0-9*#]{1,6}");

	/** The default rule described above. */
	public static Extensions shortNumeric() {
		return new Extensions(device -> SHORT_NUMERIC_DEVICE.matcher(device).matches(),
				number -> SHORT_NUMBER.matcher(number).matches());
	}

	/** Our own rule for devices, the default one for numbers. */
	public static Extensions matching(Predicate<String> devices) {
		return new Extensions(devices, shortNumeric().numbers());
	}

	/**
	 * Whether this channel or device is one of our extensions; Local channels never are.
	 */
	public boolean isExtension(@Nullable String channelOrDevice) {
		return channelOrDevice != null && !isLocal(channelOrDevice) && devices.test(deviceOf(channelOrDevice));
	}

	/** Whether a dialled number is internal (an extension or a feature code). */
	public boolean isInternalNumber(@Nullable String number) {
		return number != null && numbers.test(number);
	}

	/**
	 * The device of a channel: the name without the sequence suffix Asterisk appends,
	 * {@code PJSIP/101-0000002a} to {@code PJSIP/101},
	 * {@code PJSIP/vats342271-7-000006da} to {@code PJSIP/vats342271-7},
	 * {@code Local/101@from-internal-00000003;2} to {@code Local/101@from-internal}. The
	 * suffix is a dash and at least four hex digits (PJSIP, SIP and Local write eight); a
	 * name without one (a device already, or a queue member's {@code Interface}) is
	 * returned as it is.
	 */
	@Contract("!null -> !null")
	public static @Nullable String deviceOf(@Nullable String channel) {
		if (channel == null) {
			return null;
		}
		String name = channel;
		int semicolon = name.lastIndexOf(';');
		if (isLocal(name) && semicolon > 0) {
			name = name.substring(0, semicolon);
		}
		int slash = name.indexOf('/');
		int dash = name.lastIndexOf('-');
		boolean suffixed = dash > slash && slash > 0 && SEQUENCE.matcher(name.substring(dash + 1)).matches();
		return suffixed ? name.substring(0, dash) : name;
	}

	/**
	 * Whether this is a half of a Local channel pair (or a Local interface), which is
	 * never a phone.
	 */
	public static boolean isLocal(@Nullable String channel) {
		return channel != null && channel.toLowerCase(Locale.ROOT).startsWith("local/");
	}

	/**
	 * The extension a Local channel runs: {@code Local/206041@check-xfer-00000025;1}
	 * gives {@code 206041}.
	 */
	static @Nullable String localExten(String channel) {
		int slash = channel.indexOf('/');
		int at = channel.indexOf('@');
		return (slash >= 0 && at > slash) ? channel.substring(slash + 1, at) : null;
	}

	/**
	 * Which way a call goes, from its first channel and the number it dialled: from
	 * outside (not one of our devices, nor a Local channel) it is inbound; from ours to
	 * an internal number or to none it is internal; else outbound.
	 */
	CallEvent.Direction directionOf(@Nullable String firstChannel, @Nullable String dialedNumber) {
		if (!isLocal(firstChannel) && !isExtension(firstChannel)) {
			return CallEvent.Direction.INBOUND;
		}
		return (dialedNumber == null || isInternalNumber(dialedNumber)) ? CallEvent.Direction.INTERNAL
				: CallEvent.Direction.OUTBOUND;
	}

	/**
	 * The number a channel's {@code Exten} dialled; {@code s} is where calls without one
	 * start (a trunk without DID).
	 */
	static @Nullable String dialedNumber(@Nullable String exten) {
		String number = (exten == null || exten.isBlank()) ? null : exten;
		return (number == null || number.equals("s")) ? null : number;
	}

}

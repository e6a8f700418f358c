package io.ringside.calls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.ringside.telephony.CallEvent.CallEnded;

/**
 * A batch of stream entries in lines that may be written side by side. The finished calls
 * of one client number stay in one line, in the stream's order: a missed call and the
 * call that returned it must be written in that order (the later one closes the earlier
 * one's callback). Route decisions, calls without a number and entries that cannot be
 * read each make a line of their own.
 */
final class WriteLines {

	/** Digits of a number that name it whatever its spelling (8 495..., +7 495...). */
	private static final int SIGNIFICANT_DIGITS = 10;

	private WriteLines() {
	}

	/** The lines, each in the batch's order, in the order of their first entry. */
	static <T> List<List<T>> of(List<T> batch, Function<T, @Nullable Recordable> decoded) {
		Map<String, List<T>> lines = new LinkedHashMap<>();
		int alone = 0;
		for (T entry : batch) {
			String number = clientNumber(decoded.apply(entry));
			String key = number == null ? "#" + alone++ : number;
			lines.computeIfAbsent(key, any -> new ArrayList<>(1)).add(entry);
		}
		return new ArrayList<>(lines.values());
	}

	/** The last digits of the call's client-side number; null when it has none. */
	static @Nullable String clientNumber(@Nullable Recordable entry) {
		if (!(entry instanceof FinishedCall call)) {
			return null;
		}
		CallEnded ended = call.ended();
		String number = switch (ended.direction()) {
			case INBOUND -> ended.callerNumber();
			case OUTBOUND -> ended.dialedNumber();
			case INTERNAL -> null;
		};
		if (number == null) {
			return null;
		}
		String digits = number.replaceAll("\\D", "");
		if (digits.isEmpty()) {
			return null;
		}
		return digits.length() <= SIGNIFICANT_DIGITS ? digits : digits.substring(digits.length() - SIGNIFICANT_DIGITS);
	}

}

package io.ringside.push;

import org.jspecify.annotations.Nullable;

/**
 * What goes through Redis: five lines (origin, id, login or nothing for a topic,
 * destination, then the body to the end), so that an instance tells its own echo from the
 * first line without reading the rest, and a body is not encoded twice. None of the first
 * four can hold a line break: instance and message ids are generated here, logins and
 * destinations are checked before anything is pushed.
 *
 * @param login the employee for a user queue; null for a topic
 * @param body the payload, already JSON
 */
record Relayed(String origin, String id, @Nullable String login, String destination, String body) {

	private static final char NEWLINE = '\n';

	private static final String HERE = "here";

	String encoded() {
		StringBuilder text = new StringBuilder(
				origin.length() + id.length() + destination.length() + body.length() + 40);
		return text.append(origin)
			.append(NEWLINE)
			.append(id)
			.append(NEWLINE)
			.append(login == null ? "" : login)
			.append(NEWLINE)
			.append(destination)
			.append(NEWLINE)
			.append(body)
			.toString();
	}

	/**
	 * What an instance says on the push channel to tell the others it is there: its id
	 * and one word, two lines where a message has five.
	 */
	static String here(String origin) {
		return origin + NEWLINE + HERE;
	}

	static boolean saysHere(String text) {
		int newline = text.indexOf(NEWLINE);
		return newline > 0 && newline == text.length() - HERE.length() - 1 && text.endsWith(HERE);
	}

	static boolean isFrom(String origin, String text) {
		return text.length() > origin.length() && text.startsWith(origin) && text.charAt(origin.length()) == NEWLINE;
	}

	/** The message, or null when the text is not one. */
	static @Nullable Relayed decode(String text) {
		String[] parts = text.split("\n", 5);
		if (parts.length < 5 || parts[0].isEmpty() || parts[1].isEmpty() || parts[3].isEmpty()) {
			return null;
		}
		return new Relayed(parts[0], parts[1], parts[2].isEmpty() ? null : parts[2], parts[3], parts[4]);
	}

}

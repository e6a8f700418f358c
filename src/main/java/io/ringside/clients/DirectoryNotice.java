package io.ringside.clients;

import org.jspecify.annotations.Nullable;

/**
 * One notice from the {@link CallerDirectory}'s channel: a client changed, the team
 * changed, or everything (a table was truncated). Marks, which the shared mirror sends
 * and waits for, start with {@link #MARK} and never reach here.
 * <p>
 * Immutable; made on the listening connection's thread.
 */
record DirectoryNotice(Kind kind, long clientId) {

	/** The start of a mark on the channel. */
	static final String MARK = "mark:";

	enum Kind {

		CLIENT, TEAM, ALL

	}

	static DirectoryNotice all() {
		return new DirectoryNotice(Kind.ALL, 0);
	}

	/**
	 * Reads a notice; one it does not know is read as everything, which is never wrong.
	 */
	static DirectoryNotice parse(@Nullable String text) {
		if (text == null) {
			return all();
		}
		if (text.equals("employees")) {
			return new DirectoryNotice(Kind.TEAM, 0);
		}
		if (text.startsWith("client:")) {
			try {
				return new DirectoryNotice(Kind.CLIENT, Long.parseLong(text.substring("client:".length())));
			}
			catch (NumberFormatException ex) {
				return all();
			}
		}
		return all();
	}

}

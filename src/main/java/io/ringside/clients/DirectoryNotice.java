package io.ringside.clients;

/**
 * One notice from the {@link CallerDirectory}'s channel, numbered as it arrived: a client changed, the team changed,
 * everything (a table was truncated, or the directory starts), or a mark someone waits for.
 * <p>
 * Immutable; made on the listening connection's thread.
 */
record DirectoryNotice(Kind kind, long clientId, String mark, long number) {

	static final String MARK = "mark:";

	enum Kind {

		CLIENT, TEAM, ALL, MARK

	}

	static DirectoryNotice all() {
		return new DirectoryNotice(Kind.ALL, 0, null, 0);
	}

	/** Reads a notice; one it does not know is read as everything, which is never wrong. */
	static DirectoryNotice parse(String text) {
		if (text == null) {
			return all();
		}
		if (text.startsWith(MARK)) {
			return new DirectoryNotice(Kind.MARK, 0, text.substring(MARK.length()), 0);
		}
		if (text.equals("employees")) {
			return new DirectoryNotice(Kind.TEAM, 0, null, 0);
		}
		if (text.startsWith("client:")) {
			try {
				return new DirectoryNotice(Kind.CLIENT, Long.parseLong(text.substring("client:".length())), null, 0);
			}
			catch (NumberFormatException ex) {
				return all();
			}
		}
		return all();
	}

	DirectoryNotice numbered(long arrival) {
		return new DirectoryNotice(kind, clientId, mark, arrival);
	}

}

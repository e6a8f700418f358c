package io.ringside.database;

/** Text searched with SQL {@code LIKE}: its wildcards are meant literally. */
public final class Like {

	private Like() {
	}

	public static String escape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}

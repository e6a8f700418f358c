package io.ringside.crm;

/** Text searched with SQL {@code LIKE}: its wildcards are meant literally. */
final class Like {

	private Like() {
	}

	static String escape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}

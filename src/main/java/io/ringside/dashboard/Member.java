package io.ringside.dashboard;

import org.jspecify.annotations.Nullable;

/** A member of the sales team as the board shows them. */
record Member(String login, String name, String role, @Nullable String extension) {

	boolean isHeadOfSales() {
		return "HEAD_OF_SALES".equals(role);
	}

}

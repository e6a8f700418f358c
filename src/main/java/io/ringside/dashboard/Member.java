package io.ringside.dashboard;

/** A member of the sales team as the board shows them. */
record Member(String login, String name, String role, String extension) {

	boolean isHeadOfSales() {
		return "HEAD_OF_SALES".equals(role);
	}

}

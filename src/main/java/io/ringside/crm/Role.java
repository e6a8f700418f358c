package io.ringside.crm;

/** What an employee does in the sales team, and so what Ringside lets them do. */
public enum Role {

	MANAGER, HEAD_OF_SALES, SUPERVISOR, ADMIN;

	/** Only sales people own clients; the database holds the same rule. */
	public boolean canOwnClients() {
		return this == MANAGER || this == HEAD_OF_SALES;
	}

}

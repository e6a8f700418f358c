package io.ringside.team;

import java.util.Set;

/** What an employee does in the sales team, and so what Ringside lets them do. */
public enum Role {

	MANAGER, HEAD_OF_SALES, SUPERVISOR, ADMIN,

	/** Ships the orders the sales team places; reads the CRM and changes none of it. */
	WAREHOUSE;

	/**
	 * The roles a head of sales adds to the team and changes: never an admin, nor another
	 * head of sales.
	 */
	private static final Set<Role> HEAD_OF_SALES_MANAGES = Set.of(MANAGER, SUPERVISOR, WAREHOUSE);

	/** Only sales people own clients; the database holds the same rule. */
	public boolean canOwnClients() {
		return this == MANAGER || this == HEAD_OF_SALES;
	}

	/**
	 * Whether someone in this role may create, change or deactivate an employee in that
	 * role, or give that role: the admin anyone, the head of sales managers, supervisors
	 * and the warehouse, nobody else anyone.
	 */
	public boolean manages(Role other) {
		return this == ADMIN || (this == HEAD_OF_SALES && HEAD_OF_SALES_MANAGES.contains(other));
	}

}

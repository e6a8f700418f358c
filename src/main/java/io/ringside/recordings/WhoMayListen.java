package io.ringside.recordings;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.ringside.team.Employee;
import io.ringside.team.Role;

/**
 * Who may hear a call's recording: the owner of the client it was with, the head of
 * sales, supervisors and the admin; nobody else (another manager, the warehouse). Pure.
 */
final class WhoMayListen {

	private static final Set<Role> ANY_CALL = Set.of(Role.HEAD_OF_SALES, Role.SUPERVISOR, Role.ADMIN);

	private WhoMayListen() {
	}

	/**
	 * @param ownerId the employee id of the owner of the call's client; null when the
	 * call was with no known client
	 */
	static boolean mayHear(Employee listener, @Nullable Long ownerId) {
		return listener.active()
				&& (ANY_CALL.contains(listener.role()) || (ownerId != null && ownerId == listener.id()));
	}

}

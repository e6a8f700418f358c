package io.ringside.team;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.ringside.web.ForbiddenException;
import io.ringside.web.NotFoundException;

/**
 * Who may change whom in the team (issue #12): only an admin creates, changes or
 * deactivates an admin, or gives the role; the head of sales manages managers,
 * supervisors and the warehouse only ({@link Role#manages}). A refusal is a
 * {@link ForbiddenException} that names the rule. Also the shortest password a new one
 * may be.
 * <p>
 * The check reads the employee's role before the change is written; a role changed in
 * between by someone else is not seen.
 */
@Component
public class TeamRules {

	/**
	 * New passwords have at least this many characters (the demo's own logins are seeded,
	 * not set through here).
	 */
	public static final int MIN_PASSWORD_LENGTH = 10;

	private final Employees employees;

	TeamRules(Employees employees) {
		this.employees = employees;
	}

	/**
	 * Completes when this employee may add someone in this role to the team; else a
	 * {@link ForbiddenException}.
	 */
	public Mono<Void> requireMayCreate(String actorLogin, Role role) {
		return employees.requireByLogin(actorLogin)
			.flatMap(actor -> require(actor, role, "add an employee in the role " + role));
	}

	/**
	 * Completes when this employee may change that one, and give them {@code newRole}
	 * (null when the role stays); else a {@link ForbiddenException}, or a
	 * {@link NotFoundException} for an unknown employee.
	 */
	public Mono<Void> requireMayChange(String actorLogin, long employeeId, @Nullable Role newRole) {
		return employees.requireByLogin(actorLogin).zipWith(employees.requireById(employeeId)).flatMap(both -> {
			Employee actor = both.getT1();
			Role current = both.getT2().role();
			return require(actor, current, "change an employee in the role " + current)
				.then(newRole == null ? Mono.empty() : require(actor, newRole, "give the role " + newRole));
		});
	}

	private static Mono<Void> require(Employee actor, Role role, String what) {
		if (actor.role().manages(role)) {
			return Mono.empty();
		}
		String rule = role == Role.ADMIN ? "only an admin creates, changes or deactivates an admin, or gives that role"
				: actor.role() == Role.HEAD_OF_SALES
						? "the head of sales manages managers, supervisors and the warehouse only"
						: "only the head of sales and the admin manage the team";
		return Mono.error(new ForbiddenException("You may not " + what + ": " + rule));
	}

}

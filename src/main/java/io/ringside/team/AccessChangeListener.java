package io.ringside.team;

import reactor.core.publisher.Mono;

/**
 * Told when an employee's right to use Ringside changed: they were deactivated, given
 * another role or a new password. {@link Employees} calls every such bean after the
 * change is stored and before it reports the change, so what a listener does (ending the
 * employee's sessions) has happened by the time the caller hears of it. Called on
 * whatever thread stored the change (an event loop): must not block.
 */
public interface AccessChangeListener {

	/**
	 * @param employee the employee as they are now
	 */
	Mono<Void> accessChanged(Employee employee);

}

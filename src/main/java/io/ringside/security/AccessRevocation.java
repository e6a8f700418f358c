package io.ringside.security;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.stereotype.Component;

import io.ringside.push.Push;
import io.ringside.team.AccessChangeListener;
import io.ringside.team.Employee;

/**
 * Ends everything an employee is signed in with when their access changes (deactivated,
 * another role, a new password): their sign-in sessions in Redis, found by the principal
 * index, so their pages get 401 on every instance at the next request; and their STOMP
 * sessions on every instance, each with an ERROR frame. HTTP Basic needs nothing: every
 * request checks the password, the role and the account anew.
 * <p>
 * Runs before the change is reported (see {@link AccessChangeListener}). If Redis fails,
 * the change stays stored and the failure is logged and reported: the sessions may live
 * on until they expire.
 */
@Component
class AccessRevocation implements AccessChangeListener {

	private static final Log log = LogFactory.getLog(AccessRevocation.class);

	static final String MESSAGE = "Your access changed: sign in again";

	private final ReactiveRedisIndexedSessionRepository sessions;

	private final Push push;

	AccessRevocation(ReactiveRedisIndexedSessionRepository sessions, Push push) {
		this.sessions = sessions;
		this.push = push;
	}

	@Override
	public Mono<Void> accessChanged(Employee employee) {
		String login = employee.login();
		Mono<Long> signedOut = sessions.findByPrincipalName(login)
			.flatMapMany(found -> Flux.fromIterable(found.keySet()))
			.flatMap(id -> sessions.deleteById(id).thenReturn(id), 8)
			.count();
		return signedOut
			.doOnNext(count -> log
				.info("Access of " + login + " changed: ended " + count + " sign-in sessions and their STOMP sessions"))
			.then(push.endSessions(login, MESSAGE))
			.doOnError(error -> log.error("Could not end the sessions of " + login + " after their access changed",
					error));
	}

}

package io.ringside.shared;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

/**
 * What a timed-out step becomes: {@code .timeout(within, Deadline.passed(within))}.
 * Reactor's {@code timeout(Duration)} names the step it times at every subscription (the
 * operator's class name through a regular expression, for the message of an exception
 * that seldom comes): in the whole-call benchmark, a thirteenth of the pops thread. With
 * a fallback it does not; this one fails the same way, with a {@link TimeoutException}
 * made only when the time has passed.
 */
public final class Deadline {

	private Deadline() {
	}

	/** Fails with a {@link TimeoutException} saying {@code within} has passed. */
	public static <T> Mono<T> passed(Duration within) {
		return Mono.error(() -> new TimeoutException("No answer within " + within.toMillis() + " ms"));
	}

}

package io.ringside.shared;

import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import reactor.core.publisher.Mono;

/**
 * How a pipeline lets one element fail and goes on: for {@code onErrorResume}, a function
 * that logs a warning ({@code "<what>: <error>"}) and resumes with nothing, or with a
 * value in its place. The text is made only when something fails. Works for a
 * {@code Mono} and a {@code Flux} alike; called on whichever thread signalled the error.
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * Logs the failure as a warning and resumes with nothing:
	 * {@code .onErrorResume(Failures.skip(log, () -> "Pop of
	 * call " + id + " not sent"))}.
	 */
	public static <T> Function<Throwable, Mono<T>> skip(Log log, Supplier<String> what) {
		return error -> {
			log.warn(what.get() + ": " + error);
			return Mono.empty();
		};
	}

	/** Logs the failure as a warning and resumes with {@code instead}. */
	public static <T> Function<Throwable, Mono<T>> replace(Log log, Supplier<String> what, T instead) {
		return error -> {
			log.warn(what.get() + ": " + error);
			return Mono.just(instead);
		};
	}

}

package io.ringside.audit;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Audits changes made through the API. Each method but {@link #changeElsewhere} runs the
 * change and its audit row in one transaction (the change's own transactional methods
 * join it), so a change is never stored without its row nor a row without its change. The
 * row holds who (the signed-in login), when (the database's clock), the action, what it
 * is about, and the entity before and after as JSON: {@code before} is read in the same
 * transaction just ahead of the change, and is null for a creation; {@code after} is what
 * the change returns, null when it returns nothing (a deletion).
 * <p>
 * Called from controllers, on the thread of the request; returns publishers and never
 * waits.
 */
@Component
public class Audit {

	private final AuditTrail trail;

	private final TransactionalOperator transaction;

	private final JsonMapper json;

	Audit(AuditTrail trail, TransactionalOperator transaction, JsonMapper json) {
		this.trail = trail;
		this.transaction = transaction;
		this.json = json;
	}

	/** A change of something known beforehand: an update, an archiving, a deletion. */
	public <T> Mono<T> change(String action, Subject subject, Mono<?> before, Mono<T> change) {
		return audited(action, before, change, after -> List.of(subject));
	}

	/**
	 * A change whose subject only its result names: a creation ({@code before} empty), an
	 * order shipped.
	 */
	public <T> Mono<T> change(String action, Mono<?> before, Mono<T> change, Function<? super T, Subject> subject) {
		return audited(action, before, change, after -> after.map(subject).map(List::of).orElse(List.of()));
	}

	/**
	 * A change of several subjects at once (a reassignment of many clients): one row for
	 * each.
	 */
	public <T> Mono<T> changes(String action, Mono<?> before, Mono<T> change,
			Function<? super T, List<Subject>> subjects) {
		return audited(action, before, change, after -> after.map(subjects).orElse(List.of()));
	}

	/**
	 * A change stored outside PostgreSQL (presence, in Redis): no transaction can hold
	 * both, so its row is written just after it, and a change that fails writes none. No
	 * database connection waits on the other store meanwhile.
	 */
	public <T> Mono<T> changeElsewhere(String action, Subject subject, Mono<?> before, Mono<T> change) {
		return rows(action, before, change, after -> List.of(subject), transaction::transactional);
	}

	/** The trail, newest first. */
	public Flux<AuditEntry> search(AuditQuery query) {
		return trail.search(query);
	}

	private <T> Mono<T> audited(String action, Mono<?> before, Mono<T> change,
			Function<Optional<T>, List<Subject>> subjects) {
		return transaction.transactional(rows(action, before, change, subjects, Function.identity()));
	}

	/**
	 * Reads before, runs the change, then appends its rows through {@code append} (in a
	 * transaction or not).
	 */
	private <T> Mono<T> rows(String action, Mono<?> before, Mono<T> change,
			Function<Optional<T>, List<Subject>> subjects, Function<Mono<Void>, Mono<Void>> append) {
		return actor().flatMap(
				login -> before.map(this::toJson)
					.map(Optional::of)
					.defaultIfEmpty(Optional.empty())
					.flatMap(was -> change.map(Optional::of)
						.defaultIfEmpty(Optional.empty())
						.flatMap(after -> append.apply(trail.append(login, action, subjects.apply(after),
								was.orElse(null), after.map(this::toJson).orElse(null)))
							.then(Mono.justOrEmpty(after)))));
	}

	/**
	 * The signed-in login; a change without one is refused, as the security rules never
	 * let one through.
	 */
	private static Mono<String> actor() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(context -> context.getAuthentication())
			.map(Authentication::getName)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("A change through the API without a sign-in")));
	}

	private String toJson(Object value) {
		return json.writeValueAsString(value);
	}

}

package io.ringside.pops;

import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.ringside.calls.RoutedCallEvent.Routed;
import io.ringside.calls.RoutedCallEvent.Transferred;
import io.ringside.calls.RoutedCallEvent;
import io.ringside.clients.CallerMatch;
import io.ringside.routing.RouteDecided;
import io.ringside.rules.Rules;
import io.ringside.rules.WorkRule;
import io.ringside.shared.Deadline;
import io.ringside.shared.Failures;
import io.ringside.team.Employee;
import io.ringside.team.Employees;

/**
 * Turns a routed-call event into what the pops thread is fed ({@link PopInput}), looking
 * up what the pops need to know besides: for a routing, the calling client's card and
 * open callbacks ({@link PopCards}) and the people whose phones it rings (a routing that
 * rings nobody makes no pop and is left out); for a transfer, its target as a person.
 * Each lookup has a deadline, past which the pop goes without it. The lookups run on
 * their drivers' threads.
 */
final class PopLookups {

	private static final Log log = LogFactory.getLog(PopLookups.class);

	/** How long a pop waits for each thing it looks up. */
	static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final PopCards cards;

	private final Employees employees;

	private final Rules rules;

	PopLookups(PopCards cards, Employees employees, Rules rules) {
		this.rules = rules;
		this.cards = cards;
		this.employees = employees;
	}

	/**
	 * The event as the pops thread's input, with what it needs looked up; empty for a
	 * routing that rings nobody.
	 */
	Mono<PopInput> resolved(RoutedCallEvent event) {
		if (event instanceof Routed routed) {
			return routed.decided().decision().hasTarget() ? loaded(routed) : Mono.empty();
		}
		if (event instanceof Transferred transfer) {
			return withTarget(transfer);
		}
		return Mono.just(new PopInput.Happened(event));
	}

	/**
	 * The decision with the card, the client's open callbacks and the people whose phones
	 * it rings.
	 */
	private Mono<PopInput> loaded(Routed routed) {
		RouteDecided decided = routed.decided();
		CallerMatch caller = decided.caller();
		WorkRule rule = caller == null ? rules.forClient(false, null)
				: rules.forClient(caller.vip(), caller.industry());
		return Mono.zip(cards.forCall(decided.decision().clientId(), routed.callId()), recipients(decided))
			.map(loaded -> new PopInput.Loaded(routed, loaded.getT1().card().orElse(null), loaded.getT1().callbacks(),
					rule, loaded.getT2()));
	}

	/**
	 * The people the decision rings: the employee it names, or, for a ring group
	 * ({@code PJSIP/1&PJSIP/2}), the employee of each phone; phones of nobody are left
	 * out.
	 */
	private Mono<List<Recipient>> recipients(RouteDecided decided) {
		String target = decided.decision().target();
		String login = decided.decision().employeeLogin();
		Mono<List<Recipient>> people;
		if (login != null && !OwnerNotices.takesOver(decided.decision().reason())) {
			// The name only goes into an owner's notification: spare the lookup on the
			// way to the pop.
			people = Mono.just(List.of(new Recipient(login, login, target)));
		}
		else if (login != null) {
			people = employees.byLogin(login)
				.map(employee -> List.of(new Recipient(login, employee.fullName(), target)))
				.defaultIfEmpty(List.of(new Recipient(login, login, target)));
		}
		else {
			people = Flux.fromArray(target.split("&"))
				.map(String::trim)
				.filter(device -> !device.isEmpty())
				.flatMapSequential(device -> employees.byExtension(device).map(employee -> recipient(employee, device)),
						4)
				.collectList();
		}
		return people.timeout(TIMEOUT, Deadline.passed(TIMEOUT))
			.onErrorResume(
					Failures.replace(log, () -> "Could not tell who call " + decided.request().callId() + " rings",
							login == null ? List.of() : List.of(new Recipient(login, login, target))));
	}

	/** A transfer with its target resolved to an employee, when the target is one. */
	private Mono<PopInput> withTarget(Transferred transfer) {
		String to = transfer.to();
		Mono<Employee> employee = to == null || to.isBlank() ? Mono.empty()
				: to.contains("/") ? employees.byExtension(to) : employees.byPhoneNumber(to);
		return employee
			.<PopInput>map(found -> new PopInput.TransferredTo(transfer, recipient(found, found.extension())))
			.timeout(TIMEOUT, Deadline.passed(TIMEOUT))
			.onErrorResume(
					Failures.skip(log, () -> "Could not tell who call " + transfer.callId() + " was transferred to"))
			.defaultIfEmpty(new PopInput.TransferredTo(transfer, null));
	}

	private static Recipient recipient(Employee employee, @Nullable String device) {
		return new Recipient(employee.login(), employee.fullName(), device);
	}

}

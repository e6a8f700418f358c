package io.ringside.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.ringside.clients.CallerDirectory;
import io.ringside.clients.CallerMatch;
import io.ringside.clients.PhoneNumbers;
import io.ringside.presence.Presence;
import io.ringside.presence.Presence.Reachability;
import io.ringside.rules.ChainStep;
import io.ringside.rules.Rules;
import io.ringside.rules.WorkRule;
import io.ringside.team.Employee;

/**
 * What the {@link Router} reads for a call: the caller's client and owner (from the
 * {@link CallerDirectory}), the caller's rule of work, the owner's deputy when the rule's
 * chain has a step for one, the presence of the owner and the deputy in one read, and the
 * head of sales, remembered as the FALLBACK target for when the reads fail.
 */
final class CallParties {

	private final CallerDirectory directory;

	private final Presence presence;

	private final PhoneNumbers phoneNumbers;

	private final Rules rules;

	/**
	 * The head of sales as last found: the FALLBACK target while the database is down.
	 */
	private final AtomicReference<@Nullable Employee> lastKnownHead = new AtomicReference<>();

	CallParties(CallerDirectory directory, Presence presence, PhoneNumbers phoneNumbers, Rules rules) {
		this.directory = directory;
		this.presence = presence;
		this.phoneNumbers = phoneNumbers;
		this.rules = rules;
	}

	/** The head of sales as last found; null before the first call. */
	@Nullable Employee lastKnownHead() {
		return lastKnownHead.get();
	}

	/** The rule of an unknown caller (and of a call whose caller could not be read). */
	WorkRule unknownCallersRule() {
		return rules.forClient(false, null);
	}

	/**
	 * Reads who a call from this number may go to, and its rule of work; the caller's
	 * client, once found, is handed to {@code whenFound} at once.
	 */
	Mono<Found> find(@Nullable String callerNumber, RouteRequest.Attempt attempt, Consumer<CallerMatch> whenFound) {
		Optional<String> e164 = phoneNumbers.toE164(callerNumber);
		Mono<Optional<CallerMatch>> caller = e164.map(directory::callerOf)
			.orElse(Mono.just(Optional.empty()))
			.doOnNext(match -> match.ifPresent(whenFound));
		Mono<Optional<Employee>> head = directory.headOfSales()
			.doOnNext(found -> lastKnownHead.set(found.orElse(null)));
		return Mono.zip(caller, head).flatMap(found -> {
			CallerMatch match = found.getT1().orElse(null);
			Employee headOfSales = found.getT2().orElse(null);
			if (match == null) {
				return Mono.just(new Found(Parties.unknown(headOfSales), rules.forClient(false, null)));
			}
			WorkRule rule = rules.forClient(match.vip(), match.industry());
			return deputyOf(match.owner(), rule)
				.flatMap(deputy -> reachabilities(match.owner(), deputy.orElse(null), attempt)
					.map(reach -> new Found(new Parties(match, reach.get(0).orElse(null), deputy.orElse(null),
							reach.get(1).orElse(null), headOfSales), rule)));
		});
	}

	/**
	 * The owner's deputy, when the rule's chain has a step for one and the owner has one.
	 */
	private Mono<Optional<Employee>> deputyOf(Employee owner, WorkRule rule) {
		String deputy = owner.deputyLogin();
		boolean asked = rule.chain().stream().anyMatch(step -> step.step() == ChainStep.Step.DEPUTY);
		return deputy == null || !asked ? Mono.just(Optional.empty()) : directory.employee(deputy);
	}

	/**
	 * The presence of the owner (on a FIRST attempt: later ones have passed the owner)
	 * and of the deputy, when there is one, in one read.
	 */
	private Mono<List<Optional<Reachability>>> reachabilities(Employee owner, @Nullable Employee deputy,
			RouteRequest.Attempt attempt) {
		List<Presence.Person> people = new ArrayList<>(2);
		boolean ownerAsked = attempt == RouteRequest.Attempt.FIRST;
		if (ownerAsked) {
			people.add(new Presence.Person(owner.login(), owner.extension()));
		}
		if (deputy != null) {
			people.add(new Presence.Person(deputy.login(), deputy.extension()));
		}
		if (people.isEmpty()) {
			return Mono.just(List.of(Optional.empty(), Optional.empty()));
		}
		Mono<List<Reachability>> read = people.size() == 1
				? presence.reachability(people.get(0).login(), people.get(0).phone()).map(List::of)
				: presence.reachabilities(people);
		return read.map(found -> {
			int at = 0;
			Optional<Reachability> ownerReach = ownerAsked ? Optional.of(found.get(at++)) : Optional.empty();
			Optional<Reachability> deputyReach = deputy != null ? Optional.of(found.get(at)) : Optional.empty();
			return List.of(ownerReach, deputyReach);
		});
	}

	/** What the reads found: who the call may go to, and the caller's rule of work. */
	record Found(Parties parties, WorkRule rule) {
	}

}

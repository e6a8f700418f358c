package io.ringside.routing;

import java.util.ArrayList;
import java.util.Arrays;
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
 * chain has a step for one, the presence of the owner, the deputy and the head of sales
 * in one read, and the head of sales, remembered as the FALLBACK target for when the
 * reads fail.
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
			return deputyOf(match.owner(), rule).flatMap(deputy -> {
				Employee ownerAsked = attempt == RouteRequest.Attempt.FIRST ? match.owner() : null;
				Employee headAsked = asks(rule, ChainStep.Step.HEAD_OF_SALES) ? headOfSales : null;
				return reachabilities(Arrays.asList(ownerAsked, deputy.orElse(null), headAsked)).map(reach -> new Found(
						new Parties(match, reach.get(0), deputy.orElse(null), reach.get(1), headOfSales, reach.get(2)),
						rule));
			});
		});
	}

	/**
	 * The owner's deputy, when the rule's chain has a step for one and the owner has one.
	 */
	private Mono<Optional<Employee>> deputyOf(Employee owner, WorkRule rule) {
		String deputy = owner.deputyLogin();
		return deputy == null || !asks(rule, ChainStep.Step.DEPUTY) ? Mono.just(Optional.empty())
				: directory.employee(deputy);
	}

	private static boolean asks(WorkRule rule, ChainStep.Step step) {
		return rule.chain().stream().anyMatch(each -> each.step() == step);
	}

	/**
	 * The presence of each person asked about, in one read: null in, null out (the owner
	 * on a later attempt, which has passed them; a step the chain does not have).
	 */
	private Mono<List<@Nullable Reachability>> reachabilities(List<@Nullable Employee> asked) {
		List<Presence.Person> people = new ArrayList<>(asked.size());
		for (Employee person : asked) {
			if (person != null) {
				people.add(new Presence.Person(person.login(), person.extension()));
			}
		}
		Mono<List<Reachability>> read = switch (people.size()) {
			case 0 -> Mono.just(List.of());
			case 1 -> presence.reachability(people.get(0).login(), people.get(0).phone()).map(List::of);
			default -> presence.reachabilities(people);
		};
		return read.map(found -> {
			List<@Nullable Reachability> each = new ArrayList<>(asked.size());
			int at = 0;
			for (Employee person : asked) {
				each.add(person == null ? null : found.get(at++));
			}
			return each;
		});
	}

	/** What the reads found: who the call may go to, and the caller's rule of work. */
	record Found(Parties parties, WorkRule rule) {
	}

}

package io.ringside.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.ringside.clients.CallerMatch;
import io.ringside.presence.Presence.Reachability;
import io.ringside.routing.RouteDecision.Passed;
import io.ringside.routing.RouteDecision.Passed.Why;
import io.ringside.rules.ChainStep;
import io.ringside.rules.ChainStep.Step;
import io.ringside.rules.WorkRule;
import io.ringside.team.Employee;

/**
 * The routing rules, as a pure function of the caller's rule of work and who is there.
 * <p>
 * A known caller's call goes down the chain of its tier's rule, one step per question of
 * the dialplan (the first, then one after each target rang out), each ringing its ring
 * time:
 * <ul>
 * <li>{@code OWNER}: the owner, when available with a free phone
 * ({@link RouteReason#OWNER}).</li>
 * <li>{@code DEPUTY}: the owner's deputy, when there is one and they are available with a
 * free phone ({@link RouteReason#DEPUTY}).</li>
 * <li>{@code HEAD_OF_SALES}: the head of sales, when available with a free phone
 * ({@link RouteReason#OWNER_ABSENT} when nobody before her rang,
 * {@link RouteReason#OWNER_NO_ANSWER} when someone rang out). Her own client goes to the
 * lead line instead, if one is configured: never back to her.</li>
 * <li>{@code LEAD_LINE}: the lead line, when one is configured (reasons as for the head
 * of sales).</li>
 * </ul>
 * A step without a person, or whose person is absent, is passed over; each decision says
 * which steps it passed and why. Past the last step nobody is left: after a target rang
 * out {@link RouteReason#NO_ANSWER} (the dialplan takes a message and the call counts as
 * missed), except when only the owner rang ({@link RouteReason#OWNER_NO_ANSWER}); when
 * nobody could be rung at all, {@link RouteReason#OWNER_ABSENT} (the dialplan's safety
 * path rings the team).
 * <p>
 * An unknown caller goes to the lead line, the head of sales by default
 * ({@link RouteReason#UNKNOWN_CALLER}), and when that rings out, to nobody.
 */
public final class RoutingPolicy {

	private final String leadLine;

	public RoutingPolicy(@Nullable String leadLine) {
		this.leadLine = leadLine == null ? "" : leadLine.trim();
	}

	public RouteDecision decide(RouteRequest request, Parties parties, WorkRule rule) {
		CallerMatch caller = parties.caller();
		if (caller == null) {
			return unknownCaller(request, parties.head(), rule);
		}
		List<ChainStep> chain = rule.chain();
		List<Passed> passed = new ArrayList<>();
		int from = 0;
		Step previous = null;
		if (request.attempt() == RouteRequest.Attempt.NO_ANSWER) {
			previous = previousStep(request);
			if (previous == null) {
				return RouteDecision.nobody(RouteReason.NO_ANSWER, caller.clientId());
			}
			from = after(chain, previous);
			passed.add(new Passed(previous, Why.NO_ANSWER, loginAt(previous, parties), ringTime(chain, previous)));
		}
		for (int i = from; i < chain.size(); i++) {
			ChainStep step = chain.get(i);
			RouteDecision decision = at(step.step(), parties, previous != null);
			if (decision != null) {
				return decision.at(step.step(), step.ringTime(), passed);
			}
			passed.add(passedOver(step.step(), parties));
		}
		RouteReason reason = previous == null ? RouteReason.OWNER_ABSENT
				: previous == Step.OWNER ? RouteReason.OWNER_NO_ANSWER : RouteReason.NO_ANSWER;
		return RouteDecision.nobody(reason, caller.clientId()).at(null, null, passed);
	}

	/**
	 * Whether a client's owner is there for their client: active, with a phone, available
	 * and not on another call. Otherwise the owner is absent: routing passes them over,
	 * and another manager may call their client.
	 * @param reachability the owner's presence, or null when unknown
	 */
	public static boolean ownerCanTakeACall(Employee owner, @Nullable Reachability reachability) {
		return owner.active() && phoneOf(owner) != null && reachability != null && reachability.canTakeACall();
	}

	/** The decision of a step whose person can take the call; null to pass it over. */
	private @Nullable RouteDecision at(Step step, Parties parties, boolean rangOut) {
		CallerMatch caller = Objects.requireNonNull(parties.caller());
		Employee owner = caller.owner();
		Employee head = parties.head();
		RouteReason headsReason = rangOut ? RouteReason.OWNER_NO_ANSWER : RouteReason.OWNER_ABSENT;
		return switch (step) {
			case OWNER -> {
				String phone = phoneOf(owner);
				yield phone != null && ownerCanTakeACall(owner, parties.owner())
						? RouteDecision.toOwner(phone, owner.login(), caller.clientId()) : null;
			}
			case DEPUTY -> {
				Employee deputy = parties.deputy();
				String phone = deputy == null ? null : phoneOf(deputy);
				yield deputy != null && phone != null && !deputy.login().equals(owner.login())
						&& ownerCanTakeACall(deputy, parties.deputyReach())
								? new RouteDecision(phone, RouteReason.DEPUTY, deputy.login(), caller.clientId())
								: null;
			}
			case HEAD_OF_SALES -> {
				if (head != null && head.login().equals(owner.login())) {
					yield leadLine.isEmpty() ? null : new RouteDecision(leadLine, headsReason, null, caller.clientId());
				}
				String phone = head == null ? null : phoneOf(head);
				yield head == null || phone == null || !ownerCanTakeACall(head, parties.headReach()) ? null
						: RouteDecision.toHeadOfSales(phone, head.login(), headsReason, caller.clientId());
			}
			case LEAD_LINE ->
				leadLine.isEmpty() ? null : new RouteDecision(leadLine, headsReason, null, caller.clientId());
		};
	}

	private Passed passedOver(Step step, Parties parties) {
		String login = loginAt(step, parties);
		boolean nobody = switch (step) {
			case OWNER -> false;
			case DEPUTY -> parties.deputy() == null;
			case HEAD_OF_SALES -> parties.head() == null;
			case LEAD_LINE -> leadLine.isEmpty();
		};
		return new Passed(step, nobody ? Why.NOBODY : Why.ABSENT, login, null);
	}

	private static @Nullable String loginAt(Step step, Parties parties) {
		CallerMatch caller = parties.caller();
		Employee person = switch (step) {
			case OWNER -> caller == null ? null : caller.owner();
			case DEPUTY -> parties.deputy();
			case HEAD_OF_SALES -> parties.head();
			case LEAD_LINE -> null;
		};
		return person == null ? null : person.login();
	}

	/**
	 * The step that rang out: as the channel says, else as the previous reason tells (a
	 * call routed before steps were set on the channel); null when the previous decision
	 * was no step of a chain.
	 */
	private static @Nullable Step previousStep(RouteRequest request) {
		if (request.previousStep() != null) {
			return request.previousStep();
		}
		RouteReason reason = request.previousReason();
		if (reason == null) {
			return null;
		}
		return switch (reason) {
			case OWNER -> Step.OWNER;
			case DEPUTY -> Step.DEPUTY;
			case OWNER_ABSENT, OWNER_NO_ANSWER -> Step.HEAD_OF_SALES;
			default -> null;
		};
	}

	/**
	 * Where the chain goes on after a step: the one after it, or, when the chain has
	 * changed since and no longer has it, the first step that comes later in the order of
	 * the steps.
	 */
	private static int after(List<ChainStep> chain, Step previous) {
		for (int i = 0; i < chain.size(); i++) {
			if (chain.get(i).step() == previous) {
				return i + 1;
			}
		}
		for (int i = 0; i < chain.size(); i++) {
			if (chain.get(i).step().ordinal() > previous.ordinal()) {
				return i;
			}
		}
		return chain.size();
	}

	private static @Nullable Duration ringTime(List<ChainStep> chain, Step step) {
		return chain.stream().filter(each -> each.step() == step).map(ChainStep::ringTime).findFirst().orElse(null);
	}

	private RouteDecision unknownCaller(RouteRequest request, @Nullable Employee head, WorkRule rule) {
		if (request.attempt() == RouteRequest.Attempt.NO_ANSWER) {
			return RouteDecision.nobody(RouteReason.NO_ANSWER, null);
		}
		if (!leadLine.isEmpty()) {
			return new RouteDecision(leadLine, RouteReason.UNKNOWN_CALLER, null, null).at(null,
					ringTime(rule.chain(), Step.LEAD_LINE), List.of());
		}
		String phone = head == null ? null : phoneOf(head);
		return head == null || phone == null ? RouteDecision.nobody(RouteReason.UNKNOWN_CALLER, null)
				: RouteDecision.toHeadOfSales(phone, head.login(), RouteReason.UNKNOWN_CALLER, null)
					.at(null, ringTime(rule.chain(), Step.HEAD_OF_SALES), List.of());
	}

	/** The employee's phone, null when they have none. */
	private static @Nullable String phoneOf(Employee employee) {
		String extension = employee.extension();
		return extension == null || extension.isBlank() ? null : extension;
	}

}

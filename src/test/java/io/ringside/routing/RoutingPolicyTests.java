package io.ringside.routing;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ringside.clients.CallerMatch;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;
import io.ringside.presence.Presence.Reachability;
import io.ringside.routing.RouteDecision.Passed;
import io.ringside.routing.RouteDecision.Passed.Why;
import io.ringside.routing.RouteRequest.Attempt;
import io.ringside.rules.ChainStep;
import io.ringside.rules.ChainStep.Step;
import io.ringside.rules.Priority;
import io.ringside.rules.WorkRule;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingPolicyTests {

	private final Employee owner = new Employee(7, "petrova", "Anna Petrova", Role.MANAGER, "PJSIP/102", true, null);

	private final Employee head = new Employee(2, "head", "Elena Volkova", Role.HEAD_OF_SALES, "PJSIP/100", true, null);

	private final CallerMatch caller = new CallerMatch(42, "Uralstal", true, "Metallurgy", owner);

	private static final WorkRule DEFAULT_RULE = new WorkRule("DEFAULT", Duration.ofMinutes(30), Priority.NORMAL, null,
			List.of(new ChainStep(Step.OWNER, Duration.ofSeconds(20)),
					new ChainStep(Step.HEAD_OF_SALES, Duration.ofSeconds(20))));

	private static final WorkRule VIP_RULE = new WorkRule("VIP", Duration.ofMinutes(10), Priority.HIGH, null,
			List.of(new ChainStep(Step.OWNER, Duration.ofSeconds(15)),
					new ChainStep(Step.DEPUTY, Duration.ofSeconds(15)),
					new ChainStep(Step.HEAD_OF_SALES, Duration.ofSeconds(30))));

	private static final Reachability AVAILABLE = new Reachability(Availability.AVAILABLE, DeviceState.NOT_INUSE);

	private static final Reachability AWAY = new Reachability(Availability.AWAY, DeviceState.NOT_INUSE);

	private static final Reachability BUSY = new Reachability(Availability.AVAILABLE, DeviceState.INUSE);

	private final Employee deputy = new Employee(9, "sidorov", "Ivan Sidorov", Role.MANAGER, "PJSIP/103", true, null);

	private final RoutingPolicy policy = new RoutingPolicy("");

	@Test
	void routesToTheOwnerWhenAvailableWithAFreePhone() {
		RouteDecision decision = decide(policy, first(), caller, reach(Availability.AVAILABLE, DeviceState.NOT_INUSE),
				head);
		assertThat(decision).extracting(RoutingPolicyTests::core)
			.isEqualTo(new RouteDecision("PJSIP/102", RouteReason.OWNER, "petrova", 42L));
	}

	@Test
	void routesToHeadOfSalesWhenOwnerIsAway() {
		assertThat(decide(policy, first(), caller, reach(Availability.AWAY, DeviceState.NOT_INUSE), head))
			.extracting(RoutingPolicyTests::core)
			.isEqualTo(new RouteDecision("PJSIP/100", RouteReason.OWNER_ABSENT, "head", 42L));
	}

	@Test
	void routesToHeadOfSalesWhenOwnerIsLoggedOut() {
		assertThat(decide(policy, first(), caller, reach(Availability.OFFLINE, DeviceState.NOT_INUSE), head).reason())
			.isEqualTo(RouteReason.OWNER_ABSENT);
	}

	@Test
	void routesToHeadOfSalesWhenTheOwnersPhoneIsBusyOrUnavailable() {
		for (DeviceState state : new DeviceState[] { DeviceState.INUSE, DeviceState.BUSY, DeviceState.RINGING,
				DeviceState.UNAVAILABLE, DeviceState.ONHOLD }) {
			assertThat(decide(policy, first(), caller, reach(Availability.AVAILABLE, state), head).reason())
				.as(state.name())
				.isEqualTo(RouteReason.OWNER_ABSENT);
		}
	}

	@Test
	void aPhoneWhoseStateTheExchangeNeverReportedCountsAsFree() {
		assertThat(decide(policy, first(), caller, reach(Availability.AVAILABLE, DeviceState.UNKNOWN), head).reason())
			.isEqualTo(RouteReason.OWNER);
	}

	@Test
	void anOwnerWhoLeftOrHasNoPhoneIsAbsent() {
		Employee inactive = new Employee(7, "petrova", "Anna Petrova", Role.MANAGER, "PJSIP/102", false, null);
		Employee phoneless = new Employee(7, "petrova", "Anna Petrova", Role.MANAGER, null, true, null);
		Reachability available = reach(Availability.AVAILABLE, DeviceState.NOT_INUSE);
		assertThat(decide(policy, first(), new CallerMatch(42, "U", false, "Metallurgy", inactive), available, head)
			.reason()).isEqualTo(RouteReason.OWNER_ABSENT);
		assertThat(decide(policy, first(), new CallerMatch(42, "U", false, "Metallurgy", phoneless), available, head)
			.reason()).isEqualTo(RouteReason.OWNER_ABSENT);
	}

	@Test
	void routesToHeadOfSalesWhenTheOwnerDidNotAnswer() {
		RouteRequest retry = new RouteRequest("1.1", "+74951234567", "100", Attempt.NO_ANSWER, RouteReason.OWNER);
		assertThat(decide(policy, retry, caller, null, head)).extracting(RoutingPolicyTests::core)
			.isEqualTo(new RouteDecision("PJSIP/100", RouteReason.OWNER_NO_ANSWER, "head", 42L));
	}

	@Test
	void nobodyIsLeftWhenTheHeadOfSalesDidNotAnswerEither() {
		RouteRequest retry = new RouteRequest("1.1", "+74951234567", "100", Attempt.NO_ANSWER,
				RouteReason.OWNER_NO_ANSWER);
		RouteDecision decision = decide(policy, retry, caller, null, head);
		assertThat(decision.hasTarget()).isFalse();
		assertThat(decision.reason()).isEqualTo(RouteReason.NO_ANSWER);
	}

	@Test
	void unknownCallersGoToTheHeadOfSalesOrTheConfiguredLeadLine() {
		assertThat(decide(policy, first(), null, null, head)).extracting(RoutingPolicyTests::core)
			.isEqualTo(new RouteDecision("PJSIP/100", RouteReason.UNKNOWN_CALLER, "head", null));
		assertThat(decide(new RoutingPolicy("PJSIP/101&PJSIP/103"), first(), null, null, head))
			.extracting(RoutingPolicyTests::core)
			.isEqualTo(new RouteDecision("PJSIP/101&PJSIP/103", RouteReason.UNKNOWN_CALLER, null, null));
	}

	@Test
	void theHeadOfSalesOwnClientGoesToTheLeadLineOrNobodyWhenSheIsAbsentNeverBackToHer() {
		CallerMatch hers = new CallerMatch(43, "Okakovkaresurs", false, "Mining", head);
		Reachability busy = reach(Availability.AVAILABLE, DeviceState.INUSE);
		RoutingPolicy withLeadLine = new RoutingPolicy("PJSIP/101&PJSIP/103");
		assertThat(decide(withLeadLine, first(), hers, busy, head)).extracting(RoutingPolicyTests::core)
			.isEqualTo(new RouteDecision("PJSIP/101&PJSIP/103", RouteReason.OWNER_ABSENT, null, 43L));
		RouteDecision alone = decide(policy, first(), hers, busy, head);
		assertThat(alone.hasTarget()).isFalse();
		assertThat(alone.reason()).isEqualTo(RouteReason.OWNER_ABSENT);
		RouteRequest rangOut = new RouteRequest("1.1", "+74951234567", "100", Attempt.NO_ANSWER, RouteReason.OWNER);
		assertThat(decide(withLeadLine, rangOut, hers, null, head)).extracting(RoutingPolicyTests::core)
			.isEqualTo(new RouteDecision("PJSIP/101&PJSIP/103", RouteReason.OWNER_NO_ANSWER, null, 43L));
		assertThat(decide(policy, rangOut, hers, null, head).hasTarget()).isFalse();
		assertThat(decide(policy, first(), hers, reach(Availability.AVAILABLE, DeviceState.NOT_INUSE), head))
			.extracting(RoutingPolicyTests::core)
			.isEqualTo(RouteDecision.toOwner("PJSIP/100", "head", 43L));
	}

	@Test
	void eachStepRingsForItsRingTimeAndTheFirstAnswerSaysItsStep() {
		RouteDecision toOwner = policy.decide(first(), vipParties(AVAILABLE, deputy, AVAILABLE), VIP_RULE);

		assertThat(toOwner.step()).isEqualTo(Step.OWNER);
		assertThat(toOwner.ringTime()).isEqualTo(Duration.ofSeconds(15));
		assertThat(toOwner.passed()).isEmpty();
	}

	@Test
	void anAbsentOwnersCallGoesToTheDeputyWhoIsToldWhy() {
		RouteDecision decision = policy.decide(first(), vipParties(AWAY, deputy, AVAILABLE), VIP_RULE);

		assertThat(decision).extracting(RoutingPolicyTests::core)
			.isEqualTo(new RouteDecision("PJSIP/103", RouteReason.DEPUTY, "sidorov", 42L));
		assertThat(decision.step()).isEqualTo(Step.DEPUTY);
		assertThat(decision.ringTime()).isEqualTo(Duration.ofSeconds(15));
		assertThat(decision.passed()).containsExactly(new Passed(Step.OWNER, Why.ABSENT, "petrova", null));
	}

	@Test
	void whenTheOwnerRangOutTheDeputyIsNextAndHearsHowLongItRang() {
		RouteRequest rangOut = new RouteRequest("1.1", "+74951234567", "100", Attempt.NO_ANSWER, RouteReason.OWNER,
				Step.OWNER);

		RouteDecision decision = policy.decide(rangOut, vipParties(null, deputy, AVAILABLE), VIP_RULE);

		assertThat(decision.reason()).isEqualTo(RouteReason.DEPUTY);
		assertThat(decision.passed())
			.containsExactly(new Passed(Step.OWNER, Why.NO_ANSWER, "petrova", Duration.ofSeconds(15)));
	}

	@Test
	void afterTheDeputyTheHeadOfSalesRingsForHerOwnTime() {
		RouteRequest rangOut = new RouteRequest("1.1", "+74951234567", "100", Attempt.NO_ANSWER, RouteReason.DEPUTY);

		RouteDecision decision = policy.decide(rangOut, vipParties(null, deputy, null), VIP_RULE);

		assertThat(decision).extracting(RoutingPolicyTests::core)
			.isEqualTo(new RouteDecision("PJSIP/100", RouteReason.OWNER_NO_ANSWER, "head", 42L));
		assertThat(decision.ringTime()).isEqualTo(Duration.ofSeconds(30));
		assertThat(decision.passed())
			.containsExactly(new Passed(Step.DEPUTY, Why.NO_ANSWER, "sidorov", Duration.ofSeconds(15)));
		RouteRequest headRangOut = new RouteRequest("1.1", "+74951234567", "100", Attempt.NO_ANSWER,
				RouteReason.OWNER_NO_ANSWER, Step.HEAD_OF_SALES);
		assertThat(policy.decide(headRangOut, vipParties(null, deputy, null), VIP_RULE).reason())
			.isEqualTo(RouteReason.NO_ANSWER);
	}

	@Test
	void aDeputyWhoIsAwayOrMissingIsPassedOverWithTheReason() {
		assertThat(policy.decide(first(), vipParties(AWAY, deputy, BUSY), VIP_RULE)).satisfies(decision -> {
			assertThat(decision.reason()).isEqualTo(RouteReason.OWNER_ABSENT);
			assertThat(decision.passed()).containsExactly(new Passed(Step.OWNER, Why.ABSENT, "petrova", null),
					new Passed(Step.DEPUTY, Why.ABSENT, "sidorov", null));
		});
		assertThat(policy.decide(first(), vipParties(AWAY, null, null), VIP_RULE).passed()).containsExactly(
				new Passed(Step.OWNER, Why.ABSENT, "petrova", null), new Passed(Step.DEPUTY, Why.NOBODY, null, null));
	}

	@Test
	void aChainChangedDuringTheCallGoesOnWithTheStepsThatComeLater() {
		WorkRule withoutDeputy = new WorkRule("VIP", Duration.ofMinutes(10), Priority.HIGH, null,
				List.of(new ChainStep(Step.OWNER, Duration.ofSeconds(15)),
						new ChainStep(Step.LEAD_LINE, Duration.ofSeconds(40))));
		RouteRequest deputyRangOut = new RouteRequest("1.1", "+74951234567", "100", Attempt.NO_ANSWER,
				RouteReason.DEPUTY, Step.DEPUTY);

		RouteDecision decision = new RoutingPolicy("PJSIP/101&PJSIP/103").decide(deputyRangOut,
				vipParties(null, deputy, null), withoutDeputy);

		assertThat(decision.target()).isEqualTo("PJSIP/101&PJSIP/103");
		assertThat(decision.step()).isEqualTo(Step.LEAD_LINE);
		assertThat(decision.ringTime()).isEqualTo(Duration.ofSeconds(40));
	}

	@Test
	void anOwnerIsNeverTheirOwnDeputy() {
		Employee selfDeputy = owner;

		RouteDecision decision = policy.decide(first(), vipParties(BUSY, selfDeputy, AVAILABLE), VIP_RULE);

		assertThat(decision.reason()).isEqualTo(RouteReason.OWNER_ABSENT);
	}

	@Test
	void aHeadOfSalesWhoIsAwayOrOnAnotherCallIsPassedOverLikeAnyStep() {
		WorkRule toTheLeadLine = new WorkRule("DEFAULT", Duration.ofMinutes(30), Priority.NORMAL, null,
				List.of(new ChainStep(Step.OWNER, Duration.ofSeconds(20)),
						new ChainStep(Step.HEAD_OF_SALES, Duration.ofSeconds(30)),
						new ChainStep(Step.LEAD_LINE, Duration.ofSeconds(40))));
		RoutingPolicy withLeadLine = new RoutingPolicy("PJSIP/101&PJSIP/103");
		for (Reachability absent : List.of(AWAY, BUSY, reach(Availability.OFFLINE, DeviceState.NOT_INUSE))) {
			Parties parties = new Parties(caller, AWAY, null, null, head, absent);

			RouteDecision onwards = withLeadLine.decide(first(), parties, toTheLeadLine);
			RouteDecision nobody = policy.decide(first(), parties, DEFAULT_RULE);

			assertThat(onwards.target()).as(absent.toString()).isEqualTo("PJSIP/101&PJSIP/103");
			assertThat(onwards.passed()).as(absent.toString())
				.containsExactly(new Passed(Step.OWNER, Why.ABSENT, "petrova", null),
						new Passed(Step.HEAD_OF_SALES, Why.ABSENT, "head", null));
			assertThat(nobody.hasTarget()).as(absent.toString()).isFalse();
			assertThat(nobody.reason()).as(absent.toString()).isEqualTo(RouteReason.OWNER_ABSENT);
		}
		RouteDecision unread = policy.decide(first(), new Parties(caller, AWAY, null, null, head, null), DEFAULT_RULE);
		assertThat(unread.hasTarget()).isFalse();
	}

	private Parties vipParties(Reachability ownerReach, Employee deputy, Reachability deputyReach) {
		return new Parties(caller, ownerReach, deputy, deputyReach, head, AVAILABLE);
	}

	/** The decision without its chain's details: where and why. */
	static RouteDecision core(RouteDecision decision) {
		return new RouteDecision(decision.target(), decision.reason(), decision.employeeLogin(), decision.clientId());
	}

	/** Decides with the built-in chain: the owner, then the head of sales, 20 s each. */
	private static RouteDecision decide(RoutingPolicy policy, RouteRequest request, CallerMatch caller,
			Reachability owner, Employee head) {
		return policy.decide(request, new Parties(caller, owner, null, null, head, AVAILABLE), DEFAULT_RULE);
	}

	private static RouteRequest first() {
		return new RouteRequest("1781704172.1", "+74951234567", "100", Attempt.FIRST, null);
	}

	private static Reachability reach(Availability availability, DeviceState state) {
		return new Reachability(availability, state);
	}

}

package io.ringside.routing;

import org.junit.jupiter.api.Test;

import io.ringside.clients.CallerMatch;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;
import io.ringside.presence.Presence.Reachability;
import io.ringside.routing.RouteRequest.Attempt;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingPolicyTests {

	private final Employee owner = new Employee(7, "petrova", "Anna Petrova", Role.MANAGER, "PJSIP/102", true);

	private final Employee head = new Employee(2, "head", "Elena Volkova", Role.HEAD_OF_SALES, "PJSIP/100", true);

	private final CallerMatch caller = new CallerMatch(42, "Uralstal", true, "Metallurgy", owner);

	private final RoutingPolicy policy = new RoutingPolicy("");

	@Test
	void routesToTheOwnerWhenAvailableWithAFreePhone() {
		RouteDecision decision = policy.decide(first(), caller, reach(Availability.AVAILABLE, DeviceState.NOT_INUSE),
				head);
		assertThat(decision).isEqualTo(new RouteDecision("PJSIP/102", RouteReason.OWNER, "petrova", 42L));
	}

	@Test
	void routesToHeadOfSalesWhenOwnerIsAway() {
		assertThat(policy.decide(first(), caller, reach(Availability.AWAY, DeviceState.NOT_INUSE), head))
			.isEqualTo(new RouteDecision("PJSIP/100", RouteReason.OWNER_ABSENT, "head", 42L));
	}

	@Test
	void routesToHeadOfSalesWhenOwnerIsLoggedOut() {
		assertThat(policy.decide(first(), caller, reach(Availability.OFFLINE, DeviceState.NOT_INUSE), head).reason())
			.isEqualTo(RouteReason.OWNER_ABSENT);
	}

	@Test
	void routesToHeadOfSalesWhenTheOwnersPhoneIsBusyOrUnavailable() {
		for (DeviceState state : new DeviceState[] { DeviceState.INUSE, DeviceState.BUSY, DeviceState.RINGING,
				DeviceState.UNAVAILABLE, DeviceState.ONHOLD }) {
			assertThat(policy.decide(first(), caller, reach(Availability.AVAILABLE, state), head).reason())
				.as(state.name())
				.isEqualTo(RouteReason.OWNER_ABSENT);
		}
	}

	@Test
	void aPhoneWhoseStateTheExchangeNeverReportedCountsAsFree() {
		assertThat(policy.decide(first(), caller, reach(Availability.AVAILABLE, DeviceState.UNKNOWN), head).reason())
			.isEqualTo(RouteReason.OWNER);
	}

	@Test
	void anOwnerWhoLeftOrHasNoPhoneIsAbsent() {
		Employee inactive = new Employee(7, "petrova", "Anna Petrova", Role.MANAGER, "PJSIP/102", false);
		Employee phoneless = new Employee(7, "petrova", "Anna Petrova", Role.MANAGER, null, true);
		Reachability available = reach(Availability.AVAILABLE, DeviceState.NOT_INUSE);
		assertThat(policy.decide(first(), new CallerMatch(42, "U", false, "Metallurgy", inactive), available, head)
			.reason()).isEqualTo(RouteReason.OWNER_ABSENT);
		assertThat(policy.decide(first(), new CallerMatch(42, "U", false, "Metallurgy", phoneless), available, head)
			.reason()).isEqualTo(RouteReason.OWNER_ABSENT);
	}

	@Test
	void routesToHeadOfSalesWhenTheOwnerDidNotAnswer() {
		RouteRequest retry = new RouteRequest("1.1", "+74951234567", "100", Attempt.NO_ANSWER, RouteReason.OWNER);
		assertThat(policy.decide(retry, caller, null, head))
			.isEqualTo(new RouteDecision("PJSIP/100", RouteReason.OWNER_NO_ANSWER, "head", 42L));
	}

	@Test
	void nobodyIsLeftWhenTheHeadOfSalesDidNotAnswerEither() {
		RouteRequest retry = new RouteRequest("1.1", "+74951234567", "100", Attempt.NO_ANSWER,
				RouteReason.OWNER_NO_ANSWER);
		RouteDecision decision = policy.decide(retry, caller, null, head);
		assertThat(decision.hasTarget()).isFalse();
		assertThat(decision.reason()).isEqualTo(RouteReason.NO_ANSWER);
	}

	@Test
	void unknownCallersGoToTheHeadOfSalesOrTheConfiguredLeadLine() {
		assertThat(policy.decide(first(), null, null, head))
			.isEqualTo(new RouteDecision("PJSIP/100", RouteReason.UNKNOWN_CALLER, "head", null));
		assertThat(new RoutingPolicy("PJSIP/101&PJSIP/103").decide(first(), null, null, head))
			.isEqualTo(new RouteDecision("PJSIP/101&PJSIP/103", RouteReason.UNKNOWN_CALLER, null, null));
	}

	@Test
	void theHeadOfSalesOwnClientGoesToTheLeadLineOrNobodyWhenSheIsAbsentNeverBackToHer() {
		CallerMatch hers = new CallerMatch(43, "Okakovkaresurs", false, "Mining", head);
		Reachability busy = reach(Availability.AVAILABLE, DeviceState.INUSE);
		RoutingPolicy withLeadLine = new RoutingPolicy("PJSIP/101&PJSIP/103");
		assertThat(withLeadLine.decide(first(), hers, busy, head))
			.isEqualTo(new RouteDecision("PJSIP/101&PJSIP/103", RouteReason.OWNER_ABSENT, null, 43L));
		RouteDecision alone = policy.decide(first(), hers, busy, head);
		assertThat(alone.hasTarget()).isFalse();
		assertThat(alone.reason()).isEqualTo(RouteReason.OWNER_ABSENT);
		RouteRequest rangOut = new RouteRequest("1.1", "+74951234567", "100", Attempt.NO_ANSWER, RouteReason.OWNER);
		assertThat(withLeadLine.decide(rangOut, hers, null, head))
			.isEqualTo(new RouteDecision("PJSIP/101&PJSIP/103", RouteReason.OWNER_NO_ANSWER, null, 43L));
		assertThat(policy.decide(rangOut, hers, null, head).hasTarget()).isFalse();
		assertThat(policy.decide(first(), hers, reach(Availability.AVAILABLE, DeviceState.NOT_INUSE), head))
			.isEqualTo(RouteDecision.toOwner("PJSIP/100", "head", 43L));
	}

	private static RouteRequest first() {
		return new RouteRequest("1781704172.1", "+74951234567", "100", Attempt.FIRST, null);
	}

	private static Reachability reach(Availability availability, DeviceState state) {
		return new Reachability(availability, state);
	}

}

package io.ringside.pops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ringside.routing.RouteDecided;
import io.ringside.routing.RouteDecision;
import io.ringside.routing.RouteReason;
import io.ringside.routing.RouteRequest;
import io.ringside.routing.RouteRequest.Attempt;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.Direction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PopBoardTests {

	private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

	private final PopBoard board = new PopBoard();

	@Test
	void thePopRingsThenTurnsAnsweredThenEnded() {
		assertThat(board.routed(decided("c1", "PJSIP/101", "petrova", RouteReason.OWNER, 0), null))
			.extracting(Pop::state).containsExactly(Pop.State.RINGING);
		assertThat(board.on(new CallAnswered("c1", T0.plusSeconds(3), "PJSIP/101")))
			.singleElement()
			.satisfies(pop -> {
				assertThat(pop.state()).isEqualTo(Pop.State.ANSWERED);
				assertThat(pop.answeredBy()).isEqualTo("petrova");
			});
		assertThat(board.activeFor("petrova")).hasSize(1);
		assertThat(board.on(ended("c1", true))).extracting(Pop::state).containsExactly(Pop.State.ENDED);
		assertThat(board.inProgress()).isZero();
		assertThat(board.activeFor("petrova")).isEmpty();
	}

	@Test
	void theOwnersPopIsWithdrawnWhenTheCallGoesToTheHeadOfSalesWhoAnswers() {
		board.routed(decided("c2", "PJSIP/101", "petrova", RouteReason.OWNER, 0), null);

		List<Pop> moved = board.routed(decided("c2", "PJSIP/100", "head", RouteReason.OWNER_NO_ANSWER, 20), null);

		assertThat(moved).extracting(Pop::routedTo, Pop::state)
			.containsExactly(tuple("petrova", Pop.State.WITHDRAWN),
					tuple("head", Pop.State.RINGING));
		assertThat(board.on(new CallAnswered("c2", T0.plusSeconds(22), "PJSIP/100")))
			.extracting(Pop::routedTo, Pop::state)
			.containsExactly(tuple("head", Pop.State.ANSWERED));
	}

	@Test
	void aPopThatRangOutIsMissedAndAnUnknownCallerIsMarked() {
		List<Pop> ringing = board.routed(decided("c3", "PJSIP/100", "head", RouteReason.UNKNOWN_CALLER, 0), null);
		assertThat(ringing.get(0).unknownCaller()).isTrue();

		assertThat(board.on(ended("c3", false))).extracting(Pop::state).containsExactly(Pop.State.MISSED);
	}

	@Test
	void nobodyToRingMeansNoPop() {
		RouteDecided nobody = new RouteDecided(new RouteRequest("c4", "+74951234567", "100", Attempt.NO_ANSWER, null),
				RouteDecision.nobody(RouteReason.NO_ANSWER, 1L), T0, Duration.ZERO);
		assertThat(board.routed(nobody, null)).isEmpty();
	}

	private static RouteDecided decided(String callId, String target, String login, RouteReason reason, int second) {
		return new RouteDecided(new RouteRequest(callId, "+74951234567", "100", Attempt.FIRST, null),
				new RouteDecision(target, reason, login, null), T0.plusSeconds(second), Duration.ofMillis(2));
	}

	private static CallEnded ended(String callId, boolean answered) {
		return new CallEnded(callId, T0.plusSeconds(60), answered, answered ? "PJSIP/101" : null, Duration.ofSeconds(3),
				answered ? Duration.ofSeconds(50) : Duration.ZERO, 16, "+74951234567", "100", Direction.INBOUND);
	}

}

package io.ringside.pops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ringside.calls.CallProjection;
import io.ringside.calls.RoutedCallEvent;
import io.ringside.calls.RoutedCallEvent.Routed;
import io.ringside.calls.RoutedCallEvent.Transferred;
import io.ringside.routing.RouteDecided;
import io.ringside.routing.RouteDecision;
import io.ringside.routing.RouteReason;
import io.ringside.routing.RouteRequest;
import io.ringside.routing.RouteRequest.Attempt;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.CallStarted;
import io.ringside.telephony.CallEvent.CallTransferred;
import io.ringside.telephony.CallEvent.CallsMerged;
import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.CallEvent.TransferKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The pops, fed the routed-call projection's events (from call events and routings)
 * without Spring.
 */
class PopBoardTests {

	private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

	private final PopBoard board = new PopBoard();

	private final CallProjection projection = new CallProjection();

	@Test
	void thePopRingsThenTurnsAnsweredThenEnded() {
		assertThat(routed(decided("c1", "PJSIP/101", "petrova", RouteReason.OWNER, 0))).extracting(Pop::state)
			.containsExactly(Pop.State.RINGING);
		assertThat(on(new CallAnswered("c1", T0.plusSeconds(3), "PJSIP/101"))).singleElement().satisfies(pop -> {
			assertThat(pop.state()).isEqualTo(Pop.State.ANSWERED);
			assertThat(pop.answeredBy()).isEqualTo("petrova");
		});
		assertThat(board.activeFor("petrova")).hasSize(1);
		assertThat(on(ended("c1", true))).extracting(Pop::state).containsExactly(Pop.State.ENDED);
		assertThat(board.inProgress()).isZero();
		assertThat(board.activeFor("petrova")).isEmpty();
	}

	@Test
	void theOwnersPopIsWithdrawnWhenTheCallGoesToTheHeadOfSalesWhoAnswers() {
		routed(decided("c2", "PJSIP/101", "petrova", RouteReason.OWNER, 0));

		List<Pop> moved = routed(decided("c2", "PJSIP/100", "head", RouteReason.OWNER_NO_ANSWER, 20));

		assertThat(moved).extracting(Pop::routedTo, Pop::state)
			.containsExactly(tuple("petrova", Pop.State.WITHDRAWN), tuple("head", Pop.State.RINGING));
		assertThat(on(new CallAnswered("c2", T0.plusSeconds(22), "PJSIP/100"))).extracting(Pop::routedTo, Pop::state)
			.containsExactly(tuple("head", Pop.State.ANSWERED));
	}

	@Test
	void aPopThatRangOutIsMissedAndAnUnknownCallerIsMarked() {
		List<Pop> ringing = routed(decided("c3", "PJSIP/100", "head", RouteReason.UNKNOWN_CALLER, 0));
		assertThat(ringing.get(0).unknownCaller()).isTrue();

		assertThat(on(ended("c3", false))).extracting(Pop::state).containsExactly(Pop.State.MISSED);
	}

	@Test
	void nobodyToRingMeansNoPop() {
		RouteDecided nobody = new RouteDecided(new RouteRequest("c4", "+74951234567", "100", Attempt.NO_ANSWER, null),
				RouteDecision.nobody(RouteReason.NO_ANSWER, 1L), null, T0, Duration.ZERO);
		assertThat(routed(nobody)).isEmpty();
	}

	@Test
	void everyoneARingGroupRingsGetsThePopAndWhenOneAnswersTheOthersAreWithdrawn() {
		RouteDecided group = new RouteDecided(new RouteRequest("g1", "+74951234567", "100", Attempt.FIRST, null),
				new RouteDecision("PJSIP/1&PJSIP/2&PJSIP/3", RouteReason.UNKNOWN_CALLER, null, null), null, T0,
				Duration.ZERO);
		List<Recipient> people = List.of(new Recipient("a", "A", "PJSIP/1"), new Recipient("b", "B", "PJSIP/2"),
				new Recipient("c", "C", "PJSIP/3"));

		assertThat(routed(group, people)).extracting(Pop::routedTo, Pop::state, Pop::version)
			.containsExactly(tuple("a", Pop.State.RINGING, 1L), tuple("b", Pop.State.RINGING, 1L),
					tuple("c", Pop.State.RINGING, 1L));
		assertThat(on(new CallAnswered("g1", T0.plusSeconds(4), "PJSIP/2")))
			.extracting(Pop::routedTo, Pop::state, Pop::answeredBy, Pop::version)
			.containsExactlyInAnyOrder(tuple("a", Pop.State.WITHDRAWN, "b", 2L),
					tuple("b", Pop.State.ANSWERED, "b", 2L), tuple("c", Pop.State.WITHDRAWN, "b", 2L));
		assertThat(on(ended("g1", true))).extracting(Pop::routedTo, Pop::state)
			.containsExactly(tuple("b", Pop.State.ENDED));
	}

	@Test
	void aBlindTransferWithdrawsTheTransferrersPopAndRingsTheTargetsThenAnswersIt() {
		routed(decided("t1", "PJSIP/101", "petrova", RouteReason.OWNER, 0));
		on(new CallAnswered("t1", T0.plusSeconds(2), "PJSIP/101"));

		List<Pop> moved = transferred(
				new CallTransferred("t1", T0.plusSeconds(30), TransferKind.BLIND, "PJSIP/101", "PJSIP/100"),
				new Recipient("head", "Head", "PJSIP/100"));

		assertThat(moved).extracting(Pop::callId, Pop::routedTo, Pop::state, Pop::reason)
			.containsExactly(tuple("t1", "petrova", Pop.State.WITHDRAWN, "OWNER"),
					tuple("t1", "head", Pop.State.RINGING, Pop.TRANSFERRED));
		assertThat(on(new CallAnswered("t1", T0.plusSeconds(33), "PJSIP/100"))).extracting(Pop::routedTo, Pop::state)
			.containsExactly(tuple("head", Pop.State.ANSWERED));
		assertThat(board.activeFor("petrova")).isEmpty();
		assertThat(board.activeFor("head")).hasSize(1);
	}

	@Test
	void anAttendedTransferTargetGetsThePopAnsweredAndKeepsItAfterTheMerge() {
		routed(decided("t2", "PJSIP/101", "petrova", RouteReason.OWNER, 0));
		on(new CallAnswered("t2", T0.plusSeconds(2), "PJSIP/101"));

		assertThat(transferred(
				new CallTransferred("t2", T0.plusSeconds(30), TransferKind.ATTENDED, "PJSIP/101", "PJSIP/100"),
				new Recipient("head", "Head", "PJSIP/100")))
			.extracting(Pop::routedTo, Pop::state)
			.containsExactly(tuple("petrova", Pop.State.WITHDRAWN), tuple("head", Pop.State.ANSWERED));
		on(new CallsMerged("t2", T0.plusSeconds(30), "consult"));
		assertThat(on(ended("t2", true))).extracting(Pop::routedTo, Pop::state)
			.containsExactly(tuple("head", Pop.State.ENDED));
	}

	@Test
	void aTransferToAPhoneOfNobodyOnlyWithdrawsTheTransferrersPop() {
		routed(decided("t3", "PJSIP/101", "petrova", RouteReason.OWNER, 0));
		on(new CallAnswered("t3", T0.plusSeconds(2), "PJSIP/101"));

		assertThat(transferred(new CallTransferred("t3", T0.plusSeconds(30), TransferKind.BLIND, "PJSIP/101", "555"),
				null))
			.extracting(Pop::routedTo, Pop::state)
			.containsExactly(tuple("petrova", Pop.State.WITHDRAWN));
	}

	@Test
	void aTransferTargetWithoutAPhoneOfTheirsLeavesTheCallsPopsWorking() {
		routed(decided("t4", "PJSIP/101", "petrova", RouteReason.OWNER, 0));
		on(new CallAnswered("t4", T0.plusSeconds(2), "PJSIP/101"));

		// Found by their mobile number: an employee without an extension has no phone.
		assertThat(transferred(
				new CallTransferred("t4", T0.plusSeconds(30), TransferKind.BLIND, "PJSIP/101", "+79161234567"),
				new Recipient("head", "Head", null)))
			.extracting(Pop::routedTo, Pop::state)
			.containsExactly(tuple("petrova", Pop.State.WITHDRAWN), tuple("head", Pop.State.RINGING));
		assertThatCode(() -> on(new CallAnswered("t4", T0.plusSeconds(35), "PJSIP/trunk-1")))
			.doesNotThrowAnyException();
		assertThatCode(() -> on(ended("t4", true))).doesNotThrowAnyException();
		assertThat(board.inProgress()).isZero();
	}

	@Test
	void eachChangeOfAPopHasAHigherVersion() {
		Pop ringing = routed(decided("v1", "PJSIP/101", "petrova", RouteReason.OWNER, 0)).get(0);
		Pop answered = on(new CallAnswered("v1", T0.plusSeconds(2), "PJSIP/101")).get(0);
		Pop ended = on(ended("v1", true)).get(0);

		assertThat(List.of(ringing.version(), answered.version(), ended.version())).containsExactly(1L, 2L, 3L);
	}

	@Test
	void thePopsOfACallThePbxNeverShowsAreWithdrawnWhenTheProjectionWithdrawsIt() {
		routed(decided("u1", "PJSIP/101", "petrova", RouteReason.OWNER, 0));

		assertThat(tick(T0.plus(CallProjection.UNSEEN))).as("not yet").isEmpty();
		assertThat(tick(T0.plus(CallProjection.UNSEEN).plusSeconds(1))).extracting(Pop::routedTo, Pop::state)
			.containsExactly(tuple("petrova", Pop.State.WITHDRAWN));
		assertThat(board.inProgress()).isZero();
		assertThat(board.activeFor("petrova")).isEmpty();
	}

	@Test
	void aCallThePbxShowsKeepsItsPopsHoweverLongItRings() {
		assertThat(on(started("u2"))).isEmpty();
		routed(decided("u2", "PJSIP/101", "petrova", RouteReason.OWNER, 0));

		assertThat(tick(T0.plusSeconds(120))).isEmpty();
		assertThat(board.activeFor("petrova")).extracting(Pop::state).containsExactly(Pop.State.RINGING);
	}

	@Test
	void aCallThatEndedBeforeItsRoutingCameGetsNoPop() {
		on(started("u3"));
		on(ended("u3", false));

		assertThat(routed(decided("u3", "PJSIP/101", "petrova", RouteReason.OWNER, 0))).isEmpty();
		assertThat(board.inProgress()).isZero();
	}

	@Test
	void aCallAnsweredBeforeItsRoutingCameIsAnsweredAsSoonAsItsPopIsMade() {
		on(started("u4"));
		on(new CallAnswered("u4", T0.plusSeconds(2), "PJSIP/101"));

		List<Pop> popped = routed(decided("u4", "PJSIP/101", "petrova", RouteReason.OWNER, 0));

		assertThat(popped).extracting(Pop::state, Pop::version)
			.containsExactly(tuple(Pop.State.RINGING, 1L), tuple(Pop.State.ANSWERED, 2L));
		assertThat(popped.get(1).answeredBy()).isEqualTo("petrova");
		assertThat(tick(T0.plusSeconds(120))).as("on the PBX").isEmpty();
	}

	/** A routing to one person, through the projection, with no card. */
	private List<Pop> routed(RouteDecided decided) {
		String login = decided.decision().employeeLogin();
		return routed(decided,
				login == null ? List.of() : List.of(new Recipient(login, login, decided.decision().target())));
	}

	private List<Pop> routed(RouteDecided decided, List<Recipient> people) {
		List<Pop> pops = new ArrayList<>();
		for (RoutedCallEvent event : projection.routed(decided)) {
			pops.addAll(board.routed((Routed) event, null, List.of(), PopInputTests.RULE, people));
		}
		return pops;
	}

	private List<Pop> on(CallEvent event) {
		List<Pop> pops = new ArrayList<>();
		projection.on(event).forEach(out -> pops.addAll(board.on(out)));
		return pops;
	}

	private List<Pop> transferred(CallTransferred transfer, Recipient target) {
		List<Pop> pops = new ArrayList<>();
		for (RoutedCallEvent event : projection.on(transfer)) {
			pops.addAll(event instanceof Transferred moved ? board.transferred(moved, target) : board.on(event));
		}
		return pops;
	}

	private List<Pop> tick(Instant now) {
		List<Pop> pops = new ArrayList<>();
		projection.tick(now).forEach(out -> pops.addAll(board.on(out)));
		return pops;
	}

	private static RouteDecided decided(String callId, String target, String login, RouteReason reason, int second) {
		return new RouteDecided(new RouteRequest(callId, "+74951234567", "100", Attempt.FIRST, null),
				new RouteDecision(target, reason, login, null), null, T0.plusSeconds(second), Duration.ofMillis(2));
	}

	private static CallStarted started(String callId) {
		return new CallStarted(callId, T0.minusMillis(5), Direction.INBOUND, "+74951234567", "100");
	}

	private static CallEnded ended(String callId, boolean answered) {
		return new CallEnded(callId, T0.plusSeconds(60), answered, answered ? "PJSIP/101" : null, Duration.ofSeconds(3),
				answered ? Duration.ofSeconds(50) : Duration.ZERO, 16, "+74951234567", "100", Direction.INBOUND, false);
	}

}

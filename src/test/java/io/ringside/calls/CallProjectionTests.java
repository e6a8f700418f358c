package io.ringside.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ringside.calls.RoutedCallEvent.Answered;
import io.ringside.calls.RoutedCallEvent.Ended;
import io.ringside.calls.RoutedCallEvent.Leg;
import io.ringside.calls.RoutedCallEvent.LegStopped;
import io.ringside.calls.RoutedCallEvent.Merged;
import io.ringside.calls.RoutedCallEvent.Ringing;
import io.ringside.calls.RoutedCallEvent.Routed;
import io.ringside.calls.RoutedCallEvent.Shown;
import io.ringside.calls.RoutedCallEvent.Transfer;
import io.ringside.calls.RoutedCallEvent.Transferred;
import io.ringside.calls.RoutedCallEvent.Withdrawn;
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
import io.ringside.telephony.CallEvent.LegEndReason;
import io.ringside.telephony.CallEvent.LegEnded;
import io.ringside.telephony.CallEvent.LegRinging;
import io.ringside.telephony.CallEvent.TransferKind;

import static org.assertj.core.api.Assertions.assertThat;

/** The routed-call projection, fed call events, routings and ticks without Spring. */
class CallProjectionTests {

	private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");

	private static final String CALLER = "+74951234567";

	private final CallProjection projection = new CallProjection();

	/** The PBX's events of one answered call, in the tracker's order. */
	private static List<CallEvent> answeredCall(String callId) {
		return List.of(new CallStarted(callId, T0, Direction.INBOUND, CALLER, "100"),
				new LegRinging(callId, T0.plusSeconds(1), "PJSIP/101"),
				new CallAnswered(callId, T0.plusSeconds(4), "PJSIP/101"),
				new CallEnded(callId, T0.plusSeconds(30), true, "PJSIP/101", Duration.ofSeconds(4),
						Duration.ofSeconds(26), 16, CALLER, "100", Direction.INBOUND, false));
	}

	@Test
	void theRoutingJoinsTheCallWhereverItComesAmongThePbxsEvents() {
		List<CallEvent> pbx = answeredCall("c1");
		for (int position = 0; position <= pbx.size(); position++) {
			CallProjection fresh = new CallProjection();
			List<RoutedCallEvent> out = new ArrayList<>();
			for (int i = 0; i <= pbx.size(); i++) {
				if (i == position) {
					out.addAll(fresh.routed(decided("c1", "PJSIP/101", RouteReason.OWNER, T0.plusMillis(500))));
				}
				if (i < pbx.size()) {
					out.addAll(fresh.on(pbx.get(i)));
				}
			}
			List<Class<?>> kinds = out.stream().<Class<?>>map(Object::getClass).toList();
			assertThat(kinds).as("routing at position %d", position)
				.contains(Shown.class, Ringing.class, Answered.class, Ended.class);
			assertThat(out.get(out.size() - 1)).isInstanceOf(Ended.class);
			assertThat(fresh.inProgress()).isZero();
			if (position < pbx.size()) {
				Routed routed = (Routed) out.stream().filter(Routed.class::isInstance).findFirst().orElseThrow();
				assertThat(routed.call().answered()).isEqualTo(position >= 3);
				assertThat(routed.call().onPbx()).isEqualTo(position >= 1);
				Ended ended = (Ended) out.get(out.size() - 1);
				assertThat(ended.decisions()).extracting(d -> d.decision().reason()).containsExactly(RouteReason.OWNER);
				assertThat(ended.startedAt()).isEqualTo(T0);
				assertThat(ended.legs()).containsExactly(new Leg("PJSIP/101", T0.plusSeconds(1), null, null));
			}
			else {
				assertThat(kinds).as("a routing after the end says nothing").doesNotContain(Routed.class);
			}
		}
	}

	@Test
	void aRoutingBeforeThePbxShowsTheCallIsRoutedThenShown() {
		List<RoutedCallEvent> routed = projection.routed(decided("c1", "PJSIP/101", RouteReason.OWNER, T0));
		List<RoutedCallEvent> shown = projection
			.on(new CallStarted("c1", T0.plusMillis(5), Direction.INBOUND, CALLER, "100"));

		assertThat(routed).singleElement().isInstanceOfSatisfying(Routed.class, event -> {
			assertThat(event.call().onPbx()).isFalse();
			assertThat(event.call().direction()).isEqualTo(Direction.INBOUND);
			assertThat(event.call().callerNumber()).isEqualTo(CALLER);
		});
		assertThat(shown).singleElement().isInstanceOfSatisfying(Shown.class, event -> {
			assertThat(event.call().onPbx()).isTrue();
			assertThat(event.call().startedAt()).isEqualTo(T0.plusMillis(5));
			assertThat(event.call().routing().decision().employeeLogin()).isEqualTo("petrova");
		});
	}

	@Test
	void aRoutingForACallAlreadyAnsweredIsTheRoutingOfAnAnsweredCall() {
		projection.on(new CallStarted("c1", T0, Direction.INBOUND, CALLER, "100"));
		projection.on(new CallAnswered("c1", T0.plusSeconds(2), "PJSIP/101"));

		assertThat(projection.routed(decided("c1", "PJSIP/101", RouteReason.OWNER, T0.plusSeconds(1)))).singleElement()
			.isInstanceOfSatisfying(Routed.class, routed -> {
				assertThat(routed.call().answered()).isTrue();
				assertThat(routed.call().talking()).isEqualTo("PJSIP/101");
				assertThat(routed.call().answeredAt()).isEqualTo(T0.plusSeconds(2));
			});
	}

	@Test
	void aCallEndedBeforeItsRoutingArrivesIsNotBroughtBack() {
		projection.on(new CallStarted("c1", T0, Direction.INBOUND, CALLER, "100"));
		List<RoutedCallEvent> ended = projection.on(endedUnanswered("c1", T0.plusSeconds(1), true));

		assertThat(ended).singleElement().isInstanceOfSatisfying(Ended.class, end -> {
			assertThat(end.abandoned()).isTrue();
			assertThat(end.decisions()).isEmpty();
		});
		assertThat(projection.routed(decided("c1", "PJSIP/101", RouteReason.OWNER, T0))).isEmpty();
		assertThat(projection.on(new LegRinging("c1", T0.plusSeconds(2), "PJSIP/101"))).isEmpty();
		assertThat(projection.tick(T0.plus(CallProjection.UNSEEN).plusSeconds(5))).isEmpty();
		assertThat(projection.inProgress()).isZero();
	}

	@Test
	void aCallRoutedButNeverShownIsWithdrawnOnceItHadTimeToShowAndThenForgotten() {
		projection.routed(decided("unseen", "PJSIP/101", RouteReason.OWNER, T0));
		projection.routed(decided("seen", "PJSIP/101", RouteReason.OWNER, T0));
		projection.on(new CallStarted("seen", T0, Direction.INBOUND, CALLER, "100"));

		assertThat(projection.tick(T0.plus(CallProjection.UNSEEN))).isEmpty();
		List<RoutedCallEvent> later = projection.tick(T0.plus(CallProjection.UNSEEN).plusSeconds(1));

		assertThat(later).singleElement().isInstanceOfSatisfying(Withdrawn.class, withdrawn -> {
			assertThat(withdrawn.callId()).isEqualTo("unseen");
			assertThat(withdrawn.call().routing()).isNotNull();
		});
		assertThat(projection.inProgress()).isEqualTo(1);
		assertThat(projection.tick(T0.plus(CallProjection.UNSEEN).plusSeconds(60))).isEmpty();
	}

	@Test
	void aSecondRoutingRestartsTheWaitAndBecomesTheCallsRouting() {
		projection.routed(decided("c1", "PJSIP/101", RouteReason.OWNER, T0));
		List<RoutedCallEvent> again = projection
			.routed(decided("c1", "PJSIP/100", RouteReason.OWNER_NO_ANSWER, T0.plusSeconds(8)));

		assertThat(again).singleElement()
			.satisfies(event -> assertThat(event.call().routing().decision().reason())
				.isEqualTo(RouteReason.OWNER_NO_ANSWER));
		assertThat(projection.tick(T0.plus(CallProjection.UNSEEN).plusSeconds(1))).isEmpty();
		assertThat(projection.tick(T0.plusSeconds(8).plus(CallProjection.UNSEEN).plusSeconds(1))).singleElement()
			.isInstanceOf(Withdrawn.class);
	}

	@Test
	void aMergedCallLivesOnUnderTheSurvivorWithItsRoutingLegsAndTransfers() {
		projection.on(new CallStarted("consult", T0, Direction.INTERNAL, "101", "100"));
		projection.on(new CallStarted("client", T0.plusSeconds(1), Direction.INBOUND, CALLER, "100"));
		projection.routed(decided("client", "PJSIP/101", RouteReason.OWNER, T0.plusSeconds(1)));
		projection.on(new LegRinging("client", T0.plusSeconds(2), "PJSIP/101"));
		projection.on(new CallAnswered("client", T0.plusSeconds(3), "PJSIP/101"));
		projection
			.on(new CallTransferred("client", T0.plusSeconds(20), TransferKind.ATTENDED, "PJSIP/101", "PJSIP/100"));

		List<RoutedCallEvent> merged = projection.on(new CallsMerged("consult", T0.plusSeconds(20), "client"));

		assertThat(merged).singleElement().isInstanceOfSatisfying(Merged.class, merge -> {
			assertThat(merge.callId()).isEqualTo("consult");
			assertThat(merge.mergedCallId()).isEqualTo("client");
			assertThat(merge.call().routing().decision().employeeLogin()).isEqualTo("petrova");
			assertThat(merge.call().answered()).isTrue();
		});
		assertThat(projection.inProgress()).isEqualTo(1);
		assertThat(projection.routed(decided("client", "PJSIP/100", RouteReason.OWNER_NO_ANSWER, T0.plusSeconds(21))))
			.singleElement()
			.satisfies(routed -> assertThat(routed.callId()).isEqualTo("consult"));
		Ended ended = (Ended) projection
			.on(new CallEnded("consult", T0.plusSeconds(60), true, "PJSIP/100", Duration.ofSeconds(3),
					Duration.ofSeconds(57), 16, "101", "100", Direction.INTERNAL, false))
			.get(0);
		assertThat(ended.startedAt()).isEqualTo(T0);
		assertThat(ended.legs()).extracting(Leg::device).containsExactly("PJSIP/101");
		assertThat(ended.transfers())
			.containsExactly(new Transfer("ATTENDED", "PJSIP/101", "PJSIP/100", T0.plusSeconds(20)));
		assertThat(ended.decisions()).hasSize(2);
		assertThat(projection.inProgress()).isZero();
	}

	@Test
	void aSurvivorWithARoutingOfItsOwnKeepsIt() {
		projection.on(new CallStarted("a", T0, Direction.INBOUND, CALLER, "100"));
		projection.routed(decided("a", "PJSIP/101", RouteReason.OWNER, T0));
		projection.on(new CallStarted("b", T0.plusSeconds(1), Direction.INBOUND, CALLER, "100"));
		projection.routed(decided("b", "PJSIP/100", RouteReason.UNKNOWN_CALLER, T0.plusSeconds(1)));

		Merged merged = (Merged) projection.on(new CallsMerged("a", T0.plusSeconds(5), "b")).get(0);

		assertThat(merged.call().routing().decision().reason()).isEqualTo(RouteReason.OWNER);
		assertThat(projection.on(new CallStarted("b", T0.plusSeconds(6), Direction.INBOUND, CALLER, "100")))
			.singleElement()
			.isInstanceOf(Shown.class);
	}

	@Test
	void aCallFirstSeenInTheMiddleIsShownThenRingsAndItsStartIsWorkedOutAtTheEnd() {
		List<RoutedCallEvent> ringing = projection.on(new LegRinging("mid", T0, "PJSIP/101"));
		projection.on(new LegEnded("mid", T0.plusSeconds(20), "PJSIP/101", LegEndReason.NOANSWER));

		assertThat(ringing).extracting(Object::getClass).containsExactly(Shown.class, Ringing.class);
		assertThat(ringing.get(0).call().direction()).isNull();
		Ended ended = (Ended) projection
			.on(new CallEnded("mid", T0.plusSeconds(25), false, null, Duration.ofSeconds(40), Duration.ZERO, 16, CALLER,
					"100", Direction.INBOUND, false))
			.get(0);
		assertThat(ended.startedAt()).isEqualTo(T0.minusSeconds(15));
		assertThat(ended.legs()).containsExactly(new Leg("PJSIP/101", T0, T0.plusSeconds(20), "NOANSWER"));
	}

	@Test
	void eachEventCarriesTheCallAsItIsAfterIt() {
		projection.on(new CallStarted("c1", T0, Direction.INBOUND, CALLER, "100"));
		Ringing ringing = (Ringing) projection.on(new LegRinging("c1", T0.plusSeconds(1), "PJSIP/101")).get(0);
		LegStopped stopped = (LegStopped) projection
			.on(new LegEnded("c1", T0.plusSeconds(2), "PJSIP/101", LegEndReason.BUSY))
			.get(0);
		Transferred transferred = (Transferred) projection
			.on(new CallTransferred("c1", T0.plusSeconds(3), TransferKind.BLIND, "PJSIP/101", "102"))
			.get(0);

		assertThat(ringing.call().ringing()).containsExactly("PJSIP/101");
		assertThat(stopped.call().ringing()).isEmpty();
		assertThat(stopped.reason()).isEqualTo(LegEndReason.BUSY);
		assertThat(transferred.to()).isEqualTo("102");
	}

	@Test
	void anEndedCallUnknownHereStillEndsOnceWithWhatThePbxSaid() {
		Ended ended = (Ended) projection.on(endedUnanswered("never-seen", T0.plusSeconds(10), false)).get(0);

		assertThat(ended.call().direction()).isEqualTo(Direction.INBOUND);
		assertThat(ended.startedAt()).isEqualTo(T0);
		assertThat(projection.on(endedUnanswered("never-seen", T0.plusSeconds(11), false))).isEmpty();
	}

	private static CallEnded endedUnanswered(String callId, Instant at, boolean abandoned) {
		return new CallEnded(callId, at, false, null, Duration.between(T0, at), Duration.ZERO, 16, CALLER, "100",
				Direction.INBOUND, abandoned);
	}

	static RouteDecided decided(String callId, String target, RouteReason reason, Instant at) {
		String login = target.equals("PJSIP/101") ? "petrova" : "head";
		return new RouteDecided(new RouteRequest(callId, CALLER, "100", Attempt.FIRST, null),
				new RouteDecision(target, reason, login, 7L), null, at, Duration.ofMillis(3));
	}

}

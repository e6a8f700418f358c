package io.ringside.pops;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ringside.calls.CallProjection;
import io.ringside.calls.RoutedCallEvent;
import io.ringside.calls.RoutedCallEvent.Routed;
import io.ringside.clients.Client;
import io.ringside.clients.ClientCard;
import io.ringside.clients.Figures.ClientFigures;
import io.ringside.clients.Owner;
import io.ringside.push.Push;
import io.ringside.routing.RouteDecided;
import io.ringside.routing.RouteDecision;
import io.ringside.routing.RouteReason;
import io.ringside.routing.RouteRequest;
import io.ringside.routing.RouteRequest.Attempt;
import io.ringside.rules.Priority;
import io.ringside.rules.WorkRule;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.Direction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Each kind of input to the pops thread, applied to the pops and the owners' notices, and
 * what it sends where.
 */
class PopInputTests {

	private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

	/** The rule of work the pops of these tests' calls carry. */
	static final WorkRule RULE = new WorkRule("DEFAULT", Duration.ofMinutes(30), Priority.NORMAL, null, List.of());

	private final PopBoard board = new PopBoard();

	private final OwnerNotices notices = new OwnerNotices();

	private final CallProjection projection = new CallProjection();

	private final ClientCard card = new ClientCard(
			new Client(7, "Acme", null, "Metallurgy", false, new Owner(3, "petrova", "Anna Petrova"),
					List.of("+74951234567"), T0, false),
			new ClientFigures(BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO), List.of(), List.of(), List.of(),
			List.of(), List.of());

	private final Recipient head = new Recipient("head", "Olga Head", "PJSIP/100");

	@Test
	void aRoutingAroundAnAbsentOwnerSendsThePopFirstThenTellsTheOwner() {
		List<Outgoing> out = routed("c1", RouteReason.OWNER_ABSENT);

		assertThat(out).extracting(Outgoing::login, Outgoing::queue)
			.containsExactly(tuple("head", Push.POPS), tuple("petrova", Push.NOTIFICATIONS));
		assertThat(out.get(0).payload()).isInstanceOfSatisfying(Pop.class, pop -> {
			assertThat(pop.state()).isEqualTo(Pop.State.RINGING);
			assertThat(pop.client()).isEqualTo(card);
		});
		assertThat(out.get(0).what()).isEqualTo("Pop of call c1");
		assertThat(out.get(1).payload()).isInstanceOfSatisfying(Notification.class,
				notice -> assertThat(notice.type()).isEqualTo(Notification.CALL_TAKEN));
		assertThat(out.get(1).what()).isEqualTo("Notification of call c1");
	}

	@Test
	void theCallsLaterEventsUpdateThePopAndEndWithTheOwnersOutcome() {
		routed("c2", RouteReason.OWNER_ABSENT);

		List<Outgoing> answered = on(new CallAnswered("c2", T0.plusSeconds(3), "PJSIP/100"));
		List<Outgoing> ended = on(new CallEnded("c2", T0.plusSeconds(60), true, "PJSIP/100", Duration.ofSeconds(3),
				Duration.ofSeconds(50), 16, "+74951234567", "100", Direction.INBOUND, false));

		assertThat(answered).singleElement()
			.satisfies(each -> assertThat(((Pop) each.payload()).state()).isEqualTo(Pop.State.ANSWERED));
		assertThat(ended).extracting(Outgoing::queue).containsExactly(Push.POPS, Push.NOTIFICATIONS);
		assertThat(((Notification) ended.get(1).payload()).outcome()).isEqualTo("ANSWERED");
	}

	private List<Outgoing> routed(String callId, RouteReason reason) {
		RouteDecided decided = new RouteDecided(new RouteRequest(callId, "+74951234567", "100", Attempt.FIRST, null),
				new RouteDecision("PJSIP/100", reason, "head", 7L), null, T0, Duration.ofMillis(2));
		List<Outgoing> out = new ArrayList<>();
		for (RoutedCallEvent event : projection.routed(decided)) {
			PopInput input = event instanceof Routed routed
					? new PopInput.Loaded(routed, card, List.of(), RULE, List.of(head)) : new PopInput.Happened(event);
			out.addAll(input.applyTo(board, notices));
		}
		return out;
	}

	private List<Outgoing> on(CallEvent event) {
		List<Outgoing> out = new ArrayList<>();
		projection.on(event).forEach(each -> out.addAll(new PopInput.Happened(each).applyTo(board, notices)));
		return out;
	}

}

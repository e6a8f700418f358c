package io.ringside.pops;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ringside.calls.CallProjection;
import io.ringside.clients.Client;
import io.ringside.clients.ClientCard;
import io.ringside.clients.Figures.ClientFigures;
import io.ringside.clients.Owner;
import io.ringside.routing.RouteDecided;
import io.ringside.routing.RouteDecision;
import io.ringside.routing.RouteReason;
import io.ringside.routing.RouteRequest;
import io.ringside.routing.RouteRequest.Attempt;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.Direction;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerNoticesTests {

	private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

	private final OwnerNotices notices = new OwnerNotices();

	private final CallProjection projection = new CallProjection();

	private final ClientCard card = new ClientCard(
			new Client(7, "Acme", null, "Metallurgy", false, new Owner(3, "petrova", "Anna Petrova"),
					List.of("+74951234567"), T0, false),
			new ClientFigures(BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO), List.of(), List.of(), List.of(),
			List.of(), List.of());

	private final Recipient head = new Recipient("head", "Olga Head", "PJSIP/100");

	@Test
	void theOwnerIsToldWhoTookTheCallThenThatTheyAnsweredIt() {
		List<Notification> taken = notices.routed("c1", decided("c1", RouteReason.OWNER_ABSENT), card, List.of(head));

		assertThat(taken).singleElement().satisfies(notice -> {
			assertThat(notice.type()).isEqualTo(Notification.CALL_TAKEN);
			assertThat(notice.owner()).isEqualTo("petrova");
			assertThat(notice.client()).isEqualTo(new Notification.ClientRef(7, "Acme"));
			assertThat(notice.takenBy()).isEqualTo(new Notification.Person("head", "Olga Head"));
			assertThat(notice.reason()).isEqualTo("OWNER_ABSENT");
			assertThat(notice.text())
				.isEqualTo("Your client Acme called; taken by Olga Head (you were not available).");
		});
		on(new CallAnswered("c1", T0.plusSeconds(3), "PJSIP/100"));
		assertThat(on(ended("c1", true, "PJSIP/100"))).singleElement().satisfies(notice -> {
			assertThat(notice.type()).isEqualTo(Notification.CALL_OUTCOME);
			assertThat(notice.outcome()).isEqualTo("ANSWERED");
			assertThat(notice.answeredBy()).isEqualTo(new Notification.Person("head", "Olga Head"));
			assertThat(notice.text()).contains("answered by Olga Head");
		});
		assertThat(notices.inProgress()).isZero();
	}

	@Test
	void aCallNobodyAnsweredEndsAsMissed() {
		notices.routed("c2", decided("c2", RouteReason.OWNER_NO_ANSWER), card, List.of(head));

		assertThat(on(ended("c2", false, null))).singleElement().satisfies(notice -> {
			assertThat(notice.outcome()).isEqualTo("MISSED");
			assertThat(notice.answeredBy()).isNull();
			assertThat(notice.reason()).isEqualTo("OWNER_NO_ANSWER");
		});
	}

	@Test
	void aCallWithdrawnWithoutAnEndIsForgottenAndTellsNothingMore() {
		projection.routed(decided("c5", RouteReason.OWNER_ABSENT));
		notices.routed("c5", decided("c5", RouteReason.OWNER_ABSENT), card, List.of(head));
		notices.routed("c6", decided("c6", RouteReason.OWNER_ABSENT), card, List.of(head));

		projection.tick(T0.plus(CallProjection.UNSEEN).plusSeconds(1)).forEach(notices::on);

		assertThat(notices.inProgress()).isEqualTo(1);
		assertThat(on(ended("c5", false, null))).isEmpty();
		assertThat(on(ended("c6", false, null))).hasSize(1);
	}

	@Test
	void theOwnersOwnCallsAndUnknownCallersAreNoNews() {
		assertThat(notices.routed("c3", decided("c3", RouteReason.OWNER), card,
				List.of(new Recipient("petrova", "Anna Petrova", "PJSIP/101"))))
			.isEmpty();
		assertThat(notices.routed("c4", decided("c4", RouteReason.OWNER_ABSENT), null, List.of(head))).isEmpty();
		assertThat(on(ended("c3", true, "PJSIP/101"))).isEmpty();
	}

	/** A call event through the projection, as the notices get it. */
	private List<Notification> on(CallEvent event) {
		List<Notification> out = new ArrayList<>();
		projection.on(event).forEach(each -> out.addAll(notices.on(each)));
		return out;
	}

	private static RouteDecided decided(String callId, RouteReason reason) {
		return new RouteDecided(new RouteRequest(callId, "+74951234567", "100", Attempt.FIRST, null),
				new RouteDecision("PJSIP/100", reason, "head", 7L), null, T0, Duration.ofMillis(2));
	}

	private static CallEnded ended(String callId, boolean answered, String device) {
		return new CallEnded(callId, T0.plusSeconds(60), answered, device, Duration.ofSeconds(3),
				answered ? Duration.ofSeconds(50) : Duration.ZERO, 16, "+74951234567", "100", Direction.INBOUND, false);
	}

}

package io.ringside.pops;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import io.ringside.clients.Client;
import io.ringside.clients.ClientCard;
import io.ringside.clients.ClientCard.OpenOrder;
import io.ringside.clients.ClientCard.OrderLine;
import io.ringside.clients.ClientCard.ProductStock;
import io.ringside.clients.ClientCard.Suggestion;
import io.ringside.clients.Figures.ClientFigures;
import io.ringside.clients.Owner;
import io.ringside.routing.RouteDecision.Passed;
import io.ringside.rules.ChainStep.Step;
import io.ringside.rules.Script;

/**
 * Writes what the pops thread sends as JSON, each call's card once. A call's pop is sent
 * as it rings, is answered and ends, and to every phone of a ring group, each time with
 * the same card (the same object), and writing the card's lists was most of the pops
 * thread: the card's JSON is kept from its first writing, by identity, until the call's
 * pop is no longer shown ({@link #forget}), {@link #CARDS_AT_MOST} at most. The text is
 * the application's mapper's, byte for byte. Not thread-safe: the pops thread's own.
 */
final class PopWriter {

	/** Cards whose JSON is kept at most, the least recently written let go first. */
	static final int CARDS_AT_MOST = 1_024;

	private final JsonMapper withKeptCards;

	private final Map<Same, String> cards = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Same, String> eldest) {
			return size() > CARDS_AT_MOST;
		}

	};

	PopWriter(JsonMapper json) {
		this.withKeptCards = json.rebuild()
			.addModule(new SimpleModule("pop-cards").addSerializer(ClientCard.class, new KeptCard(json)))
			.build();
		Pop sample = sample(Instant.now());
		write(sample);
		forget(sample.client());
	}

	/**
	 * A pop with every part filled, written when the writer is made: Jackson builds its
	 * serializers on first use under a lock, which BlockHound rightly reports on the pops
	 * thread.
	 */
	static Pop sample(Instant now) {
		ClientCard card = new ClientCard(
				new Client(0, "", null, "", false, new Owner(0, "", ""), List.of(""), now, false),
				new ClientFigures(BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO), List.of(), List.of(),
				List.of(new OpenOrder(0, now, "", BigDecimal.ZERO, List.of(new OrderLine("", "", 0, BigDecimal.ZERO)))),
				List.of(new ProductStock("", "", Map.of(), BigDecimal.ZERO, 0, 0, null, 0)),
				List.of(new Suggestion("", "", Map.of(), BigDecimal.ZERO, 0, 0, null, 0)));
		return new Pop("", Pop.State.RINGING, "", "", "", now, now, now, "", card, false, List.of(), "",
				new Script("", Map.of("en", "")),
				List.of(new Passed(Step.OWNER, Passed.Why.NO_ANSWER, "", Duration.ZERO)), 0);
	}

	/** The payload as JSON. */
	String write(Object payload) {
		return withKeptCards.writeValueAsString(payload);
	}

	/** Lets go of this card's JSON: no pop will show it again. */
	void forget(@Nullable ClientCard card) {
		if (card != null) {
			cards.remove(new Same(card));
		}
	}

	/** How many cards' JSON is kept. */
	int kept() {
		return cards.size();
	}

	/** A card by identity: records compare by value, all their lists deep. */
	private record Same(ClientCard card) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Same same && same.card == card;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(card);
		}

	}

	/** Writes a card from its kept JSON, written by the application's mapper once. */
	private final class KeptCard extends ValueSerializer<ClientCard> {

		private final JsonMapper json;

		KeptCard(JsonMapper json) {
			this.json = json;
		}

		@Override
		public void serialize(ClientCard card, JsonGenerator generator, SerializationContext context) {
			generator.writeRawValue(cards.computeIfAbsent(new Same(card), same -> json.writeValueAsString(card)));
		}

	}

}

package io.ringside.pops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.ringside.clients.ClientCard;
import io.ringside.clients.Contact;

import static org.assertj.core.api.Assertions.assertThat;

class PopWriterTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final PopWriter writer = new PopWriter(json);

	private final Instant now = Instant.parse("2026-12-05T10:15:30.123456Z");

	@Test
	void writesAPopAsTheApplicationsMapperDoesByteForByte() {
		Pop pop = PopWriter.sample(now);
		Notification notification = new Notification("OWNER_ABSENT", "c-1", "ann",
				new Notification.ClientRef(7, "Acme"), new Notification.Person("bob", "Bob"), "OWNER_ABSENT", "+1",
				null, "x", now);

		assertThat(writer.write(pop)).isEqualTo(json.writeValueAsString(pop));
		assertThat(writer.write(pop.with(Pop.State.ANSWERED, now, "ann")))
			.isEqualTo(json.writeValueAsString(pop.with(Pop.State.ANSWERED, now, "ann")));
		assertThat(writer.write(notification)).isEqualTo(json.writeValueAsString(notification));
	}

	@Test
	void writesACardOnceForEveryPopOfItsCallUntilTheCallIsForgotten() {
		List<Contact> contacts = new ArrayList<>();
		contacts.add(new Contact(1, 7, "Ann Lee", "Buyer", null, List.of("+14155550101")));
		ClientCard sample = PopWriter.sample(now).client();
		ClientCard card = new ClientCard(sample.client(), sample.figures(), contacts, List.of(), List.of(), List.of(),
				List.of());
		Pop ringing = withCard(card);

		String first = writer.write(ringing);
		// The same card object, changed behind the writer's back: its kept JSON is
		// written, not the card again.
		contacts.add(new Contact(2, 7, "Bob Ray", "Director", null, List.of()));
		String answered = writer.write(ringing.with(Pop.State.ANSWERED, now, "ann"));

		assertThat(first).contains("Ann Lee").doesNotContain("Bob Ray");
		assertThat(answered).contains("Ann Lee").doesNotContain("Bob Ray").contains("\"state\":\"ANSWERED\"");
		assertThat(writer.kept()).isEqualTo(1);

		writer.forget(card);
		assertThat(writer.kept()).isZero();
		assertThat(writer.write(ringing.with(Pop.State.ENDED, now, null))).contains("Bob Ray");
	}

	@Test
	void keepsAtMostSoManyCards() {
		ClientCard sample = PopWriter.sample(now).client();
		for (int i = 0; i < PopWriter.CARDS_AT_MOST + 10; i++) {
			ClientCard card = new ClientCard(sample.client(), sample.figures(), List.of(), List.of(), List.of(),
					List.of(), List.of());
			writer.write(withCard(card));
		}
		assertThat(writer.kept()).isEqualTo(PopWriter.CARDS_AT_MOST);
	}

	/** The sample pop with another card. */
	private Pop withCard(ClientCard card) {
		Pop pop = PopWriter.sample(now);
		return new Pop(pop.callId(), pop.state(), pop.reason(), pop.callerNumber(), pop.routedTo(), pop.ringingAt(),
				null, null, null, card, false, pop.callbacks(), pop.priority(), pop.script(), pop.passed(), 1);
	}

}

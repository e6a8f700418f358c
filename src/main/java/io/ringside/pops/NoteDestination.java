package io.ringside.pops;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.ringside.clients.Clients;
import io.ringside.clients.InteractionKind;
import io.ringside.clients.Interactions;
import io.ringside.clients.Interactions.NewInteraction;
import io.ringside.push.AppDestination;
import io.ringside.team.Employees;

/**
 * {@code /app/notes}: from the card, a note or a decision into the client's history, as
 * {@code POST /api/clients/{id}/interactions}:
 * {@code {"clientId":40,"kind":"NOTE","text":"...","callId":"..."}} ({@code kind} NOTE by
 * default, or DECISION; {@code callId} optional). Only the client's owner, the head of
 * sales and the admin may write.
 */
@Component
class NoteDestination implements AppDestination {

	private static final String EXPECTED = "{\"clientId\":40,\"kind\":\"NOTE\",\"text\":\"...\",\"callId\":\"...\"}";

	private final Clients clients;

	private final Employees employees;

	private final Interactions interactions;

	private final JsonMapper json;

	NoteDestination(Clients clients, Employees employees, Interactions interactions, JsonMapper json) {
		this.clients = clients;
		this.employees = employees;
		this.interactions = interactions;
		this.json = json;
		json.readValue("{}", NoteForm.class);
	}

	@Override
	public String destination() {
		return "/app/notes";
	}

	@Override
	public Mono<Void> handle(Sent frame) {
		return Mono.fromCallable(() -> valid(Refusals.read(json, frame.body(), NoteForm.class, EXPECTED)))
			.flatMap(note -> Refusals.explained(employees.requireByLogin(frame.login())
				.flatMap(actor -> clients.requireWritableBy(note.clientId(), actor).thenReturn(actor))
				.flatMap(actor -> interactions.append(new NewInteraction(note.clientId(), note.kindOrNote(), actor.id(),
						null, note.callId(), null, note.text().strip())))))
			.then();
	}

	private static NoteForm valid(NoteForm note) {
		StringBuilder complaints = new StringBuilder();
		if (note.clientId() == null) {
			complaints.append("clientId is required; ");
		}
		if (note.kind() != null && !note.kind().writtenByHand()) {
			complaints.append("kind must be NOTE or DECISION; ");
		}
		Refusals.text(complaints, "text", note.text(), Interactions.MAX_TEXT, true);
		Refusals.text(complaints, "callId", note.callId(), 64, false);
		Refusals.check(complaints);
		return note;
	}

	record NoteForm(Long clientId, InteractionKind kind, String text, String callId) {

		InteractionKind kindOrNote() {
			return kind == null ? InteractionKind.NOTE : kind;
		}

	}

}

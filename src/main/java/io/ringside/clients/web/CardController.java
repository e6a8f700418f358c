package io.ringside.clients.web;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.audit.CardOpenings;
import io.ringside.clients.Cards;
import io.ringside.clients.ClientCard;

/** The client card a screen pop shows. */
@RestController
class CardController {

	private final Cards cards;

	private final CardOpenings openings;

	CardController(Cards cards, CardOpenings openings) {
		this.cards = cards;
		this.openings = openings;
	}

	/**
	 * The card; its opening goes to the audit trail later, in a batch, never ahead of the
	 * answer.
	 */
	@GetMapping("/api/clients/{id}/card")
	Mono<ClientCard> card(@PathVariable long id, Principal principal) {
		return cards.of(id).doOnNext(card -> openings.opened(principal.getName(), id));
	}

}

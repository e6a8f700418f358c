package io.ringside.crm.web;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.crm.Cards;
import io.ringside.crm.ClientCard;

/** The client card a screen pop shows. */
@RestController
class CardController {

	private final Cards cards;

	CardController(Cards cards) {
		this.cards = cards;
	}

	@GetMapping("/api/clients/{id}/card")
	Mono<ClientCard> card(@PathVariable long id) {
		return cards.of(id);
	}

}

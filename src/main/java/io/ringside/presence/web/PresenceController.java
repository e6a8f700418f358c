package io.ringside.presence.web;

import java.security.Principal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.audit.Audit;
import io.ringside.audit.Subject;
import io.ringside.presence.Availability;
import io.ringside.presence.Presence;

/** An employee's own status: AVAILABLE or AWAY, OFFLINE when it expires or is set so. */
@RestController
@RequestMapping("/api/presence")
class PresenceController {

	private final Presence presence;

	private final Audit audit;

	PresenceController(Presence presence, Audit audit) {
		this.presence = presence;
		this.audit = audit;
	}

	@GetMapping("/me")
	Mono<Status> mine(Principal principal) {
		return presence.availability(principal.getName()).map(status -> new Status(principal.getName(), status));
	}

	@GetMapping("/{login}")
	Mono<Status> of(@PathVariable String login) {
		return presence.availability(login).map(status -> new Status(login, status));
	}

	/**
	 * Sets the caller's status; it holds for {@code ringside.presence.ttl} unless set
	 * again.
	 */
	@PutMapping("/me")
	Mono<Status> set(@Valid @RequestBody StatusForm form, Principal principal) {
		String login = principal.getName();
		return audit.changeElsewhere("PRESENCE_SET", Subject.of("presence", login, null),
				presence.availability(login).map(status -> new Status(login, status)),
				presence.set(login, form.status()).map(status -> new Status(login, status)));
	}

	record StatusForm(@NotNull Availability status) {
	}

	record Status(String login, Availability status) {
	}

}

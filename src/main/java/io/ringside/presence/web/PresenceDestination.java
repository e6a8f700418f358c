package io.ringside.presence.web;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.ringside.presence.Availability;
import io.ringside.presence.Presence;
import io.ringside.push.AppDestination;

/**
 * {@code /app/presence}: the sender sets their own status, {@code {"status":"AVAILABLE"}}
 * or {@code "AWAY"}, like {@code PUT /api/presence/me}. OFFLINE is not accepted here: it
 * is what closing the last session means. Presence's own destination, offered to push's
 * STOMP server through {@link AppDestination}; push knows nothing of presence.
 */
@Component
class PresenceDestination implements AppDestination {

	private final Presence presence;

	private final JsonMapper json;

	PresenceDestination(Presence presence, JsonMapper json) {
		this.presence = presence;
		this.json = json;
	}

	@Override
	public String destination() {
		return "/app/presence";
	}

	@Override
	public Mono<Void> handle(Sent frame) {
		Availability status;
		try {
			status = json.readValue(frame.body(), StatusForm.class).status();
		}
		catch (JacksonException ex) {
			return Mono.error(new InvalidBodyException("Expected {\"status\":\"AVAILABLE\"} or {\"status\":\"AWAY\"}"));
		}
		if (status == null || status == Availability.OFFLINE) {
			return Mono.error(new InvalidBodyException("status must be AVAILABLE or AWAY"));
		}
		return presence.set(frame.login(), status).then();
	}

	record StatusForm(@Nullable Availability status) {
	}

}

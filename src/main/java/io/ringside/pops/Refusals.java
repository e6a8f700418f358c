package io.ringside.pops;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.ringside.web.ConflictException;
import io.ringside.web.ForbiddenException;
import io.ringside.web.InvalidRequestException;
import io.ringside.web.NotFoundException;
import io.ringside.push.AppDestination.InvalidBodyException;

/**
 * How the card's SEND destinations say no: a body that cannot be read or a CRM refusal
 * (not enough stock, not your client, no such client, a number that is taken) becomes an
 * {@link InvalidBodyException} with a message for the person, which {@code /ws} sends as
 * the ERROR frame. Other errors pass unchanged (and are logged there).
 */
final class Refusals {

	private Refusals() {
	}

	/**
	 * The body read as this form, or an {@link InvalidBodyException} that shows what was
	 * expected.
	 */
	static <T> T read(JsonMapper json, byte[] body, Class<T> form, String expected) {
		try {
			T read = json.readValue(body, form);
			if (read == null) {
				throw new InvalidBodyException("Expected " + expected);
			}
			return read;
		}
		catch (JacksonException ex) {
			throw new InvalidBodyException("Expected " + expected);
		}
	}

	static <T> Mono<T> explained(Mono<T> action) {
		return action.onErrorMap(Refusals::refusable, Refusals::refusal);
	}

	private static boolean refusable(Throwable error) {
		return error instanceof ConflictException || error instanceof ForbiddenException
				|| error instanceof NotFoundException || error instanceof InvalidRequestException;
	}

	private static Throwable refusal(Throwable error) {
		if (error instanceof ConflictException conflict) {
			return new InvalidBodyException(conflict.title() + ": " + conflict.getMessage());
		}
		if (error instanceof ForbiddenException) {
			return new InvalidBodyException("Forbidden: " + error.getMessage());
		}
		if (error instanceof NotFoundException) {
			return new InvalidBodyException("Not found: " + error.getMessage());
		}
		return new InvalidBodyException("Invalid: " + error.getMessage());
	}

	/** Adds a complaint when the text is missing or longer than {@code max}. */
	static void text(StringBuilder complaints, String field, String value, int max, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				complaints.append(field).append(" is required; ");
			}
		}
		else if (value.length() > max) {
			complaints.append(field).append(" is longer than ").append(max).append(" characters; ");
		}
	}

	/** Nothing, or an {@link InvalidBodyException} listing the complaints. */
	static void check(StringBuilder complaints) {
		if (complaints.length() > 0) {
			throw new InvalidBodyException(complaints.substring(0, complaints.length() - 2));
		}
	}

}

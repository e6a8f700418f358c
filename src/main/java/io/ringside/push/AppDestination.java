package io.ringside.push;

import java.util.Set;

import reactor.core.publisher.Mono;

/**
 * Handles the SEND frames clients address to one application destination under
 * {@code /app/}, like a controller for STOMP. Declare an implementation as a bean and
 * {@code /ws} routes its frames to it.
 * <p>
 * Frames of one session are handled one at a time, in order: the next frame waits until
 * the returned {@link Mono} completes. When it completes the client gets its RECEIPT (if
 * it asked for one); when it fails the client gets an ERROR frame with the error's
 * message and the session is closed, as STOMP requires. Called on a Netty event loop:
 * never block.
 */
public interface AppDestination {

	/** The destination this handles, e.g. {@code /app/presence}. */
	String destination();

	Mono<Void> handle(Sent frame);

	/**
	 * Thrown (as an error signal) for a body the destination cannot accept; its message
	 * goes into the ERROR frame.
	 */
	class InvalidBodyException extends RuntimeException {

		public InvalidBodyException(String message) {
			super(message);
		}

	}

	/**
	 * A SEND frame from a signed-in employee.
	 *
	 * @param login who sent it: the login of the WebSocket handshake, never a STOMP
	 * header
	 * @param roles their roles, without the {@code ROLE_} prefix
	 * @param body the frame's body, at most 64 KiB
	 */
	record Sent(String login, Set<String> roles, String destination, byte[] body) {
	}

}

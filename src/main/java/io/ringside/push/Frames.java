package io.ringside.push;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * The frames the server writes, encoded once with spring-messaging's STOMP encoder. Safe
 * from any thread.
 */
final class Frames {

	/** A heart-beat: one end-of-line, as STOMP 1.2 sends it. */
	static final byte[] HEARTBEAT = { '\n' };

	private static final StompEncoder encoder = new StompEncoder();

	private static final byte[] NO_BODY = new byte[0];

	private static final MimeType JSON = MimeTypeUtils.APPLICATION_JSON;

	private static final MimeType TEXT = new MimeType("text", "plain", StandardCharsets.UTF_8);

	private Frames() {
	}

	static byte[] connected(String version, long sendEvery, long expectEvery, String sessionId, String login) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.CONNECTED);
		headers.setVersion(version);
		headers.setHeartbeat(sendEvery, expectEvery);
		headers.setNativeHeader("session", sessionId);
		headers.setNativeHeader("server", "Ringside");
		headers.setNativeHeader("user-name", login);
		return encode(headers, NO_BODY);
	}

	static byte[] message(String subscriptionId, String destination, String messageId, byte[] json) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.MESSAGE);
		headers.setSubscriptionId(subscriptionId);
		headers.setDestination(destination);
		headers.setMessageId(messageId);
		headers.setContentType(JSON);
		return encode(headers, json);
	}

	static byte[] receipt(String receiptId) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.RECEIPT);
		headers.setReceiptId(receiptId);
		return encode(headers, NO_BODY);
	}

	/**
	 * @param message a short reason, for the {@code message} header
	 * @param receiptId the {@code receipt} of the frame that caused it, or null
	 */
	static byte[] error(String message, @Nullable String receiptId) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.ERROR);
		headers.setMessage(message);
		if (receiptId != null) {
			headers.setReceiptId(receiptId);
		}
		headers.setContentType(TEXT);
		return encode(headers, message.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] encode(StompHeaderAccessor headers, byte[] body) {
		Message<byte[]> message = MessageBuilder.createMessage(body, headers.getMessageHeaders());
		return encoder.encode(message);
	}

}

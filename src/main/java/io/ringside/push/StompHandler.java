package io.ringside.push;

import java.util.List;
import java.util.Set;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

import io.ringside.push.StompSession.Heartbeat;

/**
 * The STOMP 1.2 server side of one WebSocket at {@code /ws}: decodes the client's frames,
 * enforces who may subscribe and send where, and writes the session's frames. Frames are
 * read and written only with spring-messaging's STOMP codec.
 * <p>
 * The socket comes from {@link StompUpgrade} with the employee signed in at the
 * handshake, so a CONNECT needs nothing asynchronous. The receive side is subscribed
 * synchronously in {@link #handle(WebsocketInbound, StompUser)}, on the event loop,
 * before the client's first frame can be read (compare reactor/reactor-netty#1089). The
 * session's frames are then handled one at a time, in order, on the connection's event
 * loop. The clocks (connect timeout, silence, heart-beats) are {@link SessionTimers} in
 * the channel's pipeline; frames go out through {@link StompSession}, straight to the
 * channel.
 * <p>
 * Every protocol error (malformed frame, frame over the limit, refused destination,
 * silence past the heart-beat or the idle timeout, a 65th subscription, an employee's
 * session over their limit) gets an ERROR frame and the connection is closed; nothing
 * propagates as an exception into Reactor Netty. Errors never cancel the receive side
 * either: that would drop the connection before the ERROR is written.
 * <p>
 * A session whose client does not read (see {@link StompSession}) gets its ERROR "too
 * slow" queued behind what is waiting; if the connection has not closed
 * {@code ringside.push.too-slow-grace} later, it is closed whatever is still queued.
 */
@Component
class StompHandler implements WebSocketHandler {

	private static final Log log = LogFactory.getLog(StompHandler.class);

	static final List<String> SUBPROTOCOLS = List.of("v12.stomp", "v11.stomp");

	/** Subscriptions one session may hold at once. */
	static final int MAX_SUBSCRIPTIONS = 64;

	private final LocalSessions sessions;

	private final PushSettings settings;

	private final HeartbeatRules heartbeats;

	private final SessionDestinations destinations;

	StompHandler(LocalSessions sessions, PushSettings settings, SessionDestinations destinations) {
		this.sessions = sessions;
		this.settings = settings;
		this.heartbeats = new HeartbeatRules(settings);
		this.destinations = destinations;
	}

	@Override
	public List<String> getSubProtocols() {
		return SUBPROTOCOLS;
	}

	/**
	 * Not called: {@link StompUpgrade} hands the socket over on Reactor Netty with
	 * {@link #handle(WebsocketInbound, StompUser)}. WebFlux's handler mapping and
	 * handshake need a {@link WebSocketHandler} for {@code /ws} and its subprotocols.
	 */
	@Override
	public Mono<Void> handle(WebSocketSession socket) {
		return Mono.error(new UnsupportedOperationException("/ws is served on Reactor Netty by StompUpgrade"));
	}

	/**
	 * Serves one upgraded WebSocket, on its event loop; completes when the connection
	 * closes.
	 * @param signedIn who signed in at the handshake; null if nobody did
	 */
	Mono<Void> handle(WebsocketInbound socket, @Nullable StompUser signedIn) {
		Channel[] channel = new Channel[1];
		socket.withConnection(connection -> channel[0] = connection.channel());
		StompSession session = new StompSession(channel[0], signedIn, sessions, settings);
		SessionTimers.untilConnected(session, heartbeats);
		// Errors never travel up to the receive side: cancelling it would drop the
		// connection before the ERROR is written.
		return socket.aggregateFrames(PushConfiguration.MAX_WEBSOCKET_FRAME)
			.receiveFrames()
			// Copied out at once: Reactor Netty releases the frame when onNext returns,
			// and a message may wait in concatMap behind a frame that waits.
			.mapNotNull(StompHandler::payload)
			.concatMap(bytes -> received(bytes, session), 1)
			.doFinally(signal -> {
				session.closed();
				if (session.isConnected()) {
					sessions.close(session);
				}
			})
			.then();
	}

	/**
	 * Handles the STOMP frames of one WebSocket message in order. What a frame does at
	 * once is done here, and the answer is the empty Mono, which concatMap takes without
	 * subscribing: an idle session keeps nothing of the last message it read. Only a
	 * frame that waits for something (a snapshot, a SEND's destination) gives a Mono of
	 * its own, and the frames after it in the message wait for it.
	 */
	private Mono<Void> received(byte[] message, StompSession session) {
		if (session.isClosing()) {
			return Mono.empty();
		}
		try {
			return inOrder(session.decode(message), 0, session);
		}
		catch (RuntimeException error) {
			session.fail(reason(error), null);
			return Mono.empty();
		}
	}

	private Mono<Void> inOrder(List<Message<byte[]>> frames, int from, StompSession session) {
		for (int i = from; i < frames.size() && !session.isClosing(); i++) {
			Mono<Void> handled = on(frames.get(i), session);
			if (handled != Mono.<Void>empty()) {
				int next = i + 1;
				// Detached once done: concatMap holds the last Mono it subscribed to
				// until the next one, and an idle session would keep this whole chain
				// (a snapshot's timeout, its lambdas) for hours.
				return handled.then(Mono.defer(() -> inOrder(frames, next, session))).onErrorResume(error -> {
					session.fail(reason(error), null);
					return Mono.empty();
				}).onTerminateDetach();
			}
		}
		return Mono.empty();
	}

	private Mono<Void> on(Message<byte[]> frame, StompSession session) {
		StompHeaderAccessor headers = StompHeaderAccessor.wrap(frame);
		StompCommand command = headers.getCommand();
		if (command == null) {
			return session.isConnected() ? Mono.empty() : refuse(session, "CONNECT first", null);
		}
		if (!session.isConnected()) {
			if (command != StompCommand.CONNECT && command != StompCommand.STOMP) {
				return refuse(session, "CONNECT first", headers.getReceipt());
			}
			StompUser user = session.signedIn();
			return user == null ? refuse(session, "Not signed in", null) : connect(headers, session, user);
		}
		String receipt = headers.getReceipt();
		return switch (command) {
			case SUBSCRIBE -> destinations.subscribe(headers, session);
			case UNSUBSCRIBE -> {
				String id = headers.getSubscriptionId();
				if (id == null) {
					yield refuse(session, "UNSUBSCRIBE needs an id", receipt);
				}
				session.unsubscribe(id);
				yield receipt(session, receipt);
			}
			case SEND -> destinations.send(headers, frame.getPayload(), session);
			case ACK, NACK -> receipt(session, receipt);
			case DISCONNECT -> {
				session.finish(receipt == null ? null : Frames.receipt(receipt));
				yield Mono.empty();
			}
			case BEGIN, COMMIT, ABORT -> refuse(session, "Transactions are not supported", receipt);
			case CONNECT, STOMP -> refuse(session, "Already connected", receipt);
			default -> refuse(session, command + " is a server frame", receipt);
		};
	}

	private Mono<Void> connect(StompHeaderAccessor headers, StompSession session, StompUser user) {
		Set<String> accepted = headers.getAcceptVersion();
		String version = accepted.isEmpty() || accepted.contains("1.2") ? "1.2"
				: accepted.contains("1.1") ? "1.1" : null;
		if (version == null) {
			return refuse(session, "Supported STOMP versions are 1.2 and 1.1", null);
		}
		Heartbeat heartbeat = heartbeats.negotiate(headers.getHeartbeat());
		session.connect(heartbeat);
		if (!sessions.open(session, settings.maxSessionsPerEmployee())) {
			log.info("STOMP session refused for " + user.login() + ": " + settings.maxSessionsPerEmployee()
					+ " open already");
			return refuse(session, "Too many sessions: at most " + settings.maxSessionsPerEmployee() + " per employee",
					null);
		}
		SessionTimers.connected(session, heartbeats, heartbeat);
		session.send(Frames.connected(version, heartbeat.sendEvery().toMillis(), heartbeat.expectEvery().toMillis(),
				session.id(), user.login()));
		return Mono.empty();
	}

	static Mono<Void> receipt(StompSession session, @Nullable String receipt) {
		if (receipt != null) {
			session.send(Frames.receipt(receipt));
		}
		return Mono.empty();
	}

	static Mono<Void> refuse(StompSession session, String message, @Nullable String receipt) {
		session.fail(message, receipt);
		return Mono.empty();
	}

	/** The bytes of a text or binary WebSocket message; null for any other frame. */
	private static byte @Nullable [] payload(WebSocketFrame message) {
		return message instanceof TextWebSocketFrame || message instanceof BinaryWebSocketFrame
				? ByteBufUtil.getBytes(message.content()) : null;
	}

	private static String reason(Throwable error) {
		String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
		return "Malformed frame: " + message;
	}

}

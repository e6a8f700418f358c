package io.ringside.push;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

import io.ringside.push.StompSession.Heartbeat;
import io.ringside.push.StompSession.Subscription;
import io.ringside.push.StompSession.User;
import io.ringside.shared.Failures;

/**
 * The STOMP 1.2 server side of one WebSocket at {@code /ws}: decodes the client's frames,
 * enforces who may subscribe and send where, and writes the session's frames. Frames are
 * read and written only with spring-messaging's STOMP codec.
 * <p>
 * The socket comes from {@link StompUpgrade} with the employee signed in at the
 * handshake, so a CONNECT needs nothing asynchronous. The receive side is subscribed
 * synchronously in {@link #handle(WebsocketInbound, User)}, on the event loop, before the
 * client's first frame can be read (compare reactor/reactor-netty#1089). The session's
 * frames are then handled one at a time, in order, on the connection's event loop. The
 * clocks (connect timeout, silence, heart-beats) are {@link SessionTimers} in the
 * channel's pipeline; frames go out through {@link StompSession}, straight to the
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

	private final Map<String, AppDestination> destinations;

	private final Map<String, SubscriptionSnapshot> snapshots;

	private final JsonMapper json;

	private final AtomicLong snapshotMessages = new AtomicLong();

	StompHandler(LocalSessions sessions, PushSettings settings, ObjectProvider<AppDestination> destinations,
			ObjectProvider<SubscriptionSnapshot> snapshots, JsonMapper json) {
		this.sessions = sessions;
		this.settings = settings;
		this.heartbeats = new HeartbeatRules(settings);
		this.json = json;
		this.destinations = destinations.orderedStream()
			.collect(Collectors.toUnmodifiableMap(AppDestination::destination, Function.identity()));
		this.snapshots = snapshots.orderedStream()
			.collect(Collectors.toUnmodifiableMap(SubscriptionSnapshot::destination, Function.identity()));
	}

	@Override
	public List<String> getSubProtocols() {
		return SUBPROTOCOLS;
	}

	/**
	 * Not called: {@link StompUpgrade} hands the socket over on Reactor Netty with
	 * {@link #handle(WebsocketInbound, User)}. WebFlux's handler mapping and handshake
	 * need a {@link WebSocketHandler} for {@code /ws} and its subprotocols.
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
	Mono<Void> handle(WebsocketInbound socket, @Nullable User signedIn) {
		Channel[] channel = new Channel[1];
		socket.withConnection(connection -> channel[0] = connection.channel());
		StompSession session = new StompSession(channel[0], signedIn, sessions, settings);
		SessionTimers.untilConnected(session, heartbeats);
		// Errors never travel up to receive(): cancelling it would drop the connection
		// before the ERROR is written.
		return socket.aggregateFrames(PushConfiguration.MAX_WEBSOCKET_FRAME)
			.receiveFrames()
			.filter(message -> !session.isClosing()
					&& (message instanceof TextWebSocketFrame || message instanceof BinaryWebSocketFrame))
			.map(message -> ByteBufUtil.getBytes(message.content()))
			.concatMap(bytes -> Flux.defer(() -> Flux.fromIterable(session.decode(bytes)))
				.filter(frame -> !session.isClosing())
				.concatMap(frame -> on(frame, session), 1)
				.onErrorResume(error -> {
					session.fail(reason(error), null);
					return Mono.empty();
				}), 1)
			.doFinally(signal -> {
				session.closed();
				if (session.isConnected()) {
					sessions.close(session);
				}
			})
			.then();
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
			User user = session.signedIn();
			return user == null ? refuse(session, "Not signed in", null) : connect(headers, session, user);
		}
		String receipt = headers.getReceipt();
		return switch (command) {
			case SUBSCRIBE -> subscribe(headers, session);
			case UNSUBSCRIBE -> {
				String id = headers.getSubscriptionId();
				if (id == null) {
					yield refuse(session, "UNSUBSCRIBE needs an id", receipt);
				}
				session.unsubscribe(id);
				yield receipt(session, receipt);
			}
			case SEND -> send(headers, frame.getPayload(), session);
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

	private Mono<Void> connect(StompHeaderAccessor headers, StompSession session, User user) {
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

	private Mono<Void> subscribe(StompHeaderAccessor headers, StompSession session) {
		String id = headers.getSubscriptionId();
		String destination = headers.getDestination();
		String receipt = headers.getReceipt();
		if (id == null || id.isEmpty()) {
			return refuse(session, "SUBSCRIBE needs an id", receipt);
		}
		User user = session.connectedUser();
		Destinations.Decision decision = Destinations.subscribe(user.login(), user.roles(), destination);
		String refusal = decision.refusal();
		if (refusal != null) {
			log.info("STOMP subscription refused for " + user.login() + ": " + refusal);
			return refuse(session, refusal, receipt);
		}
		// Allowed: Destinations allows only a destination that was given, and names it.
		Subscription subscription = new Subscription(id, Objects.requireNonNull(destination, "destination"),
				Objects.requireNonNull(decision.destination(), "allowed destination"));
		if (session.subscriptions() >= MAX_SUBSCRIPTIONS) {
			return refuse(session, "Too many subscriptions: at most " + MAX_SUBSCRIPTIONS + " per session", receipt);
		}
		if (!session.subscribe(subscription)) {
			return refuse(session, "Subscription id " + id + " is in use", receipt);
		}
		SubscriptionSnapshot snapshot = snapshots.get(subscription.destination());
		if (snapshot == null) {
			return receipt(session, receipt);
		}
		return snapshot(snapshot, subscription, session).then(Mono.defer(() -> receipt(session, receipt)));
	}

	/**
	 * Sends the snapshot to this subscription alone; a failing or slow snapshot is logged
	 * and cut short.
	 */
	private Mono<Void> snapshot(SubscriptionSnapshot snapshot, Subscription subscription, StompSession session) {
		String login = session.connectedUser().login();
		return Flux.defer(() -> snapshot.snapshot(login))
			.timeout(settings.snapshotTimeout())
			.doOnNext(payload -> session.send(Frames.message(subscription.id(), subscription.asSubscribed(),
					"snapshot-" + snapshotMessages.incrementAndGet(), json.writeValueAsBytes(payload))))
			.onErrorResume(Failures.skip(log,
					() -> "Snapshot of " + subscription.destination() + " for " + login + " cut short"))
			.then();
	}

	private Mono<Void> send(StompHeaderAccessor headers, byte[] body, StompSession session) {
		String destination = headers.getDestination();
		String receipt = headers.getReceipt();
		AppDestination target = destination == null ? null : destinations.get(destination);
		if (destination == null || target == null) {
			return refuse(session, "Unknown destination: " + destination, receipt);
		}
		User user = session.connectedUser();
		return target.handle(new AppDestination.Sent(user.login(), user.roles(), destination, body))
			.then(Mono.defer(() -> receipt(session, receipt)))
			.onErrorResume(error -> {
				if (!(error instanceof AppDestination.InvalidBodyException)) {
					log.warn("SEND to " + destination + " from " + user.login() + " failed", error);
				}
				return refuse(session, error.getMessage() == null ? "Could not handle the frame" : error.getMessage(),
						receipt);
			});
	}

	private static Mono<Void> receipt(StompSession session, @Nullable String receipt) {
		if (receipt != null) {
			session.send(Frames.receipt(receipt));
		}
		return Mono.empty();
	}

	private static Mono<Void> refuse(StompSession session, String message, @Nullable String receipt) {
		session.fail(message, receipt);
		return Mono.empty();
	}

	private static String reason(Throwable error) {
		String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
		return "Malformed frame: " + message;
	}

}

package io.ringside.push;

import java.util.Optional;
import java.util.function.Supplier;

import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.util.context.Context;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * Upgrades {@code /ws} to a WebSocket on Reactor Netty keeping nothing of the HTTP
 * exchange for the socket's life, which may be hours: with 10,000 sessions open, every
 * byte kept is 10 KB.
 * <ul>
 * <li>The principal is read before the upgrade, into a {@link StompUser} (login and
 * roles), and the socket goes straight to {@link StompHandler} with it: no Spring
 * WebSocket session, whose handshake info keeps a copy of the request's headers, its
 * cookies, its attributes and a principal that reads the exchange's security
 * context.</li>
 * <li>The socket's handler runs with an empty Reactor context: the exchange's context
 * holds the exchange itself, its web session (the Spring Session in Redis, its security
 * context) and its observation, and Reactor Netty keeps the context of the upgrade for as
 * long as the handler runs.</li>
 * <li>The handshake's headers are emptied once it is over (see
 * {@link #forgetTheHandshake}).</li>
 * </ul>
 * These used to keep about 13 KiB alive per session (issue #15).
 * <p>
 * The switch of protocols runs on the connection's own event loop (see
 * {@link #onTheConnectionsEventLoop}).
 */
final class StompUpgrade implements RequestUpgradeStrategy {

	private final StompHandler stomp;

	private final int maxFramePayload;

	StompUpgrade(StompHandler stomp, int maxFramePayload) {
		this.stomp = stomp;
		this.maxFramePayload = maxFramePayload;
	}

	@Override
	public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
			Supplier<HandshakeInfo> handshakeInfo) {
		HttpServerResponse response = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
		WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder().maxFramePayloadLength(maxFramePayload);
		if (subProtocol != null) {
			spec.protocols(subProtocol);
		}
		WebsocketServerSpec websocket = spec.build();
		// Committing the response saves the sign-in session (in Redis) first. Reactor
		// Netty switches protocols as soon as sendWebsocket is called: only ever on the
		// event loop.
		return exchange.getPrincipal()
			.map(principal -> Optional.of(StompUser.of(principal)))
			.defaultIfEmpty(Optional.empty())
			.flatMap(user -> exchange.getResponse()
				.setComplete()
				.then(onTheConnectionsEventLoop(exchange, Mono.defer(() -> response.sendWebsocket((in, out) -> {
					forgetTheHandshake(in, response);
					return stomp.handle(in, user.orElse(null));
				}, websocket)).contextWrite(context -> Context.empty()))));
	}

	/**
	 * Empties the handshake's request and response headers, which Reactor Netty keeps
	 * with the connection (about 20 headers, 3 KiB a session: the cookie, the security
	 * headers of the 101 answer). The handshake is over when the handler is called: the
	 * answer is written and nothing reads either again.
	 */
	private static void forgetTheHandshake(WebsocketInbound in, HttpServerResponse response) {
		in.headers().clear();
		response.responseHeaders().clear();
	}

	/**
	 * Runs the upgrade on the connection's own event loop. HTTP Basic checks the password
	 * on a bounded-elastic thread and WebFlux goes on there; an upgrade completed from
	 * that thread races with the client's first frame, and a CONNECT sent the instant the
	 * upgrade completes was lost in about 1 of 20 connections (the test
	 * {@code answersEveryConnectSentTheInstantTheUpgradeCompletes}; compare
	 * reactor/reactor-netty#1089). On the event loop, the frame cannot be read before the
	 * upgrade has put the WebSocket decoders and the handler in place.
	 * <p>
	 * Committing the response saves the sign-in session, in Redis: that completes on a
	 * Redis thread, and the switch of protocols that follows it in Reactor Netty's
	 * upgrade ran there for about 1 in 20 cookie-borne upgrades, losing their CONNECT
	 * again. So the upgrade commits first and then switches on the event loop. Which
	 * thread that is, is known only when the upgrade is subscribed to.
	 */
	static Mono<Void> onTheConnectionsEventLoop(ServerWebExchange exchange, Mono<Void> upgrade) {
		Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		if (!(request instanceof Connection connection)) {
			return upgrade;
		}
		EventLoop eventLoop = connection.channel().eventLoop();
		return Mono
			.defer(() -> eventLoop.inEventLoop() ? upgrade : upgrade.subscribeOn(Schedulers.fromExecutor(eventLoop)));
	}

}

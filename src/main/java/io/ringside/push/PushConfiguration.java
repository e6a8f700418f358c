package io.ringside.push;

import java.util.Map;

import io.micrometer.observation.ObservationPredicate;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * Serves {@code /ws}.
 * <ul>
 * <li>Only same-origin pages may open it: a cross-origin upgrade (another site's page
 * riding on the session cookie) gets 403 from the CORS check, which allows no other
 * origin. Clients that send no {@code Origin} (scripts) pass.</li>
 * <li>WebSocket frames up to 1 MiB reach the STOMP decoder, so a STOMP frame over its 64
 * KiB limit gets a STOMP ERROR; beyond 1 MiB Reactor Netty closes the connection itself
 * (status 1009).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class PushConfiguration implements WebFluxConfigurer {

	static final String PATH = "/ws";

	static final int MAX_WEBSOCKET_FRAME = 1024 * 1024;

	@Override
	public WebSocketService getWebSocketService() {
		RequestUpgradeStrategy netty = new ReactorNettyRequestUpgradeStrategy(
				() -> WebsocketServerSpec.builder().maxFramePayloadLength(MAX_WEBSOCKET_FRAME));
		WebSocketService handshake = new HandshakeWebSocketService(
				(exchange, handler, subProtocol, info) -> exchange.getResponse()
					.setComplete()
					.then(Mono.defer(() -> onTheConnectionsEventLoop(exchange,
							Mono.defer(() -> netty.upgrade(exchange, handler, subProtocol, info))))));
		return (exchange, handler) -> onTheConnectionsEventLoop(exchange, handshake.handleRequest(exchange, handler));
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
	 * again. So the upgrade strategy commits first and then switches on the event loop.
	 */
	private static Mono<Void> onTheConnectionsEventLoop(ServerWebExchange exchange, Mono<Void> upgrade) {
		Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		if (!(request instanceof Connection connection)) {
			return upgrade;
		}
		EventLoop eventLoop = connection.channel().eventLoop();
		return eventLoop.inEventLoop() ? upgrade : upgrade.subscribeOn(Schedulers.fromExecutor(eventLoop));
	}

	/**
	 * spring-messaging's {@code MessageHeaders} seeds its id generator from SecureRandom
	 * (a read of {@code /dev/urandom}) when the class is first used, which is otherwise
	 * the first STOMP frame decoded, on the event loop. Using it once at start-up keeps
	 * that read off the event loop.
	 */
	@Bean
	SmartInitializingSingleton stompCodecWarmUp() {
		return () -> StompHeaderAccessor.create(StompCommand.CONNECT).getMessageHeaders();
	}

	/**
	 * No HTTP request observation for {@code /ws}: the upgrade request lasts as long as
	 * the socket, hours, and its observation (with a long-task-timer sample and the
	 * request's headers) would be held all that time, about 1 KiB a session, while saying
	 * nothing the {@code ringside.push.*} metrics do not.
	 */
	@Bean
	ObservationPredicate noRequestObservationOfTheStompSocket() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& isTheStompSocket(request.getCarrier()));
	}

	private static boolean isTheStompSocket(@Nullable ServerHttpRequest request) {
		return request != null && PATH.equals(request.getPath().value());
	}

	@Bean
	HandlerMapping stompHandlerMapping(StompHandler handler) {
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of(PATH, handler), -1);
		mapping.setCorsConfigurations(Map.of(PATH, new CorsConfiguration()));
		return mapping;
	}

}

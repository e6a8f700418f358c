package io.ringside.push;

import java.util.Map;

import io.micrometer.observation.ObservationPredicate;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;

/**
 * Serves {@code /ws}.
 * <ul>
 * <li>Only same-origin pages may open it: a cross-origin upgrade (another site's page
 * riding on the session cookie) gets 403 from the CORS check, which allows no other
 * origin. Clients that send no {@code Origin} (scripts) pass.</li>
 * <li>WebSocket frames up to 1 MiB reach the STOMP decoder, so a STOMP frame over its 64
 * KiB limit gets a STOMP ERROR; beyond 1 MiB Reactor Netty closes the connection itself
 * (status 1009).</li>
 * <li>The upgrade keeps nothing of the HTTP exchange for the socket's life (see
 * {@link StompUpgrade}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class PushConfiguration implements WebFluxConfigurer {

	static final String PATH = "/ws";

	static final int MAX_WEBSOCKET_FRAME = 1024 * 1024;

	private final ObjectProvider<StompHandler> stomp;

	PushConfiguration(ObjectProvider<StompHandler> stomp) {
		this.stomp = stomp;
	}

	@Override
	public WebSocketService getWebSocketService() {
		WebSocketService handshake = new HandshakeWebSocketService(
				new StompUpgrade(stomp.getObject(), MAX_WEBSOCKET_FRAME));
		return (exchange, handler) -> StompUpgrade.onTheConnectionsEventLoop(exchange,
				handshake.handleRequest(exchange, handler));
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

package io.ringside.push;

import java.util.Map;

import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

/**
 * Serves {@code /ws}.
 * <ul>
 * <li>Only same-origin pages may open it: a cross-origin upgrade (another site's page riding on the session cookie)
 * gets 403 from the CORS check, which allows no other origin. Clients that send no {@code Origin} (scripts) pass.</li>
 * <li>WebSocket frames up to 1 MiB reach the STOMP decoder, so a STOMP frame over its 64 KiB limit gets a STOMP
 * ERROR; beyond 1 MiB Reactor Netty closes the connection itself (status 1009).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class PushConfiguration implements WebFluxConfigurer {

	static final String PATH = "/ws";

	static final int MAX_WEBSOCKET_FRAME = 1024 * 1024;

	@Override
	public WebSocketService getWebSocketService() {
		return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
				() -> WebsocketServerSpec.builder().maxFramePayloadLength(MAX_WEBSOCKET_FRAME)));
	}

	@Bean
	HandlerMapping stompHandlerMapping(StompHandler handler) {
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of(PATH, handler), -1);
		mapping.setCorsConfigurations(Map.of(PATH, new CorsConfiguration()));
		return mapping;
	}

	@Bean
	ReactiveRedisMessageListenerContainer pushListeners(ReactiveRedisConnectionFactory redis) {
		return new ReactiveRedisMessageListenerContainer(redis);
	}

}

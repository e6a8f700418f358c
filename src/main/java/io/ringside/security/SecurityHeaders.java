package io.ringside.security;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Headers that tell browsers what a Ringside page may do, on every response, refusals
 * included: a Content-Security-Policy that allows scripts, styles and connections (the
 * STOMP WebSocket too) only from Ringside itself, nothing inline, and no framing
 * ({@code frame-ancestors 'none'}); and a Referrer-Policy that sends no address to other
 * sites. Spring Security adds the rest ({@code X-Frame-Options},
 * {@code X-Content-Type-Options}, cache control). Pages keep their scripts and styles in
 * files under {@code /assets} for this reason.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeaders implements WebFilter {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	static final String REFERRER_POLICY = "same-origin";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		headers.set("Referrer-Policy", REFERRER_POLICY);
		return chain.filter(exchange);
	}

}

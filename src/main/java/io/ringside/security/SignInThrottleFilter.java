package io.ringside.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.ringside.security.SignInAuthentication.ClientAddress;

/**
 * Refuses sign-in attempts of a blocked login or from a blocked client address with 429
 * and {@code Retry-After}, before Spring Security looks at the password. A sign-in
 * attempt is a {@code POST /login} (the form) or any request with HTTP Basic credentials;
 * requests of a signed-in session are not attempts and pass. The client address is the
 * TCP peer, as the request reports it: {@code X-Forwarded-For} counts only where Spring
 * Boot is told to trust it ({@code server.forward-headers-strategy}). When Redis cannot
 * say, the attempt passes (logged): an outage of Redis does not lock everyone out.
 */
@Component
@Order(SignInThrottleFilter.ORDER)
class SignInThrottleFilter implements WebFilter {

	/** Before Spring Security's filter chain, which checks the password. */
	static final int ORDER = -200;

	private static final Log log = LogFactory.getLog(SignInThrottleFilter.class);

	private final SignInThrottle throttle;

	SignInThrottleFilter(SignInThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String address = clientAddress(exchange);
		return attemptedLogin(exchange)
			.flatMap(login -> throttle.blockedFor(login, address == null ? "" : address).onErrorResume(ex -> {
				log.warn("Could not read the sign-in throttle in Redis, letting the attempt through: "
						+ ex.getMessage());
				return Mono.just(Duration.ZERO);
			}))
			.defaultIfEmpty(Duration.ZERO)
			.flatMap(blocked -> !blocked.isZero() && !blocked.isNegative() ? tooManyAttempts(exchange, blocked)
					: chain.filter(exchange)
						.contextWrite(context -> address == null ? context
								: context.put(ClientAddress.class, new ClientAddress(address))));
	}

	/**
	 * The login this request tries to sign in with, or empty when it is no sign-in
	 * attempt.
	 */
	private static Mono<String> attemptedLogin(ServerWebExchange exchange) {
		String basic = basicLogin(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
		if (basic != null) {
			return Mono.just(basic);
		}
		if (exchange.getRequest().getMethod() == HttpMethod.POST
				&& exchange.getRequest().getPath().pathWithinApplication().value().equals("/login")) {
			// The form data is read once and cached by the exchange; Spring Security
			// reads the same.
			return exchange.getFormData().mapNotNull(form -> form.getFirst("username")).defaultIfEmpty("");
		}
		return Mono.empty();
	}

	/** The login of an HTTP Basic header as Spring Security decodes it, or null. */
	static @Nullable String basicLogin(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return colon < 0 ? null : decoded.substring(0, colon);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable String clientAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return null;
		}
		return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

	/**
	 * A problem document for the API; a short page for the sign-in form, which a browser
	 * shows as it comes.
	 */
	private static Mono<Void> tooManyAttempts(ServerWebExchange exchange, Duration blocked) {
		var response = exchange.getResponse();
		long seconds = Math.max(1, (blocked.toMillis() + 999) / 1000);
		String detail = "Too many failed sign-ins: try again in " + seconds + " seconds.";
		response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		String body;
		if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			body = "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"" + detail
					+ "\"}";
		}
		else {
			response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
			body = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Ringside</title>"
					+ "<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body><main><section class=\"box\">"
					+ "<h1>Ringside</h1><p id=\"sign-in-throttled\">" + detail + "</p><p><a href=\"/login\">Sign in</a>"
					+ "</p></section></main></body></html>";
		}
		DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

}

package io.ringside.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.SpringSecurityMessageSource;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import io.ringside.team.Employees;
import io.ringside.web.StaticFiles;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

/**
 * Sign-in and the rules of who may do what.
 * <ul>
 * <li>Everyone signed in reads the CRM.</li>
 * <li>Managers, the head of sales and the admin change clients, contacts, history and
 * orders.</li>
 * <li>Reassignment, archiving clients, changing employees and products: the head of sales
 * and the admin; only the admin touches admins, which the team's own rules check
 * ({@code TeamRules}).</li>
 * <li>Shipping an order: the warehouse and the admin.</li>
 * <li>Booking a receipt of stock: the warehouse, the head of sales and the admin.</li>
 * <li>Reading the audit trail: the head of sales and the admin.</li>
 * </ul>
 * Pages sign in with the form at {@code /login} (served by the web module) and a session,
 * and sign out with a {@code POST /logout}; API clients may send HTTP Basic on every
 * request. A request that carries an {@code Authorization} header is not a browser's
 * cookie-borne request, so it needs no CSRF token. The STOMP endpoint {@code /ws} takes
 * either at the WebSocket handshake and answers 401 without them.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	private static final String[] CHANGE_CLIENTS = { "MANAGER", "HEAD_OF_SALES", "ADMIN" };

	private static final String[] LEAD = { "HEAD_OF_SALES", "ADMIN" };

	private static final String[] SHIP = { "WAREHOUSE", "ADMIN" };

	private static final String[] RECEIVE = { "WAREHOUSE", "HEAD_OF_SALES", "ADMIN" };

	/**
	 * The static files ({@link StaticFiles}) are the same for everyone and open to all:
	 * served without reading the sign-in session, saving a request to return to, or a
	 * CSRF token, so that a page's scripts never wait on Redis (nor fail when it is
	 * slow). Only reads; anything else on those paths goes through the main chain.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain staticFilesChain(ServerHttpSecurity http) {
		String[] paths = StaticFiles.PATHS.toArray(String[]::new);
		return http
			.securityMatcher(new OrServerWebExchangeMatcher(pathMatchers(HttpMethod.GET, paths),
					pathMatchers(HttpMethod.HEAD, paths)))
			.authorizeExchange(exchange -> exchange.anyExchange().permitAll())
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.build();
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http
			.authorizeExchange(exchange -> exchange
				.pathMatchers("/actuator/health/**", "/actuator/info", "/v3/api-docs/**", "/swagger-ui.html",
						"/swagger-ui/**", "/webjars/**", "/login", "/assets/**", "/favicon.ico")
				.permitAll()
				.pathMatchers("/api/audit", "/api/audit/**")
				.hasAnyRole(LEAD)
				.pathMatchers(HttpMethod.GET, "/api/**")
				.authenticated()
				.pathMatchers("/ws")
				.authenticated()
				.pathMatchers(HttpMethod.POST, "/api/products/*/receipts")
				.hasAnyRole(RECEIVE)
				.pathMatchers("/api/employees/**", "/api/clients/reassign", "/api/products/**", "/api/rules/**")
				.hasAnyRole(LEAD)
				.pathMatchers(HttpMethod.DELETE, "/api/clients/*")
				.hasAnyRole(LEAD)
				.pathMatchers("/api/warehouse/**")
				.hasAnyRole(SHIP)
				.pathMatchers("/api/clients/**")
				.hasAnyRole(CHANGE_CLIENTS)
				.anyExchange()
				.authenticated())
			.formLogin(form -> form.loginPage("/login"))
			.logout(logout -> logout.logoutSuccessHandler(signedOut()))
			.httpBasic(basic -> basic.authenticationEntryPoint(
					(exchange, ex) -> problem(exchange, HttpStatus.UNAUTHORIZED, "Sign in first", true)))
			.exceptionHandling(handling -> handling
				.authenticationEntryPoint((exchange, ex) -> isApi(exchange)
						? problem(exchange, HttpStatus.UNAUTHORIZED, "Sign in first", true) : redirectToLogin(exchange))
				.accessDeniedHandler((exchange, ex) -> problem(exchange, HttpStatus.FORBIDDEN,
						"Your role does not allow this", false)))
			.csrf(csrf -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
				.requireCsrfProtectionMatcher(browserStateChange()))
			.build();
	}

	/**
	 * Spring Security makes the CSRF token only when something asks for it, and only then
	 * writes the {@code XSRF-TOKEN} cookie the pages read. Asking for it on every page
	 * load gives each page the cookie it needs for its writes (and the sign-in form).
	 * Making and masking the token reads {@code /dev/urandom} (SecureRandom), a file
	 * read, so it runs on the bounded-elastic scheduler rather than the event loop.
	 */
	@Bean
	WebFilter csrfCookieForPages() {
		return (exchange, chain) -> {
			String path = exchange.getRequest().getPath().value();
			Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
			if (token == null || exchange.getRequest().getMethod() != HttpMethod.GET || path.startsWith("/api/")
					|| path.equals("/ws")) {
				return chain.filter(exchange);
			}
			return token.subscribeOn(Schedulers.boundedElastic()).then(chain.filter(exchange));
		};
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * Spring Security reads its message bundle from the jar the first time it refuses an
	 * account (disabled, locked). Reading it here, at start-up, keeps that file read off
	 * the event loop.
	 */
	@Bean
	SmartInitializingSingleton securityMessagesWarmUp() {
		return () -> SpringSecurityMessageSource.getAccessor()
			.getMessage("AbstractUserDetailsAuthenticationProvider.disabled", "User is disabled");
	}

	@Bean
	ReactiveUserDetailsService userDetailsService(Employees employees) {
		return login -> employees.credentials(login)
			.map(credentials -> User.withUsername(credentials.employee().login())
				.password(credentials.passwordHash())
				.roles(credentials.employee().role().name())
				.disabled(!credentials.employee().active())
				.build());
	}

	private static RedirectServerLogoutSuccessHandler signedOut() {
		RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
		handler.setLogoutSuccessUrl(URI.create("/login?logout"));
		return handler;
	}

	private static ServerWebExchangeMatcher browserStateChange() {
		return exchange -> CsrfWebFilter.DEFAULT_CSRF_MATCHER.matches(exchange)
			.filter(MatchResult::isMatch)
			.filter(match -> !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION))
			.flatMap(match -> MatchResult.match())
			.switchIfEmpty(MatchResult.notMatch());
	}

	/**
	 * The API and the STOMP endpoint answer 401; only pages redirect to the sign-in form.
	 */
	private static boolean isApi(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().value();
		return path.startsWith("/api/") || path.equals("/ws");
	}

	private static Mono<Void> redirectToLogin(ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(HttpStatus.FOUND);
		exchange.getResponse().getHeaders().setLocation(URI.create("/login"));
		return exchange.getResponse().setComplete();
	}

	private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detail, boolean challenge) {
		var response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (challenge) {
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Ringside\"");
		}
		String body = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + detail + "\"}";
		DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

}

package io.ringside.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The pages, each a plain HTML file under {@code classpath:/pages} that loads its script
 * from {@code /assets/js} and talks to the REST API and to {@code /ws}. Only
 * {@code /login} is open; the others need a signed-in session (security redirects to the
 * form); the supervisors' board ({@code /board}) is for supervisors, the head of sales
 * and the admin, and the rules of work ({@code /rules}) for the head of sales and the
 * admin, who change them; anyone else gets a page that says so, with status 403. Their
 * scripts, styles and message bundles are static files under {@code /assets}; browser
 * libraries come from WebJars under {@code /webjars}.
 * <p>
 * Handlers run on the event loop: they only name a resource, which the resource writer
 * streams.
 */
@Configuration(proxyBeanMethods = false)
class Pages {

	@Bean
	RouterFunction<ServerResponse> pageRoutes() {
		return RouterFunctions
			.route(GET("/"), request -> ServerResponse.temporaryRedirect(URI.create("/console")).build())
			.andRoute(GET("/login"), request -> page("login"))
			.andRoute(GET("/console"), request -> page("console"))
			.andRoute(GET("/clients"), request -> page("clients"))
			.andRoute(GET("/clients/{id}"), request -> page("client"))
			.andRoute(GET("/products"), request -> page("products"))
			.andRoute(GET("/reports"), request -> page("reports"))
			.andRoute(GET("/warehouse"), request -> page("warehouse"))
			.andRoute(GET("/board"), request -> forRoles(request, BOARD_ROLES, "board"))
			.andRoute(GET("/rules"), request -> forRoles(request, RULES_ROLES, "rules"));
	}

	/**
	 * Who may open the supervisors' board (as {@code GET /api/dashboard} and
	 * {@code /topic/dashboard} allow).
	 */
	private static final Set<String> BOARD_ROLES = Set.of("ROLE_SUPERVISOR", "ROLE_HEAD_OF_SALES", "ROLE_ADMIN");

	/**
	 * Who may open the rules of work: those who may change them ({@code PUT /api/rules}
	 * allows no one else), so the page is always the editor.
	 */
	private static final Set<String> RULES_ROLES = Set.of("ROLE_HEAD_OF_SALES", "ROLE_ADMIN");

	private static Mono<ServerResponse> forRoles(ServerRequest request, Set<String> roles, String name) {
		return request.principal()
			.filter(Authentication.class::isInstance)
			.map(principal -> ((Authentication) principal).getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.anyMatch(roles::contains))
			.defaultIfEmpty(false)
			.flatMap(allowed -> allowed ? page(name) : page("refused", HttpStatus.FORBIDDEN));
	}

	private static Mono<ServerResponse> page(String name) {
		return page(name, HttpStatus.OK);
	}

	private static Mono<ServerResponse> page(String name, HttpStatus status) {
		return ServerResponse.status(status)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.bodyValue(new ClassPathResource("pages/" + name + ".html"));
	}

}

package io.ringside.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The pages, each a plain HTML file under {@code classpath:/pages} that loads its script from
 * {@code /assets/js} and talks to the REST API and to {@code /ws}. Only {@code /login} is open; the others need a
 * signed-in session (security redirects to the form). Their scripts, styles and message bundles are static files
 * under {@code /assets}; browser libraries come from WebJars under {@code /webjars}.
 * <p>
 * Handlers run on the event loop: they only name a resource, which the resource writer streams.
 */
@Configuration(proxyBeanMethods = false)
class Pages {

	@Bean
	RouterFunction<ServerResponse> pageRoutes() {
		return RouterFunctions.route(GET("/"), request -> ServerResponse.temporaryRedirect(URI.create("/console")).build())
			.andRoute(GET("/login"), request -> page("login"))
			.andRoute(GET("/console"), request -> page("console"))
			.andRoute(GET("/clients"), request -> page("clients"))
			.andRoute(GET("/clients/{id}"), request -> page("client"))
			.andRoute(GET("/products"), request -> page("products"))
			.andRoute(GET("/reports"), request -> page("reports"))
			.andRoute(GET("/warehouse"), request -> page("warehouse"));
	}

	private static Mono<ServerResponse> page(String name) {
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.bodyValue(new ClassPathResource("pages/" + name + ".html"));
	}

}

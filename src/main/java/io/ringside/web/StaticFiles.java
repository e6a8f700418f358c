package io.ringside.web;

import java.util.List;

import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

/**
 * The files a page loads besides itself: its scripts, styles and message bundles under
 * {@code /assets}, browser libraries from WebJars under {@code /webjars}, Swagger UI's
 * files, the icon. They are the same for everyone, so the security module serves them
 * without reading the sign-in session (a Redis round trip per file, and a failed script
 * when Redis is slow); see {@code SecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class StaticFiles {

	/** The path patterns of the static files, for a {@code PathPatternParser}. */
	public static final List<String> PATHS = List.of("/assets/**", "/webjars/**", "/swagger-ui/**", "/favicon.ico");

	private static final List<String> PREFIXES = List.of("/assets/", "/webjars/", "/swagger-ui/");

	/**
	 * Finding and reading a file is a file read (a class-path look-up, a jar's entry, and
	 * for WebJars the version of the library, read from its jar the first time), so the
	 * request is handled on the bounded-elastic scheduler rather than the event loop. It
	 * runs last, after security, as the API documentation's does.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	WebFilter staticFilesOffTheEventLoop() {
		return (exchange, chain) -> isStaticFile(exchange.getRequest().getPath().value())
				? chain.filter(exchange).subscribeOn(Schedulers.boundedElastic()) : chain.filter(exchange);
	}

	static boolean isStaticFile(String path) {
		return path.equals("/favicon.ico") || PREFIXES.stream().anyMatch(path::startsWith);
	}

}

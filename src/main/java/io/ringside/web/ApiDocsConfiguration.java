package io.ringside.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

/**
 * The OpenAPI document of the REST API, served at {@code /v3/api-docs} with Swagger UI at
 * {@code /swagger-ui.html}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

	static final String DOCS_PATH = "/v3/api-docs";

	@Bean
	OpenAPI ringsideOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Ringside API")
				.version("v1")
				.description("The CRM behind Ringside: clients and their numbers, history, products and stock, orders, "
						+ "figures and reports. Sign in with HTTP Basic. Errors are RFC 9457 problem documents."))
			.components(new Components().addSecuritySchemes("basic",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

	/**
	 * springdoc builds the document by scanning classes on the thread that handles the
	 * request; that reads class files, so the request is moved off the event loop onto
	 * the bounded-elastic scheduler. The filter runs last, after security, so that
	 * nothing between it and the handler moves the work to another scheduler again.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	WebFilter apiDocsOffTheEventLoop() {
		return (exchange, chain) -> exchange.getRequest().getPath().value().startsWith(DOCS_PATH)
				? chain.filter(exchange).subscribeOn(Schedulers.boundedElastic()) : chain.filter(exchange);
	}

}

package io.ringside.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ringside.support.IntegrationTest;

class ApiDocsIntegrationTests extends IntegrationTest {

	@Test
	void theOpenApiDocumentDescribesTheCrmEndpointsWithoutSigningIn() {
		// springdoc builds the document on the first request: seconds on a busy machine,
		// more than the client's 5 s default
		web.mutate()
			.responseTimeout(Duration.ofSeconds(60))
			.build()
			.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/clients']")
			.exists()
			.jsonPath("$.paths['/api/lookup']")
			.exists()
			.jsonPath("$.paths['/api/clients/{id}/orders']")
			.exists()
			.jsonPath("$.paths['/api/warehouse/orders']")
			.exists()
			.jsonPath("$.paths['/api/employees']")
			.exists();
		web.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
	}

}

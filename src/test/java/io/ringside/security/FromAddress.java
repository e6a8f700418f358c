package io.ringside.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import reactor.netty.http.client.HttpClient;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A client whose connections come from a loopback address of its own ({@code 127.0.0.2},
 * ...; Linux routes all of {@code 127.0.0.0/8} to the loopback device), so that tests of
 * the per-address throttle block neither each other nor the other tests, which connect
 * from {@code 127.0.0.1}.
 */
final class FromAddress {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private FromAddress() {
	}

	static WebTestClient client(String address, int port) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(WAIT)
			.build();
	}

	/** A GET of the API with HTTP Basic. */
	static ResponseSpec basic(WebTestClient client, String login, String password) {
		return client.get().uri("/api/employees/me").headers(h -> h.setBasicAuth(login, password)).exchange();
	}

	/**
	 * A post of the sign-in form as a page sends it: the CSRF token in the cookie and,
	 * masked, in the form (masked with zeros, which Spring Security's unmasking accepts
	 * like any other mask).
	 */
	static ResponseSpec form(WebTestClient client, String login, String password) {
		String token = UUID.randomUUID().toString();
		byte[] plain = token.getBytes(StandardCharsets.UTF_8);
		byte[] masked = new byte[plain.length * 2];
		System.arraycopy(plain, 0, masked, plain.length, plain.length);
		return client.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", token)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("username", login)
				.with("password", password)
				.with("_csrf", Base64.getUrlEncoder().encodeToString(masked)))
			.exchange();
	}

}

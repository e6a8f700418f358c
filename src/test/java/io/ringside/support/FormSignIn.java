package io.ringside.support;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs in with the form at {@code /login} as a browser does: the CSRF token goes in the
 * cookie and, masked as Spring Security masks it in pages, in the form. What it returns
 * is the session cookie a page then sends.
 */
public final class FormSignIn {

	private static final SecureRandom random = new SecureRandom();

	private FormSignIn() {
	}

	/**
	 * The value of the {@code SESSION} cookie (the session's id) after signing in on the
	 * server of {@code web}.
	 */
	public static String session(WebTestClient web, String login, String password) {
		String token = UUID.randomUUID().toString();
		ResponseCookie session = web.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", token)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("username", login).with("password", password).with("_csrf", masked(token)))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.FOUND)
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("SESSION");
		assertThat(session).as("the session cookie").isNotNull();
		return session.getValue();
	}

	private static String masked(String token) {
		byte[] plain = token.getBytes(StandardCharsets.UTF_8);
		byte[] mask = new byte[plain.length];
		random.nextBytes(mask);
		byte[] combined = new byte[plain.length * 2];
		System.arraycopy(mask, 0, combined, 0, mask.length);
		for (int i = 0; i < plain.length; i++) {
			combined[plain.length + i] = (byte) (plain[i] ^ mask[i]);
		}
		return Base64.getUrlEncoder().encodeToString(combined);
	}

}

package io.ringside.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle reads the login of an HTTP Basic header as Spring Security does, so that
 * what is counted is what was tried; a header it cannot read is no attempt it can count
 * (Spring Security refuses it on its own).
 */
class SignInThrottleFilterTests {

	@Test
	void readsTheLoginOfABasicHeaderWhateverTheCaseOfTheScheme() {
		assertThat(SignInThrottleFilter.basicLogin("Basic " + encoded("ivanov:demo:with:colons"))).isEqualTo("ivanov");
		assertThat(SignInThrottleFilter.basicLogin("basic " + encoded("петрова:demo"))).isEqualTo("петрова");
	}

	@Test
	void otherSchemesAndBrokenHeadersAreNoAttempt() {
		assertThat(SignInThrottleFilter.basicLogin(null)).isNull();
		assertThat(SignInThrottleFilter.basicLogin("Bearer abc")).isNull();
		assertThat(SignInThrottleFilter.basicLogin("Basic not base64!")).isNull();
		assertThat(SignInThrottleFilter.basicLogin("Basic " + encoded("no-colon"))).isNull();
	}

	@Test
	void aLoginIsCountedWhateverItsCase() {
		assertThat(SignInThrottle.normalized(" Ivanov ")).isEqualTo("ivanov");
		assertThat(SignInThrottle.normalized("x".repeat(500))).hasSize(128);
	}

	private static String encoded(String credentials) {
		return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

}

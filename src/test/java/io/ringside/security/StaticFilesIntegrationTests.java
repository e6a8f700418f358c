package io.ringside.security;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ringside.support.Closing;
import io.ringside.support.FormSignIn;
import io.ringside.support.Instance;
import io.ringside.support.PrivateRedis;
import io.ringside.support.TestData;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page's scripts, styles and libraries are served without the sign-in session: a
 * browser that sends its {@code SESSION} cookie with every file gets the files while
 * Redis, where the sessions are, does not answer. They used to wait for Redis and fail
 * after its one-second command timeout, and the page with them. Redis is the test's own
 * where {@code redis-server} is on the PATH (else the shared one, briefly).
 */
class StaticFilesIntegrationTests {

	private static final Duration PAUSE = Duration.ofSeconds(3);

	private static final List<String> FILES = List.of("/assets/js/login.js", "/assets/app.css",
			"/webjars/chart.js/dist/chart.umd.js");

	@RegisterExtension
	final Closing closing = new Closing();

	private PrivateRedis redis;

	private Instance ringside;

	@BeforeEach
	void ringsideOnARedisOfItsOwn() {
		redis = closing.add(PrivateRedis.start());
		ringside = closing.add(Instance.start(redis.settings("static-files")));
	}

	@Test
	void aSignedInPagesFilesAreServedWhileRedisDoesNotAnswer() {
		WebTestClient web = ringside.anonymous();
		String login = ringside.bean(TestData.class).employee(Role.MANAGER).login();
		String session = FormSignIn.session(web, login, TestData.PASSWORD);
		for (String file : FILES) {
			assertThat(fetch(web, file, session).getStatus().value()).as(file + " before the pause").isEqualTo(200);
		}

		long pausedAt = System.nanoTime();
		redis.pause(PAUSE, "ALL");
		for (String file : FILES) {
			EntityExchangeResult<byte[]> served = fetch(web, file, session);
			assertThat(served.getStatus().value()).as(file + " while Redis is paused").isEqualTo(200);
			assertThat(served.getResponseBody()).as(file).isNotEmpty();
			assertThat(served.getResponseHeaders().getFirst("Content-Security-Policy")).as(file)
				.isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
			assertThat(served.getResponseHeaders().get("Set-Cookie")).as("no session is read or written for " + file)
				.isNull();
		}
		assertThat(Duration.ofNanos(System.nanoTime() - pausedAt)).as("all served before Redis answered again")
			.isLessThan(PAUSE);

		redis.awaitAnswering();
		web.get()
			.uri("/api/employees/me")
			.cookie("SESSION", session)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.login")
			.isEqualTo(login);
	}

	@Test
	void filesAreOpenToAllButOnlyToRead() {
		WebTestClient web = ringside.anonymous();
		web.get().uri("/assets/js/login.js").exchange().expectStatus().isOk();
		web.head().uri("/webjars/chart.js/dist/chart.umd.js").exchange().expectStatus().isOk();
		web.post()
			.uri("/assets/js/login.js")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.exists("Content-Security-Policy");
	}

	private static EntityExchangeResult<byte[]> fetch(WebTestClient web, String file, String session) {
		return web.get().uri(file).cookie("SESSION", session).exchange().expectBody().returnResult();
	}

}

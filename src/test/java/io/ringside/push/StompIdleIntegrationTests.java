package io.ringside.push;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.test.context.TestPropertySource;

import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Role;

import static io.ringside.push.StompClient.command;
import static io.ringside.push.StompClient.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, "STOMP": a client that asked for no heart-beats still gets the server's, and
 * a session silent for longer than {@code ringside.push.idle-timeout} is closed; here
 * both set short.
 */
@TestPropertySource(properties = { "ringside.push.idle-timeout=PT2S", "ringside.push.server-heartbeat=PT0.3S" })
class StompIdleIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	private StompClient connectAskingForNoHeartBeats() {
		return StompClient.connect(URI.create("ws://localhost:" + port + "/ws"), data.employee(Role.MANAGER).login(),
				TestData.PASSWORD, "0,0");
	}

	@Test
	void aClientThatAskedForNoHeartBeatsStillGetsTheServers() {
		try (StompClient client = connectAskingForNoHeartBeats()) {
			client.frames().as(StepVerifier::create).assertNext(frame -> {
				assertThat(command(frame)).isEqualTo(StompCommand.CONNECTED);
				assertThat(header(frame, "heart-beat")).isEqualTo("300,0");
			})
				.assertNext(frame -> assertThat(command(frame)).as("a heart-beat").isNull())
				.assertNext(frame -> assertThat(command(frame)).as("a heart-beat").isNull())
				.thenCancel()
				.verify(WAIT);
		}
	}

	@Test
	void closesASessionSilentForLongerThanTheIdleTimeout() {
		try (StompClient client = connectAskingForNoHeartBeats()) {
			long start = System.nanoTime();
			client.commands()
				.as(StepVerifier::create)
				.expectNextMatches(frame -> command(frame) == StompCommand.CONNECTED)
				.assertNext(frame -> {
					assertThat(command(frame)).isEqualTo(StompCommand.ERROR);
					assertThat(header(frame, "message")).isEqualTo("Idle: no frame from the client for 2 s");
				})
				.expectComplete()
				.verify(WAIT);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
		}
	}

	@Test
	void keepsASessionWhoseClientSendsHeartBeatsThoughItPromisedNone() {
		try (StompClient client = connectAskingForNoHeartBeats()) {
			client.commands()
				.next()
				.map(StompClient::command)
				.as(StepVerifier::create)
				.expectNext(StompCommand.CONNECTED)
				.verifyComplete();
			for (int i = 0; i < 8; i++) {
				StepVerifier.create(client.commands().skip(1))
					.expectSubscription()
					.expectNoEvent(Duration.ofMillis(500))
					.thenCancel()
					.verify();
				client.sendRaw("\n");
			}
		}
	}

}

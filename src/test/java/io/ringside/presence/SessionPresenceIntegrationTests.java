package io.ringside.presence;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.ringside.push.Push;
import io.ringside.push.StompClient;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An employee with an open page is present; closing the last one makes them OFFLINE after
 * a grace period: presence following the sessions push announces, through real STOMP
 * sessions.
 */
@TestPropertySource(properties = "ringside.push.offline-grace=PT1S")
class SessionPresenceIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	Presence presence;

	@Autowired
	Push push;

	@Autowired
	OfflineGrace grace;

	private StompClient connect(String login) {
		StompClient client = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"), login, TestData.PASSWORD,
				"0,0");
		client.commands().next().block(WAIT);
		return client;
	}

	private Availability availability(String login) {
		return presence.availability(login).block(WAIT);
	}

	@Test
	void theGraceKeepsItsKeyUnderRingsidePushNowThatPresenceReadsIt() {
		assertThat(grace.offlineGrace()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void isAvailableWhileASessionIsOpenAndOfflineOnceTheLastOneClosedAndTheGracePassed() {
		String login = data.employee(Role.MANAGER).login();
		try (StompClient first = connect(login)) {
			await().atMost(WAIT).until(() -> availability(login) == Availability.AVAILABLE);
			StompClient second = connect(login);
			second.close();
			await().atMost(WAIT).until(() -> push.openSessions(login) == 1);
			await().during(Duration.ofSeconds(2))
				.atMost(WAIT)
				.until(() -> availability(login) == Availability.AVAILABLE);
		}
		await().atMost(WAIT).until(() -> availability(login) == Availability.OFFLINE);
	}

	@Test
	void keepsAnAwayStatusWhenAPageOpens() {
		String login = data.employee(Role.MANAGER).login();
		presence.set(login, Availability.AWAY).block(WAIT);
		try (StompClient client = connect(login)) {
			await().atMost(WAIT).until(() -> push.openSessions(login) == 1);
			await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> availability(login) == Availability.AWAY);
		}
	}

}

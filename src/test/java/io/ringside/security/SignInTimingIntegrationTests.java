package io.ringside.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unknown or a disabled login is refused as slowly as a wrong password (issue #12), so
 * that the time of a refusal does not tell which logins exist. The three kinds of attempt
 * take turns, so that whatever else loads the machine weighs on all three alike, and
 * their medians are compared: without the dummy hash, an unknown login is refused some
 * twenty times faster than a wrong password (no hash is computed). Every attempt comes
 * from a loopback address of its own and no login fails more than seven times, so the
 * throttle never steps in.
 */
class SignInTimingIntegrationTests extends IntegrationTest {

	private static final int ROUNDS = 21;

	private static final int WARM_UP = 3;

	private static final int LOGINS_PER_KIND = 3;

	@LocalServerPort
	int port;

	enum Kind {

		WRONG_PASSWORD, UNKNOWN_LOGIN, DISABLED_LOGIN

	}

	@Test
	void unknownAndDisabledLoginsAreRefusedAsSlowlyAsAWrongPassword() {
		Employee admin = data.employee(Role.ADMIN);
		List<String> existing = new ArrayList<>();
		List<String> disabled = new ArrayList<>();
		for (int i = 0; i < LOGINS_PER_KIND; i++) {
			existing.add(data.employee(Role.MANAGER).login());
			Employee leaver = data.employee(Role.MANAGER);
			as(admin.login()).mutate()
				.responseTimeout(Duration.ofSeconds(30))
				.build()
				.patch()
				.uri("/api/employees/{id}", leaver.id())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("active", false))
				.exchange()
				.expectStatus()
				.isOk();
			disabled.add(leaver.login());
		}

		Map<Kind, List<Long>> nanos = new EnumMap<>(Kind.class);
		int address = 0;
		for (int round = 0; round < WARM_UP + ROUNDS; round++) {
			for (Kind kind : Kind.values()) {
				String login = switch (kind) {
					case WRONG_PASSWORD -> existing.get(round % LOGINS_PER_KIND);
					case DISABLED_LOGIN -> disabled.get(round % LOGINS_PER_KIND);
					case UNKNOWN_LOGIN -> "nobody-" + UUID.randomUUID();
				};
				address++;
				var client = FromAddress.client("127.0.2." + (address % 250 + 1), port);
				long start = System.nanoTime();
				FromAddress.basic(client, login, "not-the-password").expectStatus().isUnauthorized();
				long took = System.nanoTime() - start;
				if (round >= WARM_UP) {
					nanos.computeIfAbsent(kind, k -> new ArrayList<>()).add(took);
				}
			}
		}

		long wrong = median(nanos.get(Kind.WRONG_PASSWORD));
		long unknown = median(nanos.get(Kind.UNKNOWN_LOGIN));
		long disabledMedian = median(nanos.get(Kind.DISABLED_LOGIN));
		String report = "medians: wrong password " + wrong / 1000 + " us, unknown " + unknown / 1000 + " us, disabled "
				+ disabledMedian / 1000 + " us";
		assertThat((double) unknown / wrong).as(report).isBetween(0.6, 1.6);
		assertThat((double) disabledMedian / wrong).as(report).isBetween(0.6, 1.6);
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

}

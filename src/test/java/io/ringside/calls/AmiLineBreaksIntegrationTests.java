package io.ringside.calls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.ScriptedPhones;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #12: a line break in an employee's name must not reach the PBX, where the
 * Originate of click-to-call would read the rest of the name as headers of its own. The
 * API refuses such names; one already stored is sent without its line breaks, as the PBX
 * simulator (a second AMI client on it) shows.
 */
class AmiLineBreaksIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	PbxSimulator simulator;

	@Autowired
	DatabaseClient db;

	private ScriptedPhones phones;

	@BeforeEach
	void phones() {
		phones = scenes.phones(PhoneBehaviour.answersAfter(Duration.ofMillis(200), Duration.ofMillis(500)));
	}

	@Test
	void theApiRefusesANameWithALineBreak() {
		Employee admin = data.employee(Role.ADMIN);
		Employee manager = data.employee(Role.MANAGER);

		as(admin.login()).post()
			.uri("/api/employees")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("login", "crlf-" + data.unique(), "fullName", "Eve\r\nAction: Hangup", "role", "MANAGER",
					"password", "secret"))
			.exchange()
			.expectStatus()
			.isBadRequest();
		as(admin.login()).patch()
			.uri("/api/employees/" + manager.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("fullName", "Eve\nChannel: PJSIP/1"))
			.exchange()
			.expectStatus()
			.isBadRequest();
		as(admin.login()).patch()
			.uri("/api/employees/" + manager.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("fullName", "Eve Line"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.fullName")
			.isEqualTo("Eve Line");
	}

	@Test
	void aStoredNameWithLineBreaksReachesTheOriginateWithoutThem() throws IOException {
		Employee caller = data.employeeWithPhone(Role.MANAGER);
		db.sql("update employees set full_name = :name where id = :id")
			.bind("name", "Eve\r\nX-Injected: yes")
			.bind("id", caller.id())
			.then()
			.block(WAIT);

		try (Socket ami = new Socket()) {
			ami.connect(new InetSocketAddress("127.0.0.1", simulator.amiPort()), 2_000);
			ami.setSoTimeout((int) WAIT.toMillis());
			BufferedReader in = new BufferedReader(new InputStreamReader(ami.getInputStream(), StandardCharsets.UTF_8));
			ami.getOutputStream()
				.write(("Action: Login\r\nUsername: " + simulator.config().username() + "\r\nSecret: "
						+ simulator.config().secret() + "\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
			ami.getOutputStream().flush();
			await().atMost(WAIT).until(() -> "Authentication accepted".equals(next(in).get("Message")));

			as(caller.login()).post()
				.uri("/api/calls/originate")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("number", "84951234567"))
				.exchange()
				.expectStatus()
				.isAccepted();

			Map<String, String> channel = next(in);
			while (!("Newchannel".equals(channel.get("Event"))
					&& channel.getOrDefault("Channel", "").startsWith(caller.extension() + "-"))) {
				channel = next(in);
			}
			String internal = caller.extension().substring(caller.extension().indexOf('/') + 1);
			assertThat(channel).containsEntry("CallerIDName", "EveX-Injected: yes")
				.containsEntry("CallerIDNum", internal)
				.containsEntry("Context", "ringside-outbound");
		}
	}

	/** The next AMI message, its headers by name. */
	private static Map<String, String> next(BufferedReader in) throws IOException {
		Map<String, String> message = new HashMap<>();
		String line;
		while ((line = in.readLine()) != null && !line.isEmpty()) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				message.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		return message;
	}

}

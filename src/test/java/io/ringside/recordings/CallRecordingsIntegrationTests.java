package io.ringside.recordings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestServices;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole calls through real sockets, recorded: the simulator answers a client's call,
 * writes its WAV into {@code ringside.recordings.directory} and names it on AMI as
 * Asterisk would; Ringside keeps the file with the call, and plays it to those who may
 * hear it, whole or by HTTP ranges.
 */
class CallRecordingsIntegrationTests extends IntegrationTest {

	private static final Duration CALL = Duration.ofSeconds(30);

	private static final Duration RING = Duration.ofMillis(300);

	private static final Duration TALK = Duration.ofMillis(400);

	private static final int WAV_BYTES = 44 + 16_000;

	@Autowired
	PbxSimulator simulator;

	@Autowired
	DatabaseClient db;

	@Test
	void theOwnerPlaysTheRecordingOfAnAnsweredCallWholeAndByRanges() throws Exception {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(RING).ready();

		String callId = recordedCall(scene);

		String file = callId + ".wav";
		assertThat(recordingFile(callId)).isEqualTo(file);
		byte[] onDisk = Files.readAllBytes(TestServices.recordings().resolve(file));
		byte[] whole = as(scene.owner().login()).get()
			.uri("/api/calls/{id}/recording", callId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.parseMediaType("audio/wav"))
			.expectHeader()
			.valueEquals(HttpHeaders.ACCEPT_RANGES, "bytes")
			.expectHeader()
			.contentLength(WAV_BYTES)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(whole).hasSize(WAV_BYTES).isEqualTo(onDisk);
		assertThat(new String(whole, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
		assertThat(new String(whole, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");

		byte[] header = as(scene.owner().login()).get()
			.uri("/api/calls/{id}/recording", callId)
			.header(HttpHeaders.RANGE, "bytes=0-11")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 0-11/" + WAV_BYTES)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(header).isEqualTo(Arrays.copyOfRange(onDisk, 0, 12));

		byte[] middle = as(scene.owner().login()).get()
			.uri("/api/calls/{id}/recording", callId)
			.header(HttpHeaders.RANGE, "bytes=8000-8999")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 8000-8999/" + WAV_BYTES)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(middle).isEqualTo(Arrays.copyOfRange(onDisk, 8000, 9000));

		as(scene.owner().login()).get()
			.uri("/api/clients/{id}/recordings", scene.client().id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].callId")
			.isEqualTo(callId)
			.jsonPath("$[0].recording")
			.isEqualTo("/api/calls/" + callId + "/recording");
	}

	@Test
	void anotherManagerAndTheWarehouseAreRefusedWhileTheLeadsAndSupervisorsListen() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(RING).ready();
		String callId = recordedCall(scene);

		for (Role refused : new Role[] { Role.MANAGER, Role.WAREHOUSE }) {
			Employee other = data.employee(refused);
			as(other.login()).get()
				.uri("/api/calls/{id}/recording", callId)
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			as(other.login()).get()
				.uri("/api/clients/{id}/recordings", scene.client().id())
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.json("[]");
		}
		for (Employee allowed : new Employee[] { scene.head(), data.employee(Role.SUPERVISOR),
				data.employee(Role.ADMIN) }) {
			as(allowed.login()).get()
				.uri("/api/calls/{id}/recording", callId)
				.header(HttpHeaders.RANGE, "bytes=0-3")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.PARTIAL_CONTENT)
				.expectBody(String.class)
				.isEqualTo("RIFF");
		}
	}

	@Test
	void anUnknownCallIsNotFound() {
		as(data.employee(Role.SUPERVISOR).login()).get()
			.uri("/api/calls/{id}/recording", "1.no-such-call")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aCallNobodyAnsweredHasNoRecordingAndSaysSo() {
		CallScene scene = scenes.aClient().ownerAvailable().everyPhone(PhoneBehaviour.neverAnswers()).ready();

		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number())).ended().block(CALL);
		await().atMost(CALL).until(() -> count(call.linkedid()) == 1);

		assertThat(call.answered()).isFalse();
		assertThat(recordingFile(call.linkedid())).isNull();
		as(scene.owner().login()).get()
			.uri("/api/calls/{id}/recording", call.linkedid())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("No recording");
	}

	/** Places a call the owner answers, and waits until it is recorded with its file. */
	private String recordedCall(CallScene scene) {
		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(TALK)).ended().block(CALL);
		assertThat(call.answeredBy()).isEqualTo(scene.owner().extension());
		await().atMost(CALL).until(() -> recordingFile(call.linkedid()) != null);
		Path wav = TestServices.recordings().resolve(recordingFile(call.linkedid()));
		await().atMost(CALL).until(() -> Files.isRegularFile(wav));
		return call.linkedid();
	}

	/** The call's recording_file; null while the call is not recorded, or has none. */
	private String recordingFile(String callId) {
		Map<String, Object> row = db.sql("select recording_file from calls where id = :id")
			.bind("id", callId)
			.fetch()
			.one()
			.block(CALL);
		return (row == null) ? null : (String) row.get("recording_file");
	}

	private long count(String callId) {
		return db.sql("select count(*) as n from calls where id = :id")
			.bind("id", callId)
			.map(row -> row.get("n", Long.class))
			.one()
			.block(CALL);
	}

}

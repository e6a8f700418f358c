package io.ringside.recordings;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

import io.ringside.recordings.CallAudioIndex.StoredCall;
import io.ringside.team.Employee;
import io.ringside.team.Role;
import io.ringside.web.ForbiddenException;
import io.ringside.web.NotFoundException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link CallAudio} answers, rendered by WebFlux as a controller would render it,
 * from a folder and through a real web server on a random port (the proxy), without a
 * database: the calls it knows are given here.
 */
class CallAudioTests {

	private static final Employee OWNER = new Employee(1, "owner", "Owner", Role.MANAGER, "PJSIP/101", true, null);

	private static final Employee OTHER = new Employee(2, "other", "Other", Role.MANAGER, "PJSIP/102", true, null);

	private static final byte[] AUDIO = audio();

	@TempDir
	Path folder;

	@TempDir
	Path elsewhere;

	private final Map<String, StoredCall> calls = new ConcurrentHashMap<>();

	private final List<String> served = new CopyOnWriteArrayList<>();

	private DisposableServer recordingsServer;

	@BeforeEach
	void startTheRecordingsServer() {
		recordingsServer = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route(routes -> routes.get("/recordings/**", (request, response) -> {
				String range = request.requestHeaders().get(HttpHeaders.RANGE);
				served.add(request.uri() + (range == null ? "" : " " + range));
				if (request.uri().endsWith("broken.wav")) {
					return response.status(500).send();
				}
				if (!request.uri().endsWith("/2026/12/05/call%201.wav")) {
					return response.status(404).send();
				}
				Matcher bytes = Pattern.compile("bytes=(\\d+)-(\\d+)").matcher(range == null ? "" : range);
				if (bytes.matches()) {
					int from = Integer.parseInt(bytes.group(1));
					int to = Integer.parseInt(bytes.group(2));
					return response.status(206)
						.header(HttpHeaders.CONTENT_TYPE, "audio/x-wav")
						.header(HttpHeaders.CONTENT_RANGE, "bytes " + from + "-" + to + "/" + AUDIO.length)
						.header(HttpHeaders.CONTENT_LENGTH, String.valueOf(to - from + 1))
						.sendByteArray(Mono.just(Arrays.copyOfRange(AUDIO, from, to + 1)));
				}
				return response.header(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
					.header(HttpHeaders.ACCEPT_RANGES, "bytes")
					.header(HttpHeaders.CONTENT_LENGTH, String.valueOf(AUDIO.length))
					.sendByteArray(Mono.just(AUDIO));
			}))
			.bindNow();
	}

	@AfterEach
	void stopTheRecordingsServer() {
		recordingsServer.disposeNow();
	}

	@Test
	void aFileFromTheFolderPlaysWholeAndByRanges() throws IOException {
		Files.createDirectories(folder.resolve("2026/12/05"));
		Files.write(folder.resolve("2026/12/05/1.1.wav"), AUDIO);
		calls.put("1.1", new StoredCall("1.1", "2026/12/05/1.1.wav", OWNER.id()));
		WebTestClient web = player(new CallAudioSettings(folder, null), OWNER);

		web.get()
			.uri("/play/1.1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("audio/wav")
			.expectHeader()
			.valueEquals(HttpHeaders.ACCEPT_RANGES, "bytes")
			.expectBody(byte[].class)
			.isEqualTo(AUDIO);
		web.get()
			.uri("/play/1.1")
			.header(HttpHeaders.RANGE, "bytes=4-7")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 4-7/" + AUDIO.length)
			.expectBody(byte[].class)
			.isEqualTo(Arrays.copyOfRange(AUDIO, 4, 8));
	}

	@Test
	void nothingOutsideTheFolderIsServedWhateverThePbxNamed() throws IOException {
		Files.write(elsewhere.resolve("secret.wav"), AUDIO);
		Files.createSymbolicLink(folder.resolve("link.wav"), elsewhere.resolve("secret.wav"));
		Path relative = folder.relativize(elsewhere.resolve("secret.wav"));
		List<String> names = List.of(relative.toString(), elsewhere.resolve("secret.wav").toString(), "link.wav",
				"a/../../" + elsewhere.getFileName() + "/secret.wav", "./link.wav", "a\\..\\secret.wav");
		WebTestClient web = player(new CallAudioSettings(folder, null), OWNER);

		for (int i = 0; i < names.size(); i++) {
			calls.put("2." + i, new StoredCall("2." + i, names.get(i), OWNER.id()));
			web.get()
				.uri("/play/2." + i)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectBody()
				.jsonPath("$.title")
				.isEqualTo("Recording not found");
		}
	}

	@Test
	void aCallWithoutARecordingOrAMissingFileIsNotFoundAndSaysWhich() {
		calls.put("3.1", new StoredCall("3.1", null, OWNER.id()));
		calls.put("3.2", new StoredCall("3.2", "3.2.wav", OWNER.id()));
		WebTestClient web = player(new CallAudioSettings(folder, null), OWNER);

		web.get()
			.uri("/play/3.1")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("No recording");
		web.get()
			.uri("/play/3.2")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Recording not found");
		web.get().uri("/play/3.3").exchange().expectStatus().isNotFound();
		player(new CallAudioSettings(null, null), OWNER).get()
			.uri("/play/3.2")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Recordings not available");
	}

	@Test
	void anotherManagerMayNotHearTheCallOfSomeoneElsesClient() throws IOException {
		Files.write(folder.resolve("4.1.wav"), AUDIO);
		calls.put("4.1", new StoredCall("4.1", "4.1.wav", OWNER.id()));
		calls.put("4.2", new StoredCall("4.2", "4.1.wav", null));

		player(new CallAudioSettings(folder, null), OTHER).get()
			.uri("/play/4.1")
			.exchange()
			.expectStatus()
			.isForbidden();
		player(new CallAudioSettings(folder, null), OWNER).get()
			.uri("/play/4.2")
			.exchange()
			.expectStatus()
			.isForbidden();
		player(new CallAudioSettings(folder, null),
				new Employee(3, "supervisor", "Supervisor", Role.SUPERVISOR, null, true, null))
			.get()
			.uri("/play/4.2")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void throughTheBaseUrlTheRangeGoesToTheServerAndItsAnswerComesBack() {
		calls.put("5.1", new StoredCall("5.1", "2026/12/05/call 1.wav", OWNER.id()));
		WebTestClient web = player(new CallAudioSettings(folder, base()), OWNER);

		web.get()
			.uri("/play/5.1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("audio/wav")
			.expectHeader()
			.contentLength(AUDIO.length)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCEPT_RANGES, "bytes")
			.expectBody(byte[].class)
			.isEqualTo(AUDIO);
		web.get()
			.uri("/play/5.1")
			.header(HttpHeaders.RANGE, "bytes=100-199")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectHeader()
			.contentType("audio/x-wav")
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 100-199/" + AUDIO.length)
			.expectBody(byte[].class)
			.isEqualTo(Arrays.copyOfRange(AUDIO, 100, 200));

		assertThat(served).containsExactly("/recordings/2026/12/05/call%201.wav",
				"/recordings/2026/12/05/call%201.wav bytes=100-199");
	}

	@Test
	void aFileTheServerDoesNotHaveIsNotFoundAndAFailingServerIsABadGateway() {
		calls.put("6.1", new StoredCall("6.1", "6.1.wav", OWNER.id()));
		calls.put("6.2", new StoredCall("6.2", "broken.wav", OWNER.id()));
		calls.put("6.3", new StoredCall("6.3", "../6.1.wav", OWNER.id()));
		WebTestClient web = player(new CallAudioSettings(null, URI.create(base().toString().replaceAll("/$", ""))),
				OWNER);

		web.get()
			.uri("/play/6.1")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Recording not found");
		web.get().uri("/play/6.2").exchange().expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY);
		web.get().uri("/play/6.3").exchange().expectStatus().isNotFound();

		assertThat(served).containsExactly("/recordings/6.1.wav", "/recordings/broken.wav");
	}

	@Test
	void aRecordingsServerThatDoesNotAnswerIsABadGateway() {
		calls.put("7.1", new StoredCall("7.1", "7.1.wav", OWNER.id()));
		DisposableServer gone = HttpServer.create().host("127.0.0.1").port(0).bindNow();
		URI nobody = URI.create("http://127.0.0.1:" + gone.port() + "/recordings/");
		gone.disposeNow();

		player(new CallAudioSettings(null, nobody), OWNER).get()
			.uri("/play/7.1")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Recordings server unreachable");
	}

	private URI base() {
		return URI.create("http://127.0.0.1:" + recordingsServer.port() + "/recordings/");
	}

	private WebTestClient player(CallAudioSettings settings, Employee listener) {
		CallAudio audio = new CallAudio(new KnownCalls(calls), settings);
		return WebTestClient.bindToController(new Player(audio, listener)).controllerAdvice(new Problems()).build();
	}

	/** A few bytes that are recognisably a WAV file, and differ along their length. */
	private static byte[] audio() {
		byte[] bytes = new byte[1000];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 7);
		}
		System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
		return bytes;
	}

	/** The calls this test gives, instead of the database's. */
	static final class KnownCalls extends CallAudioIndex {

		private final Map<String, StoredCall> calls;

		KnownCalls(Map<String, StoredCall> calls) {
			super(null);
			this.calls = calls;
		}

		@Override
		Mono<StoredCall> call(String callId) {
			return Mono.justOrEmpty(calls.get(callId));
		}

		@Override
		Flux<StoredCall> ofClient(long clientId) {
			return Flux.fromIterable(calls.values());
		}

	}

	@RestController
	static final class Player {

		private final CallAudio audio;

		private final Employee listener;

		Player(CallAudio audio, Employee listener) {
			this.audio = audio;
			this.listener = listener;
		}

		@GetMapping("/play/{callId}")
		Mono<Void> play(@PathVariable String callId, ServerWebExchange exchange) {
			return audio.play(callId, listener, exchange);
		}

	}

	/** The application's problem documents for the exceptions CallAudio raises. */
	@RestControllerAdvice
	static final class Problems extends ResponseEntityExceptionHandler {

		@ExceptionHandler
		ProblemDetail notFound(NotFoundException ex) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		}

		@ExceptionHandler
		ProblemDetail forbidden(ForbiddenException ex) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
		}

	}

}

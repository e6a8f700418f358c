package io.ringside.recordings;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ResourceHttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import io.ringside.recordings.AudioFolder.UnsafeFile;
import io.ringside.recordings.CallAudioIndex.StoredCall;
import io.ringside.team.Employee;
import io.ringside.web.ForbiddenException;
import io.ringside.web.NotFoundException;

/**
 * The recordings of calls, for those who may hear them ({@link WhoMayListen}): a call's
 * audio as an HTTP answer, and the recorded calls of a client. The audio comes from the
 * web server at {@code ringside.recordings.base-url} when it is set, else from the folder
 * {@code ringside.recordings.directory}. Nothing here blocks: the file system is looked
 * at on boundedElastic threads, the rest is reactive.
 */
@Component
public class CallAudio {

	private static final Log log = LogFactory.getLog(CallAudio.class);

	/**
	 * WebFlux's writer of resources, which answers {@code Range} requests (206, several
	 * ranges as multipart/byteranges, 416) and streams files without copying them.
	 */
	private static final ResourceHttpMessageWriter FILES = new ResourceHttpMessageWriter();

	private static final ResolvableType RESOURCE = ResolvableType.forClass(Resource.class);

	private final CallAudioIndex index;

	private final @Nullable AudioFolder folder;

	private final @Nullable AudioProxy proxy;

	CallAudio(CallAudioIndex index, CallAudioSettings settings) {
		this.index = index;
		URI baseUrl = settings.baseUrl();
		Path directory = settings.directory();
		this.proxy = (baseUrl != null) ? new AudioProxy(baseUrl) : null;
		this.folder = (baseUrl == null && directory != null) ? new AudioFolder(directory) : null;
		if (baseUrl != null) {
			log.info("Call recordings are fetched from " + baseUrl);
		}
		else if (directory != null) {
			log.info("Call recordings are read from " + directory.toAbsolutePath());
		}
	}

	/**
	 * Answers the request with the call's audio: 200 with the whole file, or 206 with the
	 * bytes its {@code Range} asks for (a file from the folder through WebFlux's own
	 * range support for resources, a proxied one as the server answered). An error
	 * {@link NotFoundException} when there is no such call, {@link ForbiddenException}
	 * when the listener may not hear it, and a 404 problem when it has no recording or
	 * the file cannot be found; nothing is written then.
	 */
	public Mono<Void> play(String callId, Employee listener, ServerWebExchange exchange) {
		return index.call(callId)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Call", callId)))
			.flatMap(call -> {
				if (!WhoMayListen.mayHear(listener, call.ownerId())) {
					return Mono.error(new ForbiddenException(
							"Only the client's owner, the head of sales, supervisors and the admin hear recordings"));
				}
				return audio(call, exchange);
			});
	}

	/**
	 * The client's calls that have a recording, newest first; none when the listener may
	 * not hear them or recordings are not configured.
	 */
	public Flux<String> recordedCalls(long clientId, Employee listener) {
		if (folder == null && proxy == null) {
			return Flux.empty();
		}
		return index.ofClient(clientId)
			.filter(call -> WhoMayListen.mayHear(listener, call.ownerId()))
			.map(StoredCall::id);
	}

	private Mono<Void> audio(StoredCall call, ServerWebExchange exchange) {
		String file = call.file();
		if (file == null) {
			return Mono.error(AudioProblems.noRecording(call.id()));
		}
		List<String> segments = RecordingPath.segments(file);
		if (segments == null) {
			log.warn("Not serving the recording of call " + call.id() + ": the PBX named an unsafe file");
			return Mono.error(AudioProblems.unsafeName(call.id()));
		}
		MediaType type = AudioTypes.of(file);
		ServerHttpResponse response = exchange.getResponse();
		if (proxy != null) {
			String range = exchange.getRequest().getHeaders().getFirst(HttpHeaders.RANGE);
			return proxy.fetch(call.id(), segments, range, type)
				.switchIfEmpty(Mono.error(() -> AudioProblems.fileMissing(call.id())))
				.flatMap(answer -> {
					response.setStatusCode(answer.getStatusCode());
					response.getHeaders().putAll(answer.getHeaders());
					Flux<DataBuffer> body = answer.getBody();
					return response.writeWith(body != null ? body : Flux.empty());
				});
		}
		if (folder != null) {
			return folder.open(segments)
				.switchIfEmpty(Mono.error(() -> AudioProblems.fileMissing(call.id())))
				.onErrorMap(UnsafeFile.class, unsafe -> {
					log.warn("Not serving the recording of call " + call.id() + ": its file is outside the folder");
					return AudioProblems.unsafeName(call.id());
				})
				.flatMap(resource -> FILES.write(Mono.just(resource), RESOURCE, RESOURCE, type, exchange.getRequest(),
						response, Map.of()));
		}
		return Mono.error(AudioProblems.notConfigured());
	}

}

package io.ringside.recordings;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Recordings fetched from a web server ({@code ringside.recordings.base-url}, e.g. the
 * PBX's own web server over its recordings folder) and passed through as they arrive,
 * never held whole in memory. The listener's {@code Range} goes to the server, and its
 * answer comes back with its status (200, 206) and the headers that describe the bytes
 * ({@code Content-Type}, {@code Content-Length}, {@code Content-Range},
 * {@code Accept-Ranges}, {@code ETag}, {@code Last-Modified}); a 404 there is a 404 here,
 * 416 stays 416, any other answer, or none at all, is a 502.
 */
final class AudioProxy {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final List<String> PASSED_ON = List.of(HttpHeaders.CONTENT_LENGTH, HttpHeaders.CONTENT_RANGE,
			HttpHeaders.ACCEPT_RANGES, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED);

	private final URI base;

	private final WebClient web;

	AudioProxy(URI base) {
		this.base = base;
		this.web = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(PATIENCE)))
			.build();
	}

	/** Where a recording's file is on the server: its segments under the base address. */
	URI address(List<String> segments) {
		return UriComponentsBuilder.fromUri(base).pathSegment(segments.toArray(String[]::new)).encode().build().toUri();
	}

	/**
	 * The server's answer for this file, its body streamed; empty when the server has no
	 * such file.
	 * @param range the listener's {@code Range} header, passed on as it is; null for the
	 * whole file
	 */
	Mono<ResponseEntity<Flux<DataBuffer>>> fetch(String callId, List<String> segments, @Nullable String range,
			MediaType fallbackType) {
		return web.get().uri(address(segments)).headers(headers -> {
			if (range != null) {
				headers.set(HttpHeaders.RANGE, range);
			}
		})
			.retrieve()
			.toEntityFlux(DataBuffer.class)
			.map(upstream -> passedOn(upstream, fallbackType))
			.onErrorResume(WebClientResponseException.class, failed -> {
				int status = failed.getStatusCode().value();
				if (status == HttpStatus.NOT_FOUND.value()) {
					return Mono.empty();
				}
				if (status == HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value()) {
					return Mono.just(unsatisfiable(failed.getHeaders()));
				}
				return Mono.error(AudioProblems.upstream(callId, status));
			})
			.onErrorMap(WebClientRequestException.class, unreachable -> AudioProblems.unreachable(callId));
	}

	private static ResponseEntity<Flux<DataBuffer>> passedOn(ResponseEntity<Flux<DataBuffer>> upstream,
			MediaType fallbackType) {
		HttpHeaders headers = new HttpHeaders();
		MediaType type = upstream.getHeaders().getContentType();
		boolean vague = type == null || MediaType.APPLICATION_OCTET_STREAM.equalsTypeAndSubtype(type);
		headers.setContentType(vague ? fallbackType : type);
		for (String name : PASSED_ON) {
			List<String> values = upstream.getHeaders().get(name);
			if (values != null) {
				headers.put(name, values);
			}
		}
		Flux<DataBuffer> body = upstream.getBody();
		return ResponseEntity.status(upstream.getStatusCode())
			.headers(headers)
			.body(body != null ? body : Flux.empty());
	}

	private static ResponseEntity<Flux<DataBuffer>> unsatisfiable(HttpHeaders upstream) {
		HttpHeaders headers = new HttpHeaders();
		String contentRange = upstream.getFirst(HttpHeaders.CONTENT_RANGE);
		if (contentRange != null) {
			headers.set(HttpHeaders.CONTENT_RANGE, contentRange);
		}
		return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE).headers(headers).body(Flux.empty());
	}

}

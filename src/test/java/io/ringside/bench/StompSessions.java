package io.ringside.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * Many STOMP sessions at once for the benchmark, as light as a client can be: Reactor
 * Netty's WebSocket client on its event loops (no thread per session, no connection
 * pool), frames written and read as text without a STOMP codec. Each session opens on its
 * person's session cookie from the sign-in form, sends CONNECT without heart-beats,
 * subscribes to the given destinations and counts as ready when the RECEIPT of its last
 * SUBSCRIBE arrives. Every MESSAGE body goes to the listener, on the event loop that read
 * it, with the time it was read.
 */
final class StompSessions implements AutoCloseable {

	/** Called on a Netty event loop for every MESSAGE: keep it short. */
	interface Listener {

		void message(String login, String body, long receivedNanos);

	}

	private final HttpClient http;

	private final HttpClient forms = HttpClient.create().responseTimeout(Duration.ofSeconds(60));

	private final URI uri;

	private final List<Disposable> open = new CopyOnWriteArrayList<>();

	StompSessions(URI uri) {
		this.uri = uri;
		this.http = HttpClient.newConnection().responseTimeout(Duration.ofSeconds(30));
	}

	/**
	 * Signs {@code logins} people in with the sign-in form (as a page does: one BCrypt
	 * check each, at most {@code signIns} at a time, since they queue for the two cores
	 * anyway), then opens {@code sessions} sessions on their session cookies, session i
	 * as person {@code i % logins} (several pages of one person share the cookie, as a
	 * browser's tabs do), at most {@code concurrency} handshakes at a time; returns when
	 * all are subscribed.
	 * <p>
	 * Not HTTP Basic at each handshake: with Basic every handshake is a BCrypt check
	 * (about 100 ms of a core here), which would measure BCrypt, not sessions.
	 * @param login login of person i (0-based)
	 */
	void open(int sessions, int logins, int signIns, int concurrency, IntFunction<String> login, String password,
			List<String> destinations, Listener listener, Duration timeout) {
		String[] cookies = new String[logins];
		Flux.range(0, logins)
			.flatMap(i -> signIn(login.apply(i), password).doOnNext(cookie -> cookies[i] = cookie), signIns)
			.then()
			.block(timeout);
		Flux.range(0, sessions)
			.flatMap(i -> session(login.apply(i % logins), cookies[i % logins], destinations, listener), concurrency)
			.then()
			.block(timeout);
	}

	/**
	 * POST /login as the form does, CSRF token in cookie and (masked) field; the SESSION
	 * cookie it sets.
	 */
	private Mono<String> signIn(String login, String password) {
		String token = UUID.randomUUID().toString();
		return forms.headers(headers -> headers.set(HttpHeaderNames.COOKIE, "XSRF-TOKEN=" + token))
			.post()
			.uri(uri.toString().replaceFirst("^ws", "http").replaceFirst("/ws$", "/login"))
			.sendForm((request,
					form) -> form.attr("username", login).attr("password", password).attr("_csrf", masked(token)))
			.responseSingle((response, body) -> body.then(Mono.fromCallable(() -> {
				for (String cookie : response.responseHeaders().getAll(HttpHeaderNames.SET_COOKIE)) {
					if (cookie.startsWith("SESSION=") && response.status().code() == 302) {
						return cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
					}
				}
				throw new IllegalStateException(login + " not signed in: " + response.status() + " "
						+ response.responseHeaders().get(HttpHeaderNames.LOCATION));
			})));
	}

	/**
	 * The CSRF token as Spring Security masks it in pages: random bytes, then the token
	 * XOR those bytes.
	 */
	private static String masked(String token) {
		byte[] plain = token.getBytes(StandardCharsets.UTF_8);
		byte[] random = new byte[plain.length];
		new SecureRandom().nextBytes(random);
		byte[] combined = new byte[plain.length * 2];
		System.arraycopy(random, 0, combined, 0, random.length);
		for (int i = 0; i < plain.length; i++) {
			combined[plain.length + i] = (byte) (plain[i] ^ random[i]);
		}
		return Base64.getUrlEncoder().encodeToString(combined);
	}

	int size() {
		return open.size();
	}

	/**
	 * Completes when the session is subscribed; the session stays open until
	 * {@link #close()}.
	 */
	private Mono<Void> session(String login, String cookie, List<String> destinations, Listener listener) {
		Sinks.One<Void> ready = Sinks.one();
		StringBuilder frames = new StringBuilder();
		frames.append("CONNECT\naccept-version:1.2\nhost:ringside\nheart-beat:0,0\n\n\0");
		for (int d = 0; d < destinations.size(); d++) {
			frames.append("SUBSCRIBE\nid:sub-").append(d).append("\ndestination:").append(destinations.get(d));
			if (d == destinations.size() - 1) {
				frames.append("\nreceipt:subscribed");
			}
			frames.append("\n\n\0");
		}
		List<String> out = List.of(frames.toString().split("(?<=\0)"));
		Disposable connection = http.headers(headers -> headers.set(HttpHeaderNames.COOKIE, cookie))
			.websocket(WebsocketClientSpec.builder().protocols("v12.stomp").maxFramePayloadLength(1 << 20).build())
			.uri(uri)
			.handle((inbound, outbound) -> {
				Mono<Void> reading = inbound.aggregateFrames(1 << 20)
					.receiveFrames()
					.filter(TextWebSocketFrame.class::isInstance)
					.doOnNext(frame -> {
						long now = System.nanoTime();
						String text = ((TextWebSocketFrame) frame).text();
						if (text.startsWith("MESSAGE")) {
							int body = text.indexOf("\n\n");
							listener.message(login, text.substring(body + 2, text.length() - 1), now);
						}
						else if (text.startsWith("RECEIPT")) {
							ready.tryEmitEmpty();
						}
						else if (text.startsWith("ERROR")) {
							ready.tryEmitError(new IllegalStateException(login + ": " + text.trim()));
						}
					})
					.then();
				return Mono.when(outbound.sendString(Flux.fromIterable(out)).then(), reading);
			})
			.then()
			.subscribe(done -> {
			}, error -> ready.tryEmitError(error),
					() -> ready.tryEmitError(new IllegalStateException(login + ": the server closed the session")));
		open.add(connection);
		return ready.asMono();
	}

	@Override
	public void close() {
		open.forEach(Disposable::dispose);
		open.clear();
	}

}

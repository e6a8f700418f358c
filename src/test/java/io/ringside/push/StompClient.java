package io.ringside.push;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * A STOMP client for tests on Reactor Netty's WebSocket client and spring-messaging's
 * STOMP codec, the same codec the server uses. Frames queued before the socket opens are
 * written the moment the upgrade completes, as a browser does. Every frame received is
 * kept (heart-beats as frames without a command) for StepVerifier. Public for the tests
 * of the modules that push (pops, dashboard, warehouse); used from the test thread,
 * frames arrive on Netty's.
 */
public final class StompClient implements AutoCloseable {

	private static final ReactorNettyWebSocketClient sockets = new ReactorNettyWebSocketClient();

	private final Sinks.Many<byte[]> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<Message<byte[]>> received = Sinks.many().replay().all();

	private final Sinks.One<String> handshake = Sinks.one();

	private final Sinks.Empty<Void> resumed = Sinks.empty();

	private final Disposable connection;

	private StompClient(URI uri, HttpHeaders headers, boolean reading, List<String> subprotocols) {
		BufferingStompDecoder decoder = new BufferingStompDecoder(new StompDecoder(), 16 * 1024 * 1024);
		WebSocketHandler handler = new WebSocketHandler() {

			@Override
			public List<String> getSubProtocols() {
				return subprotocols;
			}

			@Override
			public Mono<Void> handle(WebSocketSession session) {
				handshake.tryEmitValue(String.valueOf(session.getHandshakeInfo().getSubProtocol()));
				Flux<WebSocketMessage> inbound = session.receive();
				if (reading) {
					resumed.tryEmitEmpty();
				}
				Mono<Void> in = inbound.map(StompClient::bytes)
					.concatMap(bytes -> resumed.asMono().thenReturn(bytes), 1)
					.concatMapIterable(bytes -> decoder.decode(ByteBuffer.wrap(bytes)))
					.doOnNext(frame -> received.emitNext(frame, Sinks.EmitFailureHandler.FAIL_FAST))
					.then();
				Mono<Void> out = session.send(outbound.asFlux()
					.map(frame -> new WebSocketMessage(WebSocketMessage.Type.TEXT,
							session.bufferFactory().wrap(frame))));
				return Mono.when(in, out);
			}

		};
		this.connection = sockets.execute(uri, headers, handler)
			.doFinally(signal -> received.tryEmitComplete())
			.subscribe(done -> {
			}, error -> received.tryEmitError(error));
	}

	/** Opens a socket signed in with HTTP Basic and writes a CONNECT at once. */
	public static StompClient connect(URI uri, String login, String password, String heartbeat) {
		StompClient client = open(uri, basic(login, password), true);
		client.send(StompCommand.CONNECT,
				Map.of("accept-version", "1.2,1.1", "host", "ringside", "heart-beat", heartbeat));
		return client;
	}

	/**
	 * Opens a socket that takes a frame and then reads nothing more until
	 * {@link #resumeReading()}: a client that stopped reading (its TCP window fills up).
	 */
	public static StompClient connectWithoutReading(URI uri, String login, String password) {
		StompClient client = open(uri, basic(login, password), false);
		client.send(StompCommand.CONNECT, Map.of("accept-version", "1.2", "heart-beat", "0,0"));
		return client;
	}

	public static StompClient open(URI uri, HttpHeaders headers, boolean reading) {
		return open(uri, headers, reading, List.of("v12.stomp", "v11.stomp"));
	}

	public static StompClient open(URI uri, HttpHeaders headers, boolean reading, List<String> subprotocols) {
		return new StompClient(uri, headers, reading, subprotocols);
	}

	public static HttpHeaders basic(String login, String password) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(login, password);
		return headers;
	}

	public StompClient send(StompCommand command, Map<String, String> headers) {
		return send(command, headers, new byte[0]);
	}

	public StompClient send(StompCommand command, Map<String, String> headers, byte[] body) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
		headers.forEach((name, value) -> {
			if (name.equals("passcode")) {
				accessor.setPasscode(value);
			}
			else {
				accessor.setNativeHeader(name, value);
			}
		});
		return sendRaw(new StompEncoder().encode(MessageBuilder.createMessage(body, accessor.getMessageHeaders())));
	}

	public StompClient subscribe(String id, String destination) {
		return send(StompCommand.SUBSCRIBE, Map.of("id", id, "destination", destination));
	}

	/** A client opened without reading starts reading now, from where it stopped. */
	public void resumeReading() {
		resumed.tryEmitEmpty();
	}

	/** Writes these bytes as one WebSocket text frame, whatever they are. */
	public StompClient sendRaw(byte[] frame) {
		outbound.emitNext(frame, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
		return this;
	}

	public StompClient sendRaw(String frame) {
		return sendRaw(frame.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Every frame received, from the first, heart-beats included; completes when the
	 * socket closes.
	 */
	public Flux<Message<byte[]>> frames() {
		return received.asFlux();
	}

	/** The frames received that are not heart-beats. */
	public Flux<Message<byte[]>> commands() {
		return frames().filter(frame -> command(frame) != null);
	}

	public static StompCommand command(Message<byte[]> frame) {
		return StompHeaderAccessor.wrap(frame).getCommand();
	}

	public static String header(Message<byte[]> frame, String name) {
		return StompHeaderAccessor.wrap(frame).getFirstNativeHeader(name);
	}

	public static String body(Message<byte[]> frame) {
		return new String(frame.getPayload(), StandardCharsets.UTF_8);
	}

	/** The subprotocol the server chose ("null" for none), once the socket opened. */
	public Mono<String> subprotocol() {
		return handshake.asMono();
	}

	@Override
	public void close() {
		connection.dispose();
	}

	private static byte[] bytes(WebSocketMessage message) {
		DataBuffer payload = message.getPayload();
		byte[] bytes = new byte[payload.readableByteCount()];
		payload.read(bytes);
		return bytes;
	}

}

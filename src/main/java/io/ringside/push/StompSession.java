package io.ringside.push;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * One client's STOMP session: who it is, what it subscribed to, and its outbound frames.
 * <p>
 * Outbound frames wait in an unbounded queue whose length is counted: when more than
 * {@code limit} frames wait for the socket (the client does not read), the session stops
 * taking frames, gets one last ERROR "too slow" and is closed. So {@link #send} never
 * blocks and never drops a frame silently: a frame is either queued or the session is
 * over. {@link #send} may be called from any thread (the session's own event loop, Redis
 * listener threads, other sessions' event loops); emissions are serialised by a short
 * spin, never by a lock.
 */
final class StompSession {

	private final String id;

	private final int limit;

	/**
	 * Grows in links of 16: most sessions have nothing waiting most of the time, and
	 * there may be 10,000 of them.
	 */
	private final Sinks.Many<byte[]> outbound = Sinks.many()
		.unicast()
		.onBackpressureBuffer(Queues.<byte[]>unbounded(16).get());

	private final AtomicInteger waiting = new AtomicInteger();

	private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

	private final Sinks.One<Heartbeat> connected = Sinks.one();

	private final Sinks.Empty<Void> ended = Sinks.empty();

	private final Sinks.Empty<Void> tooSlow = Sinks.empty();

	private volatile @Nullable User user;

	private volatile @Nullable Heartbeat negotiated;

	private volatile boolean closing;

	StompSession(String id, int limit) {
		this.id = id;
		this.limit = limit;
	}

	String id() {
		return id;
	}

	/** The signed-in employee; null until CONNECT was accepted. */
	@Nullable User user() {
		return user;
	}

	/**
	 * The signed-in employee of a session that is connected: only such a session's frames
	 * and lifecycle get this far.
	 */
	User connectedUser() {
		User signedIn = user;
		if (signedIn == null) {
			throw new IllegalStateException("STOMP session " + id + " is not connected");
		}
		return signedIn;
	}

	boolean isConnected() {
		return user != null;
	}

	boolean isClosing() {
		return closing;
	}

	/**
	 * Accepts the CONNECT: from now on the session is this employee's, with these
	 * heart-beats.
	 */
	void connect(User user, Heartbeat heartbeat) {
		this.user = user;
		this.negotiated = heartbeat;
		connected.tryEmitValue(heartbeat);
	}

	/** The negotiated heart-beats; null until CONNECT was accepted. */
	@Nullable Heartbeat negotiated() {
		return negotiated;
	}

	/** The negotiated heart-beats, once CONNECT was accepted. */
	Mono<Heartbeat> heartbeat() {
		return connected.asMono();
	}

	/** Queues a frame; false when the session is closing (the frame is not sent). */
	boolean send(byte[] frame) {
		synchronized (outbound) {
			if (closing) {
				return false;
			}
			if (waiting.incrementAndGet() > limit) {
				waiting.decrementAndGet();
				tooSlow();
				return false;
			}
			// Frames come from the Redis relay, local pushes and the session's own
			// replies at once: the lock keeps the
			// sink's emissions serial (a busy-looping retry could give up under load and
			// lose the frame).
			if (outbound.tryEmitNext(frame).isFailure()) {
				waiting.decrementAndGet();
				return false;
			}
			return true;
		}
	}

	/**
	 * Sends a MESSAGE for every subscription of this session to that (canonical)
	 * destination; how many were sent.
	 */
	int deliver(String destination, String messageId, byte[] json) {
		int sent = 0;
		for (Subscription subscription : subscriptions.values()) {
			if (subscription.destination().equals(destination)
					&& send(Frames.message(subscription.id(), subscription.asSubscribed(), messageId, json))) {
				sent++;
			}
		}
		return sent;
	}

	boolean isSubscribedTo(String destination) {
		return subscriptions.values().stream().anyMatch(subscription -> subscription.destination().equals(destination));
	}

	/** Adds a subscription; false when this id is taken already. */
	boolean subscribe(Subscription subscription) {
		return subscriptions.putIfAbsent(subscription.id(), subscription) == null;
	}

	int subscriptions() {
		return subscriptions.size();
	}

	void unsubscribe(String subscriptionId) {
		subscriptions.remove(subscriptionId);
	}

	/**
	 * Ends the session with an ERROR frame (after any frames already queued); the
	 * connection is then closed.
	 */
	void fail(String message, @Nullable String receiptId) {
		finish(Frames.error(message, receiptId));
	}

	/**
	 * Ends the session after the frames already queued, with this last one if not null.
	 */
	void finish(byte @Nullable [] lastFrame) {
		synchronized (outbound) {
			if (closing) {
				return;
			}
			closing = true;
			if (lastFrame != null) {
				waiting.incrementAndGet();
				outbound.tryEmitNext(lastFrame);
			}
			outbound.tryEmitComplete();
		}
		ended.tryEmitEmpty();
	}

	private void tooSlow() {
		if (tooSlow.tryEmitEmpty() == Sinks.EmitResult.OK) {
			finish(Frames.error("too slow: more than " + limit + " frames waiting for this client", null));
		}
	}

	/**
	 * The frames to write, in order, with heart-beats once connected; completes after the
	 * last frame when the session ends. One subscriber: the WebSocket's send side.
	 */
	Flux<byte[]> frames() {
		Flux<byte[]> heartbeats = heartbeat().map(Heartbeat::sendEvery)
			.flatMapMany(every -> every.isZero() ? Flux.<byte[]>empty()
					: Flux.interval(every, every)
						.onBackpressureDrop()
						.filter(tick -> !closing)
						.map(tick -> Frames.HEARTBEAT))
			.takeUntilOther(ended.asMono());
		return outbound.asFlux().doOnNext(frame -> waiting.decrementAndGet()).mergeWith(heartbeats);
	}

	/** Completes when the session starts closing, for whatever reason. */
	Mono<Void> whenEnded() {
		return ended.asMono();
	}

	/** Completes when the session was closed for being too slow. */
	Mono<Void> whenTooSlow() {
		return tooSlow.asMono();
	}

	/**
	 * Negotiated heart-beat intervals; zero means none.
	 *
	 * @param sendEvery how often the server sends a heart-beat
	 * @param expectEvery how often the client promised to send something
	 */
	record Heartbeat(Duration sendEvery, Duration expectEvery) {
	}

	/**
	 * An employee signed in at the handshake; roles without the {@code ROLE_} prefix. A
	 * principal itself, so that a session keeps this and not the sign-in's
	 * authentication.
	 */
	record User(String login, Set<String> roles) implements Principal {

		static User of(Principal principal) {
			if (principal instanceof User user) {
				return user;
			}
			Set<String> roles = principal instanceof Authentication authentication ? authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.filter(authority -> authority != null && authority.startsWith("ROLE_"))
				.map(authority -> authority.substring("ROLE_".length()))
				.collect(Collectors.toUnmodifiableSet()) : Set.of();
			return new User(principal.getName(), roles);
		}

		@Override
		public String getName() {
			return login;
		}

	}

	/**
	 * @param asSubscribed the destination as the client wrote it, echoed in its MESSAGE
	 * frames
	 * @param destination the canonical destination messages are addressed to
	 */
	record Subscription(String id, String asSubscribed, String destination) {
	}

}

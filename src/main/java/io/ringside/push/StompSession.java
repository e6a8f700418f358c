package io.ringside.push;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompDecoder;

/**
 * One client's STOMP session: who it is, what it subscribed to, and its outbound frames,
 * written straight to its Netty channel.
 * <p>
 * A frame waits in the channel's own outbound buffer until the socket takes it; the
 * frames waiting are counted, and when {@code limit} are (the client does not read), the
 * session stops taking frames, gets one last ERROR "too slow" and its connection is
 * closed {@code ringside.push.too-slow-grace} later whatever is still waiting. So
 * {@link #send} never blocks and never drops a frame silently: a frame is either on its
 * way or the session is over. {@link #send} may be called from any thread (the session's
 * own event loop, Redis listener threads, other sessions' event loops); sends are
 * serialised by the session's monitor, held only to hand the frame to Netty. The session
 * closes (the last frame, then a WebSocket close) through the event loop's task queue,
 * behind every frame handed over before.
 * <p>
 * An idle session holds no queue, no Reactor sink and no map: there may be 10,000 of them
 * (issue #15).
 */
final class StompSession implements ChannelFutureListener {

	private static final AtomicIntegerFieldUpdater<StompSession> WAITING = AtomicIntegerFieldUpdater
		.newUpdater(StompSession.class, "waiting");

	private static final StompDecoder DECODER = new StompDecoder();

	private static final StompSubscription[] NONE = {};

	private final Channel channel;

	private final @Nullable StompUser signedIn;

	private final LocalSessions sessions;

	private final PushSettings settings;

	/** Copied on change, read without a lock: sessions have two or three. */
	private volatile StompSubscription[] subscriptions = NONE;

	private volatile int waiting;

	private volatile boolean connected;

	private volatile @Nullable Heartbeat negotiated;

	private volatile boolean closing;

	private boolean tooSlow;

	/**
	 * What is left of a frame split across WebSocket messages; the event loop's alone.
	 */
	private @Nullable BufferingStompDecoder partial;

	/**
	 * @param signedIn who signed in at the handshake; null if nobody did (CONNECT is then
	 * refused)
	 */
	StompSession(Channel channel, @Nullable StompUser signedIn, LocalSessions sessions, PushSettings settings) {
		this.channel = channel;
		this.signedIn = signedIn;
		this.sessions = sessions;
		this.settings = settings;
	}

	String id() {
		return channel.id().asShortText();
	}

	/** Who signed in at the handshake; null if nobody did. */
	@Nullable StompUser signedIn() {
		return signedIn;
	}

	/**
	 * The signed-in employee of a session that is connected: only such a session's frames
	 * and lifecycle get this far.
	 */
	StompUser connectedUser() {
		StompUser user = signedIn;
		if (!connected || user == null) {
			throw new IllegalStateException("STOMP session " + id() + " is not connected");
		}
		return user;
	}

	boolean isConnected() {
		return connected;
	}

	boolean isClosing() {
		return closing;
	}

	Channel channel() {
		return channel;
	}

	/**
	 * Accepts the CONNECT of the employee signed in at the handshake, with these
	 * heart-beats.
	 */
	void connect(Heartbeat heartbeat) {
		this.negotiated = heartbeat;
		this.connected = signedIn != null;
	}

	/** The negotiated heart-beats; null until CONNECT was accepted. */
	@Nullable Heartbeat negotiated() {
		return negotiated;
	}

	/**
	 * The STOMP frames in this WebSocket message, in order; a frame split across messages
	 * comes whole with the message that ends it. Called on the event loop, one message at
	 * a time.
	 * @throws org.springframework.messaging.simp.stomp.StompConversionException a
	 * malformed frame, or one over {@code ringside.push.frame-limit}
	 */
	List<Message<byte[]>> decode(byte[] bytes) {
		BufferingStompDecoder decoder = partial == null ? new BufferingStompDecoder(DECODER, settings.frameLimit())
				: partial;
		List<Message<byte[]>> frames = decoder.decode(ByteBuffer.wrap(bytes));
		partial = decoder.getBufferSize() > 0 ? decoder : null;
		return frames;
	}

	/** Queues a frame; false when the session is closing (the frame is not sent). */
	boolean send(byte[] frame) {
		synchronized (this) {
			if (closing) {
				return false;
			}
			if (waiting >= settings.bufferSize()) {
				tooSlow();
				return false;
			}
			WAITING.incrementAndGet(this);
			channel.writeAndFlush(text(frame)).addListener(this);
			return true;
		}
	}

	/** A frame left the channel's buffer, written or failed. On the event loop. */
	@Override
	public void operationComplete(ChannelFuture future) {
		WAITING.decrementAndGet(this);
	}

	/**
	 * A heart-beat, unless the session is closing or frames are waiting anyway. On the
	 * event loop.
	 */
	void heartbeat() {
		if (!closing && waiting == 0) {
			channel.writeAndFlush(text(Frames.HEARTBEAT));
		}
	}

	/**
	 * Sends a MESSAGE for every subscription of this session to that (canonical)
	 * destination; how many were sent.
	 */
	int deliver(String destination, String messageId, byte[] json) {
		int sent = 0;
		for (StompSubscription subscription : subscriptions) {
			if (subscription.destination().equals(destination)
					&& send(Frames.message(subscription.id(), subscription.asSubscribed(), messageId, json))) {
				sent++;
			}
		}
		return sent;
	}

	boolean isSubscribedTo(String destination) {
		return Arrays.stream(subscriptions).anyMatch(subscription -> subscription.destination().equals(destination));
	}

	/** Adds a subscription; false when this id is taken already. */
	synchronized boolean subscribe(StompSubscription subscription) {
		StompSubscription[] now = subscriptions;
		for (StompSubscription held : now) {
			if (held.id().equals(subscription.id())) {
				return false;
			}
		}
		StompSubscription[] next = Arrays.copyOf(now, now.length + 1);
		next[now.length] = subscription;
		subscriptions = next;
		return true;
	}

	int subscriptions() {
		return subscriptions.length;
	}

	synchronized void unsubscribe(String subscriptionId) {
		subscriptions = Arrays.stream(subscriptions)
			.filter(subscription -> !subscription.id().equals(subscriptionId))
			.toArray(StompSubscription[]::new);
	}

	/**
	 * Ends the session with an ERROR frame (after any frames already queued); the
	 * connection is then closed.
	 */
	void fail(String message, @Nullable String receiptId) {
		finish(Frames.error(message, receiptId));
	}

	/**
	 * Ends the session after the frames already queued, with this last one if not null,
	 * and closes the WebSocket.
	 */
	void finish(byte @Nullable [] lastFrame) {
		synchronized (this) {
			if (closing) {
				return;
			}
			closing = true;
			if (lastFrame != null) {
				WAITING.incrementAndGet(this);
			}
		}
		channel.eventLoop().execute(() -> {
			if (lastFrame != null) {
				channel.write(text(lastFrame)).addListener(this);
			}
			channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
				.addListener(ChannelFutureListener.CLOSE);
		});
	}

	/** The connection is gone: nothing more is sent. */
	void closed() {
		closing = true;
	}

	/** Under the monitor. */
	private void tooSlow() {
		if (tooSlow) {
			return;
		}
		tooSlow = true;
		sessions.countTooSlow();
		finish(Frames.error("too slow: more than " + settings.bufferSize() + " frames waiting for this client", null));
		channel.eventLoop().schedule(() -> {
			channel.close();
		}, settings.tooSlowGrace().toNanos(), TimeUnit.NANOSECONDS);
	}

	private static TextWebSocketFrame text(byte[] frame) {
		return new TextWebSocketFrame(Unpooled.wrappedBuffer(frame));
	}

	/**
	 * Negotiated heart-beat intervals; zero means none.
	 *
	 * @param sendEvery how often the server sends a heart-beat
	 * @param expectEvery how often the client promised to send something
	 */
	record Heartbeat(Duration sendEvery, Duration expectEvery) {
	}

}

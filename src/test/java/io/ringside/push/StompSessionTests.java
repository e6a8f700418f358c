package io.ringside.push;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session writes straight to its channel and keeps nothing per session but its fields
 * (issue #15): these pin how, on Netty's embedded channel.
 */
class StompSessionTests {

	private static final PushSettings SETTINGS = new PushSettings(Duration.ofSeconds(1), Duration.ofSeconds(10), 256,
			65536, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(2), 20);

	private final EmbeddedChannel channel = new EmbeddedChannel();

	private final StompSession session = new StompSession(channel, new StompUser("ivanov", Set.of("MANAGER")),
			new LocalSessions(Clock.systemUTC(), new SimpleMeterRegistry()), SETTINGS);

	@Test
	void framesGoToTheChannelInOrderAndTheLastOneBeforeTheClose() {
		session.send(bytes("first"));
		session.send(bytes("second"));
		session.finish(bytes("last"));
		assertThat(session.send(bytes("too late"))).isFalse();
		channel.runPendingTasks();

		assertThat(written()).containsExactly("first", "second", "last", "close");
		assertThat(channel.isOpen()).isFalse();
	}

	@Test
	void messagesGoToEachSubscriptionToTheDestinationAsTheClientNamedIt() {
		assertThat(session.subscribe(new StompSubscription("a", "/user/queue/pops", "/user/queue/pops"))).isTrue();
		assertThat(session.subscribe(new StompSubscription("b", "/user/ivanov/queue/pops", "/user/queue/pops")))
			.isTrue();
		assertThat(session.subscribe(new StompSubscription("a", "/topic/dashboard", "/topic/dashboard"))).isFalse();
		session.subscribe(new StompSubscription("c", "/user/queue/notifications", "/user/queue/notifications"));
		session.unsubscribe("c");

		assertThat(session.deliver("/user/queue/pops", "m-1", bytes("{}"))).isEqualTo(2);
		assertThat(session.deliver("/user/queue/notifications", "m-2", bytes("{}"))).isZero();
		assertThat(session.subscriptions()).isEqualTo(2);
		assertThat(written()).hasSize(2)
			.allSatisfy(frame -> assertThat(frame).startsWith("MESSAGE\n"))
			.anySatisfy(frame -> assertThat(frame).contains("destination:/user/ivanov/queue/pops\n"));
	}

	@Test
	void aFrameSplitAcrossWebSocketMessagesIsDecodedWithTheMessageThatEndsIt() {
		byte[] frame = bytes("SUBSCRIBE\nid:a\ndestination:/user/queue/pops\n\n\0");
		byte[] head = new byte[10];
		byte[] tail = new byte[frame.length - head.length];
		System.arraycopy(frame, 0, head, 0, head.length);
		System.arraycopy(frame, head.length, tail, 0, tail.length);

		assertThat(session.decode(head)).isEmpty();
		assertThat(session.decode(tail)).singleElement()
			.satisfies(message -> assertThat(StompHeaderAccessor.wrap(message).getCommand())
				.isEqualTo(StompCommand.SUBSCRIBE));
		assertThat(session.decode(bytes("\n"))).singleElement()
			.satisfies(message -> assertThat(StompHeaderAccessor.wrap(message).getCommand()).isNull());
	}

	private List<String> written() {
		List<String> frames = new ArrayList<>();
		for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
			WebSocketFrame frame = (WebSocketFrame) out;
			frames.add(frame instanceof CloseWebSocketFrame ? "close"
					: new String(ByteBufUtil.getBytes(((TextWebSocketFrame) frame).content()), StandardCharsets.UTF_8));
			frame.release();
		}
		return frames;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

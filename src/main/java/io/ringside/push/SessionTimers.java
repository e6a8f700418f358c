package io.ringside.push;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import reactor.netty.NettyPipeline;

import io.ringside.push.StompSession.Heartbeat;

/**
 * A session's two clocks, in its channel's pipeline on its event loop: the silence of the
 * client (no WebSocket frame read for too long: before CONNECT the connect timeout, after
 * it {@link HeartbeatRules#allowedSilence}) ends the session with an ERROR, and the
 * server's heart-beat goes out when nothing was written for the negotiated interval.
 * Netty's idle-state handler keeps one timer task per clock on the event loop, which
 * costs a few hundred bytes a session where a Reactor timeout and interval cost kilobytes
 * (issue #15).
 */
final class SessionTimers extends IdleStateHandler {

	static final String NAME = "ringside.stomp.timers";

	private final StompSession session;

	private final HeartbeatRules rules;

	private SessionTimers(StompSession session, HeartbeatRules rules, long silenceMillis, long heartbeatMillis) {
		super(silenceMillis, heartbeatMillis, 0, TimeUnit.MILLISECONDS);
		this.session = session;
		this.rules = rules;
	}

	/** Until CONNECT: the connect timeout, no heart-beats. On the event loop. */
	static void untilConnected(StompSession session, HeartbeatRules rules) {
		session.channel()
			.pipeline()
			.addBefore(NettyPipeline.ReactiveBridge, NAME,
					new SessionTimers(session, rules, rules.settings().connectTimeout().toMillis(), 0));
	}

	/** Once connected: the negotiated heart-beats. On the event loop. */
	static void connected(StompSession session, HeartbeatRules rules, Heartbeat heartbeat) {
		ChannelPipeline pipeline = session.channel().pipeline();
		if (pipeline.get(NAME) != null) {
			pipeline.replace(NAME, NAME, new SessionTimers(session, rules, rules.allowedSilence(heartbeat).toMillis(),
					heartbeat.sendEvery().toMillis()));
		}
	}

	@Override
	protected void channelIdle(ChannelHandlerContext context, IdleStateEvent event) {
		if (event.state() == IdleState.READER_IDLE) {
			session.fail(session.isConnected() ? rules.silenceReason(session.negotiated()) : "No CONNECT frame in time",
					null);
		}
		else if (event.state() == IdleState.WRITER_IDLE) {
			session.heartbeat();
		}
	}

}

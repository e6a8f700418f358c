package io.ringside.push;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.ringside.push.StompSession.Heartbeat;

/**
 * The heart-beat rules of a STOMP session: what the server agrees to at CONNECT (the
 * client's intervals, never more often than {@code ringside.push.heartbeat-min}; server
 * heart-beats even to a client that asked for none, so a connection through a proxy stays
 * open and a dead one shows), how long a connected session may stay silent, and how to
 * tell the client why it was closed. Stateless; called on the session's event loop.
 */
record HeartbeatRules(PushSettings settings) {

	/**
	 * What the server agrees to, given the client's {@code heart-beat} header
	 * ({@code [sends, wants]} in ms).
	 */
	Heartbeat negotiate(long[] asked) {
		long sendEvery = asked[1] <= 0 ? settings.serverHeartbeat().toMillis() : interval(asked[1]);
		return new Heartbeat(Duration.ofMillis(sendEvery), Duration.ofMillis(interval(asked[0])));
	}

	/**
	 * The next frame must come within three promised intervals, and within the idle
	 * timeout whatever was promised.
	 */
	Duration allowedSilence(Heartbeat heartbeat) {
		Duration idle = settings.idleTimeout();
		Duration promised = heartbeat.expectEvery().multipliedBy(3);
		return promised.isZero() || promised.compareTo(idle) >= 0 ? idle : promised;
	}

	/** Why a connected session that stayed silent was closed. */
	String silenceReason(@Nullable Heartbeat negotiated) {
		return negotiated != null && !allowedSilence(negotiated).equals(settings.idleTimeout())
				? "No frame from the client within three heart-beat intervals"
				: "Idle: no frame from the client for " + settings.idleTimeout().toSeconds() + " s";
	}

	/**
	 * Honours the client's interval, but never more often than the configured minimum;
	 * zero stays zero.
	 */
	private long interval(long asked) {
		return asked <= 0 ? 0 : Math.max(asked, settings.heartbeatMin().toMillis());
	}

}

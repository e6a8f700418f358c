package io.ringside.push;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param heartbeatMin the shortest heart-beat interval the server agrees to, either way;
 * a client asking for less gets this
 * @param connectTimeout how long a new WebSocket may stay silent before its CONNECT frame
 * @param bufferSize frames a session may have waiting to be written; one more and the
 * session is closed as too slow
 * @param frameLimit the largest frame a client may send, in bytes
 * @param tooSlowGrace how long a session closed as too slow has to take its ERROR frame
 * before its connection is dropped
 * @param snapshotTimeout how long a new subscription's snapshot (see
 * {@link SubscriptionSnapshot}) may take
 * @param serverHeartbeat how often the server sends a heart-beat to a client that asked
 * for none
 * @param idleTimeout how long a connected session may stay silent (no frame, no
 * heart-beat) before it is closed, whatever heart-beats it asked for
 * @param maxSessionsPerEmployee how many STOMP sessions one employee may have open on one
 * instance
 */
@ConfigurationProperties("ringside.push")
record PushSettings(@DefaultValue("PT1S") Duration heartbeatMin, @DefaultValue("PT10S") Duration connectTimeout,
		@DefaultValue("256") int bufferSize, @DefaultValue("65536") int frameLimit,
		@DefaultValue("PT2S") Duration tooSlowGrace, @DefaultValue("PT5S") Duration snapshotTimeout,
		@DefaultValue("PT10S") Duration serverHeartbeat, @DefaultValue("PT2M") Duration idleTimeout,
		@DefaultValue("20") int maxSessionsPerEmployee) {
}

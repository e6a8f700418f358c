/**
 * Live updates: STOMP 1.2 over a WebFlux WebSocket at {@code /ws}, per-user queues and
 * role-guarded topics, relayed between instances through Redis. The API for the rest of
 * Ringside is {@link io.ringside.push.Push} and {@link io.ringside.push.AppDestination};
 * the wire protocol is described in {@code docs/stomp.md}. A transport, it knows no
 * domain: it announces the sessions ({@link io.ringside.push.Push#sessions()}) and
 * modules offer their destinations ({@link io.ringside.push.AppDestination},
 * {@link io.ringside.push.SubscriptionSnapshot}).
 */
@NullMarked
package io.ringside.push;

import org.jspecify.annotations.NullMarked;

/**
 * Live updates: STOMP 1.2 over a WebFlux WebSocket at {@code /ws}, per-user queues and role-guarded topics, relayed
 * between instances through Redis. The API for the rest of Ringside is {@link io.ringside.push.Push} and
 * {@link io.ringside.push.AppDestination}; the wire protocol is described in {@code docs/stomp.md}.
 */
package io.ringside.push;

package io.ringside.push;

import reactor.core.publisher.Flux;

/**
 * What a new subscription to one destination receives first, before any change: the pops
 * of the calls in progress on {@code /user/queue/pops} after a reconnect, the board's
 * state on {@code /topic/dashboard}. Declare an implementation as a bean and {@code /ws}
 * asks it on every accepted SUBSCRIBE to its destination.
 * <p>
 * The payloads go to the new subscription alone, as MESSAGE frames written as JSON,
 * before the RECEIPT of the SUBSCRIBE (if the client asked for one). Changes pushed while
 * the snapshot is being read may reach the client before or after it, so payloads should
 * let the client tell the newer from the older (a version, a time). A snapshot that fails
 * or takes longer than {@code ringside.push.snapshot-timeout} is logged and cut short;
 * the subscription stays.
 * <p>
 * Called on a Netty event loop: never block.
 */
public interface SubscriptionSnapshot {

	/**
	 * The canonical destination, e.g. {@code /user/queue/pops} or
	 * {@code /topic/dashboard}.
	 */
	String destination();

	/** The payloads for this employee's new subscription, in order; empty for none. */
	Flux<?> snapshot(String login);

}

package io.ringside.push;

import java.time.Instant;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends live updates to the people signed in to Ringside's pages (and to scripts
 * connected over STOMP).
 * <p>
 * Payloads are written as JSON with the application's {@code JsonMapper}. A message is
 * delivered by every instance to its own sessions, once: the calling instance delivers
 * locally and relays the message through Redis to the others. Nothing waits for a slow
 * client: each session has a bounded buffer and a session that lets it fill up is closed
 * (see {@code docs/stomp.md}). Sessions that are not subscribed to the destination get
 * nothing.
 * <p>
 * Threads: every method may be called from any thread, event loops included; none of them
 * blocks.
 */
public interface Push {

	/** The queues under {@code /user/queue/} that clients may subscribe to. */
	String POPS = "pops";

	String NOTIFICATIONS = "notifications";

	/** The supervisors' live board: SUPERVISOR, HEAD_OF_SALES and ADMIN may subscribe. */
	String DASHBOARD = "/topic/dashboard";

	/**
	 * Orders as they are placed, shipped or cancelled: WAREHOUSE, HEAD_OF_SALES and ADMIN
	 * may subscribe.
	 */
	String WAREHOUSE = "/topic/warehouse";

	/**
	 * Sends a MESSAGE to every session of this employee subscribed to
	 * {@code /user/queue/<queue>}, on every instance.
	 * @param queue {@link #POPS} or {@link #NOTIFICATIONS} (also accepted with the
	 * {@code /user/queue/} prefix)
	 * @return completes once the local sessions have it queued and Redis has taken it for
	 * the other instances; an error if the queue is unknown, the payload cannot be
	 * written as JSON or Redis refused it (the local sessions have it already then)
	 */
	Mono<Void> toUser(String login, String queue, Object payload);

	/**
	 * As {@link #toUser}, with a payload already written as JSON, sent as it is: for a
	 * payload that is also kept elsewhere as JSON, so that it is written once.
	 */
	Mono<Void> toUserAsJson(String login, String queue, String json);

	/**
	 * Sends a MESSAGE to every session subscribed to this topic ({@link #DASHBOARD},
	 * {@link #WAREHOUSE}), on every instance.
	 */
	Mono<Void> toTopic(String topic, Object payload);

	/**
	 * Sends a MESSAGE to the sessions of this instance alone that are subscribed to this
	 * topic. For a view that every instance computes by itself from what every instance
	 * sees (the dashboard, from the PBX's events): relayed, each session would receive it
	 * once per instance.
	 * @return completes once the local sessions have it queued; an error if the topic is
	 * unknown or the payload cannot be written as JSON
	 */
	Mono<Void> toTopicOnThisInstance(String topic, Object payload);

	/**
	 * Each time an employee's number of open STOMP sessions on this instance changes: a
	 * session connected (after its CONNECT was accepted) or closed: what push announces
	 * to whoever follows who is connected; push itself does nothing more with it. Hot,
	 * with no replay; events arrive on the thread that opened or closed the session (a
	 * Netty event loop), so subscribers must not block.
	 */
	Flux<SessionsChanged> sessions();

	/**
	 * Ends every STOMP session of this employee, on every instance: each gets an ERROR
	 * frame with this message and its connection is closed. For an employee whose access
	 * changed (deactivated, another role, a new password).
	 * @return completes once this instance's sessions are ending and Redis has taken the
	 * word for the others
	 */
	Mono<Void> endSessions(String login, String message);

	/** How many STOMP sessions this employee has open on this instance now. */
	int openSessions(String login);

	/**
	 * The employees with at least one STOMP session open on this instance now, as a copy.
	 */
	Set<String> loginsWithOpenSessions();

	/** An employee's number of open sessions on this instance changed. */
	record SessionsChanged(String login, int openSessions, Instant at) {

		public boolean opened() {
			return openSessions > 0;
		}

	}

}

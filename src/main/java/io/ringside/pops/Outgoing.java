package io.ringside.pops;

import java.util.ArrayList;
import java.util.List;

import io.ringside.push.Push;

/**
 * What the pops thread sends: a pop to the person a call rings for, kept in Redis first
 * for a page that reconnects, or a notification to a client's owner. The payloads go on
 * the wire as they are; this only says where and how. Made and written as JSON on the
 * pops thread ({@link Written}), kept and sent on Redis's and the sessions' threads.
 */
sealed interface Outgoing {

	/** The login of whom this is sent to. */
	String login();

	/** The user queue it is sent on. */
	String queue();

	/** What goes on the wire. */
	Object payload();

	/** What it is, for the log: "Pop of call 1781704152.3807872". */
	String what();

	/**
	 * Keeps it, as written ({@code json}, the payload as it goes on the wire), for pages
	 * that subscribe later: its write leaves before it is sent, or waits for room
	 * ({@link PopWrites}). Nothing for what is not kept.
	 */
	void keep(PopWrites writes, String json);

	/** The pops, then the notifications, in their order. */
	static List<Outgoing> of(List<Pop> pops, List<Notification> notifications) {
		List<Outgoing> out = new ArrayList<>(pops.size() + notifications.size());
		pops.forEach(pop -> out.add(new PopToSend(pop)));
		notifications.forEach(notification -> out.add(new NotificationToSend(notification)));
		return out;
	}

	/**
	 * What to send with its payload written as JSON, once: the same text is kept in Redis
	 * and goes on the wire (a pop carries the client's card, and writing it is most of
	 * what sending it costs).
	 */
	record Written(Outgoing out, String json) {
	}

	/** A pop, on {@code /user/queue/pops}. */
	record PopToSend(Pop pop) implements Outgoing {

		@Override
		public String login() {
			return pop.routedTo();
		}

		@Override
		public String queue() {
			return Push.POPS;
		}

		@Override
		public Object payload() {
			return pop;
		}

		@Override
		public String what() {
			return "Pop of call " + pop.callId();
		}

		@Override
		public void keep(PopWrites writes, String json) {
			writes.write(pop, json);
		}

	}

	/**
	 * A notification to a client's owner, on {@code /user/queue/notifications}; not kept.
	 */
	record NotificationToSend(Notification notification) implements Outgoing {

		@Override
		public String login() {
			return notification.owner();
		}

		@Override
		public String queue() {
			return Push.NOTIFICATIONS;
		}

		@Override
		public Object payload() {
			return notification;
		}

		@Override
		public String what() {
			return "Notification of call " + notification.callId();
		}

		@Override
		public void keep(PopWrites writes, String json) {
		}

	}

}

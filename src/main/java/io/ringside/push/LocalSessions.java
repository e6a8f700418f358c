package io.ringside.push;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/**
 * The STOMP sessions connected to this instance, by employee: where local deliveries go.
 * Sessions enter when their CONNECT is accepted and leave when they close. Safe from any
 * thread.
 * <p>
 * Metrics: {@code ringside.push.sessions} (open now),
 * {@code ringside.push.sessions.too-slow} (closed because the client did not read),
 * {@code ringside.push.messages} (MESSAGE frames queued).
 */
@Component
class LocalSessions {

	private final Map<String, Set<StompSession>> byLogin = new ConcurrentHashMap<>();

	private final Set<StompSession> all = ConcurrentHashMap.newKeySet();

	/**
	 * Not serialised by Reactor: {@link #changed} emits under its monitor, a short
	 * section that never parks.
	 */
	private final Sinks.Many<Push.SessionsChanged> changes = Sinks.unsafe().many().multicast().directBestEffort();

	private final Clock clock;

	private final Counter tooSlow;

	private final Counter messages;

	LocalSessions(Clock clock, MeterRegistry meters) {
		this.clock = clock;
		this.tooSlow = meters.counter("ringside.push.sessions.too-slow");
		this.messages = meters.counter("ringside.push.messages");
		meters.gaugeCollectionSize("ringside.push.sessions", List.of(), all);
	}

	/**
	 * Adds a connected session, unless its employee has {@code limit} sessions open here
	 * already.
	 * @return false when refused: the session was not added
	 */
	boolean open(StompSession session, int limit) {
		String login = session.connectedUser().login();
		int[] count = new int[1];
		byLogin.compute(login, (key, sessions) -> {
			Set<StompSession> set = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
			if (set.size() < limit) {
				set.add(session);
				all.add(session);
			}
			count[0] = set.contains(session) ? set.size() : -1;
			return set.isEmpty() ? null : set;
		});
		if (count[0] < 0) {
			return false;
		}
		changed(login, count[0]);
		return true;
	}

	/**
	 * Ends every session of this employee here with an ERROR frame carrying this message;
	 * how many.
	 */
	int end(String login, String message) {
		Set<StompSession> sessions = byLogin.get(login);
		if (sessions == null) {
			return 0;
		}
		int ended = 0;
		for (StompSession session : sessions) {
			session.fail(message, null);
			ended++;
		}
		return ended;
	}

	void close(StompSession session) {
		if (!all.remove(session)) {
			return;
		}
		String login = session.connectedUser().login();
		int[] count = new int[1];
		byLogin.computeIfPresent(login, (key, sessions) -> {
			sessions.remove(session);
			count[0] = sessions.size();
			return sessions.isEmpty() ? null : sessions;
		});
		changed(login, count[0]);
	}

	void countTooSlow() {
		tooSlow.increment();
	}

	int openSessions(String login) {
		Set<StompSession> sessions = byLogin.get(login);
		return sessions == null ? 0 : sessions.size();
	}

	Set<String> logins() {
		return Set.copyOf(byLogin.keySet());
	}

	/**
	 * Queues a MESSAGE to this employee's sessions subscribed to the canonical user
	 * queue; how many got it.
	 */
	int toUser(String login, String destination, String messageId, byte[] json) {
		Set<StompSession> sessions = byLogin.get(login);
		if (sessions == null) {
			return 0;
		}
		int sent = 0;
		for (StompSession session : sessions) {
			sent += session.deliver(destination, messageId, json);
		}
		messages.increment(sent);
		return sent;
	}

	/** Queues a MESSAGE to every session subscribed to the topic; how many got it. */
	int toTopic(String topic, String messageId, byte[] json) {
		int sent = 0;
		for (StompSession session : all) {
			sent += session.deliver(topic, messageId, json);
		}
		messages.increment(sent);
		return sent;
	}

	Flux<Push.SessionsChanged> changes() {
		return changes.asFlux();
	}

	private void changed(String login, int openSessions) {
		Push.SessionsChanged change = new Push.SessionsChanged(login, openSessions, clock.instant());
		synchronized (changes) {
			changes.tryEmitNext(change);
		}
	}

}

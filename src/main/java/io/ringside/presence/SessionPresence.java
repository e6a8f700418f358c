package io.ringside.presence;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.push.Push;
import io.ringside.push.Push.SessionsChanged;
import io.ringside.shared.Failures;

/**
 * Presence from open pages, as push announces the STOMP sessions
 * ({@link Push#sessions()}): an employee with at least one open session on this instance
 * is present, and their last session closing makes them OFFLINE after
 * {@code ringside.push.offline-grace} (a page reload does not flicker them offline).
 * <ul>
 * <li>First session: an employee without a status becomes AVAILABLE; one who said AWAY
 * stays AWAY.</li>
 * <li>While sessions are open, their status is refreshed every half
 * {@code ringside.presence.ttl}.</li>
 * <li>Last session closed, and still none after the grace: OFFLINE.</li>
 * </ul>
 * Counts are per instance: an employee with pages open on two instances goes OFFLINE when
 * the grace passes on the instance where they closed their last page there, until the
 * other instance's next refresh finds no status (see docs/stomp.md).
 * <p>
 * Threads: session changes arrive on the event loop that opened or closed the session and
 * are only buffered there; the writes to Redis complete on Lettuce's threads. One
 * employee's failed write is logged and the next goes on.
 */
@Component
class SessionPresence implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(SessionPresence.class);

	/**
	 * Session changes waiting for their write, at most; past this the newest are dropped
	 * and logged.
	 */
	private static final int BUFFER = 10_000;

	private static final int REFRESHES_AT_A_TIME = 16;

	private final Push push;

	private final Presence presence;

	private final PresenceSettings presenceSettings;

	private final OfflineGrace grace;

	private @Nullable Disposable running;

	SessionPresence(Push push, Presence presence, PresenceSettings presenceSettings, OfflineGrace grace) {
		this.push = push;
		this.presence = presence;
		this.presenceSettings = presenceSettings;
		this.grace = grace;
	}

	@Override
	public synchronized void start() {
		Disposable changes = push.sessions()
			.onBackpressureBuffer(BUFFER, dropped -> log.warn("Presence not updated for " + dropped),
					BufferOverflowStrategy.DROP_LATEST)
			// Unbounded: each closing waits out its grace on a timer, never in line ahead
			// of someone's arrival.
			.flatMap(
					change -> on(change)
						.onErrorResume(Failures.skip(log, () -> "Could not update the presence of " + change.login())),
					Integer.MAX_VALUE)
			.subscribe();
		Disposable refresh = Flux.interval(presenceSettings.ttl().dividedBy(2))
			.onBackpressureDrop()
			.concatMap(tick -> Flux.fromIterable(push.loginsWithOpenSessions())
				.flatMap(login -> presence.refresh(login)
					.flatMap(kept -> kept ? Mono.empty() : arrived(login))
					.onErrorResume(error -> Mono.empty()), REFRESHES_AT_A_TIME))
			.subscribe();
		running = Disposables.composite(changes, refresh);
	}

	private Mono<Void> on(SessionsChanged change) {
		if (change.openSessions() == 1) {
			return arrived(change.login());
		}
		if (change.openSessions() == 0) {
			return Mono.delay(grace.offlineGrace())
				.filter(tick -> push.openSessions(change.login()) == 0)
				.flatMap(tick -> presence.set(change.login(), Availability.OFFLINE))
				.then();
		}
		return Mono.empty();
	}

	/** Keeps the status someone set (AWAY stays AWAY); without one, AVAILABLE. */
	private Mono<Void> arrived(String login) {
		// One atomic SET NX: reading first and then writing raced with an AWAY sent over
		// the new session itself.
		return presence.setIfAbsent(login, Availability.AVAILABLE)
			.flatMap(set -> set ? Mono.<Boolean>empty() : presence.refresh(login))
			.then();
	}

	@Override
	public synchronized void stop() {
		if (running != null) {
			running.dispose();
			running = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return running != null;
	}

}

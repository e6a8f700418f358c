package io.ringside.pops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.ringside.calls.Callback;
import io.ringside.calls.Callbacks;
import io.ringside.clients.CallerMatch;
import io.ringside.clients.Cards;
import io.ringside.clients.ClientCard;
import io.ringside.shared.Failures;

/**
 * The calling client's card and open callbacks for a pop, loaded early: as soon as the
 * router has found the client ({@link #early}), while the route still talks to the PBX,
 * so that the routing's pop mostly finds them loaded or nearly so ({@link #forCall}). A
 * card loaded early is shown only while fresh; each lookup has a deadline, past which the
 * pop goes without it. Thread-safe: cards are registered by the prefetching pipeline and
 * taken by the pops'.
 */
final class PopCards {

	private static final Log log = LogFactory.getLog(PopCards.class);

	/** At most this many open callbacks ride along in a pop. */
	static final int CALLBACKS = 20;

	/** Past this many waiting, those older than {@link #FRESH_NANOS} are let go. */
	private static final int PREFETCHED_AT_MOST = 256;

	/**
	 * How old a card loaded early may be for a pop to show it: a decision comes within
	 * the routing's 0.5 s.
	 */
	private static final long FRESH_NANOS = Duration.ofSeconds(2).toNanos();

	private final Cards cards;

	private final Callbacks callbacks;

	/**
	 * Cards loading for calls being routed, by client, until their decision takes them.
	 */
	private final Map<Long, Prefetch> prefetched = new ConcurrentHashMap<>();

	PopCards(Cards cards, Callbacks callbacks) {
		this.cards = cards;
		this.callbacks = callbacks;
	}

	/**
	 * Registers the loading of a client's card and callbacks, found by the router before
	 * its decision, for the decision to take ({@link #forCall}); the loading returned
	 * starts when it is first subscribed, by the prefetching pipeline or by the decision,
	 * whichever comes first, and runs once.
	 */
	Mono<Void> early(CallerMatch caller) {
		long now = System.nanoTime();
		if (prefetched.size() > PREFETCHED_AT_MOST) {
			prefetched.values().removeIf(stale -> !stale.fresh(now));
		}
		Prefetch early = new Prefetch(now, card(caller.clientId(), "a call being routed").cache(),
				openCallbacks(caller.clientId(), "a call being routed").cache());
		prefetched.put(caller.clientId(), early);
		return early.load();
	}

	/**
	 * The card (empty when none) and open callbacks of a routed call's client, null for
	 * an unknown caller: those loaded early when fresh, else loaded now.
	 */
	Mono<Client> forCall(@Nullable Long clientId, String callId) {
		if (clientId == null) {
			return Mono.just(new Client(Optional.empty(), List.of()));
		}
		Prefetch early = prefetched.remove(clientId);
		if (early != null && early.fresh(System.nanoTime())) {
			return Mono.zip(early.card(), early.callbacks(), Client::new);
		}
		return Mono.zip(card(clientId, "the pop of call " + callId),
				openCallbacks(clientId, "the pop of call " + callId), Client::new);
	}

	private Mono<Optional<ClientCard>> card(long clientId, String forWhat) {
		return cards.of(clientId)
			.map(Optional::of)
			.timeout(PopLookups.TIMEOUT)
			.onErrorResume(Failures.skip(log, () -> "No card for client " + clientId + " in " + forWhat))
			.defaultIfEmpty(Optional.empty());
	}

	private Mono<List<Callback>> openCallbacks(long clientId, String forWhat) {
		return callbacks.openForClient(clientId)
			.take(CALLBACKS)
			.collectList()
			.timeout(PopLookups.TIMEOUT)
			.onErrorResume(
					Failures.replace(log, () -> "No callbacks for client " + clientId + " in " + forWhat, List.of()));
	}

	/** A client's card, when there is one, and open callbacks, the most urgent first. */
	record Client(Optional<ClientCard> card, List<Callback> callbacks) {
	}

	/**
	 * A client's card and open callbacks loading for a call being routed, each read once
	 * however many subscribe.
	 *
	 * @param at when the router found the client ({@link System#nanoTime()})
	 */
	private record Prefetch(long at, Mono<Optional<ClientCard>> card, Mono<List<Callback>> callbacks) {

		Mono<Void> load() {
			return Mono.when(card, callbacks);
		}

		/**
		 * Young enough to show: a decision follows its lookup within the routing's
		 * deadline.
		 */
		boolean fresh(long now) {
			return now - at < FRESH_NANOS;
		}

	}

}

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
import io.ringside.clients.Cards.Alongside;
import io.ringside.clients.Cards;
import io.ringside.clients.ClientCard;
import io.ringside.shared.Deadline;
import io.ringside.shared.Failures;

/**
 * The calling client's card and open callbacks for a pop, loaded early: as soon as the
 * router has found the client ({@link #early}), while the route still talks to the PBX,
 * so that the routing's pop mostly finds them loaded or nearly so ({@link #forCall}).
 * Both come in one statement ({@link Cards#of(long, Alongside)}). A card loaded early is
 * shown only while fresh; the lookup has a deadline, past which the pop goes without
 * either. Thread-safe: cards are registered by the prefetching pipeline and taken by the
 * pops'.
 */
final class PopCards {

	private static final Log log = LogFactory.getLog(PopCards.class);

	/** At most this many open callbacks ride along in a pop. */
	static final int CALLBACKS = 20;

	private static final Client NONE = new Client(Optional.empty(), List.of());

	/** Past this many waiting, those older than {@link #FRESH_NANOS} are let go. */
	private static final int PREFETCHED_AT_MOST = 256;

	/**
	 * How old a card loaded early may be for a pop to show it: a decision comes within
	 * the routing's 0.5 s.
	 */
	private static final long FRESH_NANOS = Duration.ofSeconds(2).toNanos();

	private final Cards cards;

	/** The client's open callbacks, read in its card's statement. */
	private final Alongside<List<Callback>> callbacks;

	/**
	 * Cards loading for calls being routed, by client, until their decision takes them.
	 */
	private final Map<Long, Prefetch> prefetched = new ConcurrentHashMap<>();

	PopCards(Cards cards, Callbacks callbacks) {
		this.cards = cards;
		this.callbacks = callbacks.besideTheCard(CALLBACKS);
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
		Prefetch early = new Prefetch(now, load(caller.clientId(), "a call being routed").cache());
		prefetched.put(caller.clientId(), early);
		return early.client().then();
	}

	/**
	 * The card (empty when none) and open callbacks of a routed call's client, null for
	 * an unknown caller: those loaded early when fresh, else loaded now.
	 */
	Mono<Client> forCall(@Nullable Long clientId, String callId) {
		if (clientId == null) {
			return Mono.just(NONE);
		}
		Prefetch early = prefetched.remove(clientId);
		if (early != null && early.fresh(System.nanoTime())) {
			return early.client();
		}
		return load(clientId, "the pop of call " + callId);
	}

	/**
	 * The card and open callbacks, in one statement; neither when it fails or takes
	 * longer than the lookups' deadline.
	 */
	private Mono<Client> load(long clientId, String forWhat) {
		return cards.of(clientId, callbacks)
			.map(read -> new Client(Optional.of(read.card()), read.alongside()))
			.timeout(PopLookups.TIMEOUT, Deadline.passed(PopLookups.TIMEOUT))
			.onErrorResume(Failures.replace(log,
					() -> "No card nor callbacks for client " + clientId + " in " + forWhat, NONE));
	}

	/** A client's card, when there is one, and open callbacks, the most urgent first. */
	record Client(Optional<ClientCard> card, List<Callback> callbacks) {
	}

	/**
	 * A client's card and open callbacks loading for a call being routed, read once
	 * however many subscribe.
	 *
	 * @param at when the router found the client ({@link System#nanoTime()})
	 */
	private record Prefetch(long at, Mono<Client> client) {

		/**
		 * Young enough to show: a decision follows its lookup within the routing's
		 * deadline.
		 */
		boolean fresh(long now) {
			return now - at < FRESH_NANOS;
		}

	}

}

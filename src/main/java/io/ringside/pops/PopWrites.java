package io.ringside.pops;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * The pops' writes to Redis ({@link ActivePops}), which no pop waits for. Each leaves at
 * once, before its pop is sent (the one connection applies it before any snapshot read
 * that leaves later), while fewer than {@code atMost} are unanswered. Past that (Redis
 * slow or stalled) the newest write of each call on each person's screen waits here, and
 * they leave in order as answers come: what waits is bounded by the calls in progress,
 * and the pops themselves go on at once. Before, each pop held one of 256 places until
 * its write was answered, so in a stall (each write waiting out its second of timeout)
 * pops went out at 256 a second and the rest queued behind them.
 * <p>
 * Thread-safe: writes are asked for on the pops thread and answered on Lettuce's.
 */
final class PopWrites {

	/** Writes unanswered at most before the next ones wait. */
	static final int UNANSWERED_AT_MOST = 256;

	private final Write write;

	private final int atMost;

	/** Guarded by {@code this}. */
	private int unanswered;

	/** The newest write of each call on each screen, waiting. Guarded by {@code this}. */
	private final Map<Key, Waiting> waiting = new LinkedHashMap<>();

	PopWrites(Write write, int atMost) {
		this.write = write;
		this.atMost = atMost;
	}

	/** Writes the pop, as it goes on the wire: now, or once an answer makes room. */
	void write(Pop pop, String json) {
		Waiting next = new Waiting(pop, json, pop.state() == Pop.State.RINGING);
		synchronized (this) {
			if (unanswered >= atMost || !waiting.isEmpty()) {
				waiting.merge(new Key(pop.routedTo(), pop.callId()), next, Waiting::then);
				return;
			}
			unanswered++;
		}
		send(next);
	}

	/** Writes waiting for room. */
	synchronized int waiting() {
		return waiting.size();
	}

	private void send(Waiting next) {
		write.write(next.pop(), next.json(), next.rang()).subscribe(null, failed -> answered(), this::answered);
	}

	private void answered() {
		Waiting next = null;
		synchronized (this) {
			unanswered--;
			Iterator<Waiting> oldest = waiting.values().iterator();
			if (oldest.hasNext()) {
				next = oldest.next();
				oldest.remove();
				unanswered++;
			}
		}
		if (next != null) {
			send(next);
		}
	}

	/**
	 * Writes a pop as it goes on the wire.
	 */
	@FunctionalInterface
	interface Write {

		/**
		 * @param rang the pop rang since its last write: the write sets the hash's
		 * time-to-live too
		 * @return completes when Redis answers; a failure is the writer's to log
		 */
		Mono<Void> write(Pop pop, String json, boolean rang);

	}

	private record Key(String login, String callId) {
	}

	/** A write waiting; a newer one of the same call takes its place, and its ringing. */
	private record Waiting(Pop pop, String json, boolean rang) {

		Waiting then(Waiting newer) {
			return new Waiting(newer.pop(), newer.json(), rang || newer.rang());
		}

	}

}

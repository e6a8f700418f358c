package io.ringside.pops;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import io.ringside.shared.OncePerSecond;

/**
 * The pops' writes to Redis ({@link ActivePops}), which no pop waits for. Each leaves at
 * once, before its pop is sent (the one connection applies it before any snapshot read
 * that leaves later), while fewer than {@code atMost} are unanswered. Past that (Redis
 * slow or stalled) the newest write of each call on each person's screen waits here, and
 * they leave in order as answers come, {@code waitingAtMost} at most (past it a pop is
 * sent without being kept, counted and logged): the pops themselves go on at once.
 * Before, each pop held one of 256 places until its write was answered, so in a stall
 * (each write waiting out its second of timeout) pops went out at 256 a second and the
 * rest queued behind them.
 * <p>
 * Thread-safe: writes are asked for on the pops thread and answered on Lettuce's.
 */
final class PopWrites {

	/** Writes unanswered at most before the next ones wait. */
	static final int UNANSWERED_AT_MOST = 256;

	/**
	 * Writes waiting at most (each holds its pop and its JSON): past it, in a Redis stall
	 * longer than the calls it can take, a pop is sent without being kept.
	 */
	static final int WAITING_AT_MOST = 1_024;

	private static final Log log = LogFactory.getLog(PopWrites.class);

	private final Write write;

	private final int atMost;

	private final int waitingAtMost;

	private final OncePerSecond dropLogged = new OncePerSecond(Clock.systemUTC());

	/** Guarded by {@code this}. */
	private long dropped;

	/** Guarded by {@code this}. */
	private int unanswered;

	/** The newest write of each call on each screen, waiting. Guarded by {@code this}. */
	private final Map<Key, Waiting> waiting = new LinkedHashMap<>();

	PopWrites(Write write, int atMost, int waitingAtMost) {
		this.write = write;
		this.atMost = atMost;
		this.waitingAtMost = waitingAtMost;
	}

	/** Writes the pop, as it goes on the wire: now, or once an answer makes room. */
	void write(Pop pop, String json) {
		Waiting next = new Waiting(pop, json, pop.state() == Pop.State.RINGING);
		long droppedSoFar;
		synchronized (this) {
			if (unanswered < atMost && waiting.isEmpty()) {
				unanswered++;
				droppedSoFar = -1;
			}
			else {
				Key key = new Key(pop.routedTo(), pop.callId());
				if (waiting.size() < waitingAtMost || waiting.containsKey(key)) {
					waiting.merge(key, next, Waiting::then);
					return;
				}
				droppedSoFar = ++dropped;
			}
		}
		if (droppedSoFar < 0) {
			send(next);
		}
		else if (dropLogged.now()) {
			log.warn("Pop of call " + pop.callId() + " for " + pop.routedTo() + " sent but not kept in Redis: "
					+ waitingAtMost + " writes wait for Redis already; " + droppedSoFar + " not kept so far");
		}
	}

	/** Writes not kept because too many waited. */
	synchronized long dropped() {
		return dropped;
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

package io.ringside.simulator;

import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

/**
 * A call the simulator is playing. Its identity is known at once; what happens to it is
 * awaited through the Monos. The actions (hang up, transfer) start immediately when
 * called, whether or not the returned Mono is subscribed; the Mono only reports how they
 * ended. Signals arrive on the simulator's core thread: do little there, or
 * {@code publishOn} elsewhere, since blocking it stalls the whole simulated PBX.
 */
public final class SimulatedCall {

	private final CallRecord record;

	private final Dialplan dialplan;

	private final SimulatedExchange exchange;

	SimulatedCall(CallRecord record, Dialplan dialplan, SimulatedExchange exchange) {
		this.record = record;
		this.dialplan = dialplan;
		this.exchange = exchange;
	}

	CallRecord record() {
		return record;
	}

	/** The call's Linkedid, which is also the Uniqueid of its first channel. */
	public String linkedid() {
		return record.linkedid;
	}

	/**
	 * The device that answered (e.g. {@code PJSIP/101}); empty when the call ends
	 * unanswered.
	 */
	public Mono<String> answered() {
		return Mono.fromFuture(record.answered, true);
	}

	/** Completes when the last channel of the call has hung up. */
	public Mono<CallSummary> ended() {
		return Mono.fromFuture(record.ended, true);
	}

	/** The caller (or, for an originated call, the first channel) hangs up. */
	public Mono<CallSummary> hangup() {
		exchange.time.run(() -> dialplan.callers.hangUp(record));
		return ended();
	}

	/**
	 * The answering party blind-transfers the caller to a device or extension; true when
	 * the target answers.
	 */
	public Mono<Boolean> blindTransfer(String target) {
		CompletableFuture<Boolean> done = new CompletableFuture<>();
		exchange.time.run(() -> dialplan.transfers.blind(record, target, done));
		return Mono.fromFuture(done, true);
	}

	/**
	 * The answering party consults a device or extension on a second call, then joins the
	 * caller to it; true when the transfer completed.
	 */
	public Mono<Boolean> attendedTransfer(String target) {
		CompletableFuture<Boolean> done = new CompletableFuture<>();
		exchange.time.run(() -> dialplan.transfers.attended(record, target, done));
		return Mono.fromFuture(done, true);
	}

	@Override
	public String toString() {
		return "SimulatedCall[" + record.linkedid + "]";
	}

}

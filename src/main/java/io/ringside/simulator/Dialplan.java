package io.ringside.simulator;

/**
 * The dialplan the simulated Asterisk runs, put together from its parts: calls arriving
 * and hanging up from outside ({@link Callers}), inbound calls routed by Ringside over
 * FastAGI ({@link InboundRouting}, {@link AgiApplication}), Queue() with members dialed
 * directly ({@link DirectQueue}) or FreePBX's ({@link FreePbxQueue}), answered calls and
 * their talk timers ({@link Conversations}), transfers ({@link Transfers}) and AMI
 * Originate ({@link Originator}), numbers dialled by hand on our phones
 * ({@link DeskPhoneCalls}). The parts run on the core thread; only the FastAGI
 * conversations have threads of their own.
 */
final class Dialplan {

	final Callers callers;

	final InboundRouting inbound;

	final DirectQueue queue;

	final FreePbxQueue freePbxQueue;

	final Transfers transfers;

	final Originator originator;

	final DeskPhoneCalls deskPhones;

	private final AgiApplication agi;

	Dialplan(SimulatedExchange exchange) {
		Conversations conversations = new Conversations(exchange);
		this.callers = new Callers(exchange);
		this.agi = new AgiApplication(exchange);
		this.inbound = new InboundRouting(exchange, callers, agi, conversations);
		this.queue = new DirectQueue(exchange, callers, conversations);
		this.freePbxQueue = new FreePbxQueue(exchange);
		this.transfers = new Transfers(exchange, conversations);
		this.originator = new Originator(exchange, conversations);
		this.deskPhones = new DeskPhoneCalls(exchange, conversations);
	}

	/** Stops the FastAGI threads; conversations in progress are interrupted. */
	void shutdown() {
		agi.shutdown();
	}

}

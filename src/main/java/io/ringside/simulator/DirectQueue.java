package io.ringside.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Queue() with members that are phones dialed directly, one after the other, each for the
 * ring timeout, until one answers: QueueCallerJoin, AgentCalled, AgentRingNoAnswer,
 * AgentConnect, AgentComplete (for FreePBX's queues, whose members sit behind Local
 * channels, see {@link FreePbxQueue}). Core thread only.
 */
final class DirectQueue {

	private final SimulatedExchange exchange;

	private final CoreEvents events;

	private final Callers callers;

	private final Conversations conversations;

	DirectQueue(SimulatedExchange exchange, Callers callers, Conversations conversations) {
		this.exchange = exchange;
		this.events = exchange.events;
		this.callers = callers;
		this.conversations = conversations;
	}

	/**
	 * The caller arrives, is answered by Queue(queue) and waits while the members ring in
	 * turn.
	 */
	void enter(CallRecord call, InboundCall spec, String queue, List<String> members) {
		SimulatedChannel trunk = callers.arrive(call, spec);
		exchange.channels.enterApplication(trunk, "Answer", "");
		exchange.channels.setState(trunk, SimulatedChannel.UP);
		exchange.channels.enterApplication(trunk, "Queue", queue + ",t");
		Instant joined = exchange.time.now();
		events.emit(queueEvent("QueueCallerJoin", trunk, queue).add("Position", 1).add("Count", 1));
		ringMember(call, trunk, spec, queue, members, 0, joined);
	}

	private void ringMember(CallRecord call, SimulatedChannel trunk, InboundCall spec, String queue,
			List<String> members, int index, Instant joined) {
		if (trunk.hungUp) {
			return;
		}
		if (index >= members.size()) {
			events.emit(queueEvent("QueueCallerLeave", trunk, queue).add("Position", 1).add("Count", 0));
			exchange.channels.hangupApplication(trunk);
			return;
		}
		String member = members.get(index);
		Instant ringStart = exchange.time.now();
		SimulatedChannel[] leg = new SimulatedChannel[1];
		exchange.dialing.dial(trunk, member, exchange.config.ringTimeout(), callee -> {
			leg[0] = callee;
			events.emit(events.dialEvent("AgentCalled", trunk, callee)
				.add("Queue", queue)
				.add("Interface", member)
				.add("MemberName", member));
		}).thenAccept(result -> {
			switch (result.status()) {
				case "ANSWER" -> connect(call, trunk, spec, queue, member, result.winner(), joined, ringStart);
				case "NOANSWER" -> {
					events.emit(events.dialEvent("AgentRingNoAnswer", trunk, leg[0])
						.add("Queue", queue)
						.add("MemberName", member)
						.add("Interface", member)
						.add("RingTime", exchange.config.ringTimeout().toMillis()));
					ringMember(call, trunk, spec, queue, members, index + 1, joined);
				}
				case "CANCEL" -> events.emit(queueEvent("QueueCallerAbandon", trunk, queue).add("Position", 1)
					.add("OriginalPosition", 1)
					.add("HoldTime", Duration.between(joined, exchange.time.now()).toSeconds()));
				default -> ringMember(call, trunk, spec, queue, members, index + 1, joined);
			}
		});
	}

	/**
	 * The member answered: the caller leaves the queue and is bridged with it until one
	 * side hangs up.
	 */
	private void connect(CallRecord call, SimulatedChannel trunk, InboundCall spec, String queue, String member,
			SimulatedChannel agent, Instant joined, Instant ringStart) {
		long holdTime = Duration.between(joined, exchange.time.now()).toSeconds();
		long ringTime = Duration.between(ringStart, exchange.time.now()).toSeconds();
		events.emit(queueEvent("QueueCallerLeave", trunk, queue).add("Position", 1).add("Count", 0));
		events.emit(events.dialEvent("AgentConnect", trunk, agent)
			.add("Queue", queue)
			.add("MemberName", member)
			.add("Interface", member)
			.add("RingTime", ringTime)
			.add("HoldTime", holdTime));
		Instant connected = exchange.time.now();
		agent.onTeardown = hungUpBy -> events.emit(events.dialEvent("AgentComplete", trunk, agent)
			.add("Queue", queue)
			.add("MemberName", member)
			.add("Interface", member)
			.add("HoldTime", holdTime)
			.add("TalkTime", Duration.between(connected, exchange.time.now()).toSeconds())
			.add("Reason", hungUpBy == agent ? "agent" : "caller"));
		trunk.onTeardown = agent.onTeardown;
		conversations.connect(call, trunk, agent, spec.talkTime());
	}

	private AmiMessage queueEvent(String name, SimulatedChannel channel, String queue) {
		return events.channelEvent(name, channel, "agent,all").add("Queue", queue);
	}

}

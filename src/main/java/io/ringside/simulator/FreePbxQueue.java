package io.ringside.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Queue() as a FreePBX 16 system plays it (captures 15 and 16): the caller is answered
 * and waits; each round rings the members the strategy picks, each through a new Local
 * channel pair ({@link MemberAttempt}); a round nobody answers ends with
 * AgentRingNoAnswer and the next starts after the retry pause; the first phone to answer
 * is bridged with the caller (AgentConnect, two bridges: caller with {@code ;1},
 * {@code ;2} with the phone) until one side hangs up (AgentComplete); a caller who hangs
 * up while waiting abandons (QueueCallerAbandon, QueueCallerLeave). Callers waiting in
 * the same queue share its positions. Owned by the PBX core thread.
 */
final class FreePbxQueue {

	/**
	 * How long FreePBX's dialplan on a {@code ;2} half takes before it dials the phone
	 * (or gives up).
	 */
	private static final Duration MEMBER_LOOKUP = Duration.ofMillis(20);

	private final SimulatedExchange exchange;

	private final CoreTime time;

	private final CoreEvents events;

	private final Channels channels;

	private final Bridges bridges;

	private final Map<String, List<Waiting>> waiting = new HashMap<>();

	FreePbxQueue(SimulatedExchange exchange) {
		this.exchange = exchange;
		this.time = exchange.time;
		this.events = exchange.events;
		this.channels = exchange.channels;
		this.bridges = exchange.bridges;
	}

	private static final class Waiting {

		final CallRecord call;

		final SimulatedChannel caller;

		final CallQueue queue;

		final @Nullable Duration talkTime;

		final Instant joined;

		final List<MemberAttempt> ringing = new ArrayList<>();

		int originalPosition;

		int round;

		CoreLoop.@Nullable Timer timer;

		boolean done;

		Waiting(CallRecord call, SimulatedChannel caller, CallQueue queue, @Nullable Duration talkTime,
				Instant joined) {
			this.call = call;
			this.caller = caller;
			this.queue = queue;
			this.talkTime = talkTime;
			this.joined = joined;
		}

	}

	/**
	 * The caller's channel enters Queue(): answered, joins, and the first round starts.
	 */
	void enter(CallRecord call, SimulatedChannel caller, CallQueue queue, @Nullable Duration talkTime) {
		channels.enterApplication(caller, "Answer", "");
		channels.setState(caller, SimulatedChannel.UP);
		caller.priority = 50;
		channels.enterApplication(caller, "Queue", queue.number() + ",t,,,,,,,,");
		Waiting w = new Waiting(call, caller, queue, talkTime, time.now());
		List<Waiting> line = waiting.computeIfAbsent(queue.number(), number -> new ArrayList<>());
		line.add(w);
		w.originalPosition = line.size();
		events.emit(queueEvent("QueueCallerJoin", w).add("Position", line.size()).add("Count", line.size()));
		caller.onHangupRequest = () -> abandon(w);
		round(w);
	}

	private void round(Waiting w) {
		if (w.done || w.caller.hungUp) {
			return;
		}
		for (String member : w.queue.membersFor(w.round)) {
			MemberAttempt attempt = new MemberAttempt(exchange, w.call, w.caller, w.queue.number(), member);
			w.ringing.add(attempt);
			time.after(MEMBER_LOOKUP, () -> attempt.reach(() -> failed(w), answered -> connect(w, answered)));
		}
		w.timer = time.after(w.queue.memberTimeout(), () -> timeout(w));
	}

	private void failed(Waiting w) {
		if (!w.done && w.ringing.stream().allMatch(attempt -> attempt.ended)) {
			cancelTimer(w);
			nextRound(w);
		}
	}

	private void timeout(Waiting w) {
		if (w.done) {
			return;
		}
		List.copyOf(w.ringing).forEach(attempt -> attempt.ringNoAnswer(w.queue.memberTimeout()));
		nextRound(w);
	}

	private void nextRound(Waiting w) {
		w.ringing.clear();
		w.round++;
		w.timer = time.after(w.queue.retry(), () -> round(w));
	}

	/**
	 * Capture 16's last seconds: the caller hangs up while a member rings (or between
	 * rounds).
	 */
	private void abandon(Waiting w) {
		w.done = true;
		cancelTimer(w);
		SimulatedChannel caller = w.caller;
		events.emit(events.channelEvent("HangupRequest", caller).add("Cause", 16));
		List<MemberAttempt> ringing = w.ringing.stream().filter(attempt -> !attempt.ended).toList();
		ringing.forEach(MemberAttempt::abandoned);
		int position = positionOf(w);
		int count = leave(w);
		events.emit(queueEvent("QueueCallerAbandon", w).add("Position", position)
			.add("OriginalPosition", w.originalPosition)
			.add("HoldTime", Duration.between(w.joined, time.now()).toSeconds()));
		events.emit(queueEvent("QueueCallerLeave", w).add("Position", position).add("Count", count));
		events.emit(events.channelEvent("SoftHangupRequest", caller).add("Cause", 16));
		ringing.forEach(MemberAttempt::releasePhone);
		caller.exten = "h";
		caller.priority = 1;
		channels.hangup(caller, 16);
		ringing.forEach(MemberAttempt::hangUpSecondHalf);
	}

	/**
	 * Capture 15's answer: the phone, then both Local halves, then the caller leave the
	 * queue and are bridged.
	 */
	private void connect(Waiting w, MemberAttempt attempt) {
		if (w.done || attempt.ended) {
			return;
		}
		w.done = true;
		cancelTimer(w);
		SimulatedChannel caller = w.caller;
		SimulatedChannel phone = attempt.answered();
		channels.setConnectedLine(caller, attempt.extension, null);
		w.ringing.stream().filter(other -> other != attempt).forEach(MemberAttempt::cancel);
		int position = positionOf(w);
		int count = leave(w);
		events.emit(queueEvent("QueueCallerLeave", w).add("Position", position).add("Count", count));
		long holdTime = Duration.between(w.joined, time.now()).toSeconds();
		events.emit(attempt.agentEvent("AgentConnect")
			.add("HoldTime", holdTime)
			.add("RingTime", Duration.between(attempt.started, time.now()).toSeconds()));
		channels.setState(attempt.two, SimulatedChannel.UP);
		exchange.mixMonitor.start(w.call, caller);
		bridges.bridge(phone, attempt.two);
		bridges.bridge(attempt.one, caller);
		w.call.agent = phone;
		w.call.answered.complete(phone.device);
		Instant connected = time.now();
		caller.onHangupRequest = () -> {
			phone.onHangupRequest = null;
			callerHangsUp(attempt, phone, caller, complete(attempt, holdTime, connected, "caller"));
		};
		phone.onHangupRequest = () -> {
			caller.onHangupRequest = null;
			memberHangsUp(attempt, phone, caller, complete(attempt, holdTime, connected, "agent"));
		};
		if (w.talkTime != null) {
			time.after(w.talkTime, () -> channels.hangupFrom(caller));
		}
		if (phone.behaviour != null && phone.behaviour.talkTime() != null) {
			time.after(phone.behaviour.talkTime(), () -> channels.hangupFrom(phone));
		}
	}

	private Runnable complete(MemberAttempt attempt, long holdTime, Instant connected, String reason) {
		return () -> events.emit(attempt.agentEvent("AgentComplete")
			.add("HoldTime", holdTime)
			.add("TalkTime", Duration.between(connected, time.now()).toSeconds())
			.add("Reason", reason));
	}

	/** Capture 15's end, in its order. */
	private void callerHangsUp(MemberAttempt attempt, SimulatedChannel phone, SimulatedChannel caller,
			Runnable agentComplete) {
		events.emit(events.channelEvent("HangupRequest", caller).add("Cause", 16));
		agentComplete.run();
		bridges.leave(caller);
		events.emit(events.channelEvent("SoftHangupRequest", caller).add("Cause", 16));
		bridges.leave(attempt.one);
		events.emit(events.channelEvent("HangupRequest", attempt.two).add("Cause", 16));
		channels.hangup(attempt.one, 16);
		bridges.leave(attempt.two);
		attempt.two.context = "ext-local";
		attempt.two.exten = attempt.extension;
		attempt.two.priority = 3;
		events.emit(events.channelEvent("SoftHangupRequest", attempt.two).add("Cause", 16));
		bridges.leave(phone);
		channels.hangup(phone, 16);
		caller.exten = "h";
		caller.priority = 1;
		channels.hangup(caller, 16);
		attempt.two.exten = "h";
		attempt.two.priority = 1;
		channels.hangup(attempt.two, 16);
	}

	/**
	 * The member hangs up first: the same teardown from the phone's side, AgentComplete
	 * with Reason agent.
	 */
	private void memberHangsUp(MemberAttempt attempt, SimulatedChannel phone, SimulatedChannel caller,
			Runnable agentComplete) {
		events.emit(events.channelEvent("HangupRequest", phone).add("Cause", 16));
		bridges.leave(phone);
		events.emit(events.channelEvent("SoftHangupRequest", attempt.two).add("Cause", 16));
		bridges.leave(attempt.two);
		channels.hangup(phone, 16);
		channels.hangup(attempt.two, 16);
		events.emit(events.channelEvent("SoftHangupRequest", attempt.one).add("Cause", 16));
		bridges.leave(attempt.one);
		agentComplete.run();
		events.emit(events.channelEvent("SoftHangupRequest", caller).add("Cause", 16));
		bridges.leave(caller);
		channels.hangup(attempt.one, 16);
		caller.exten = "h";
		caller.priority = 1;
		channels.hangup(caller, 16);
	}

	private void cancelTimer(Waiting w) {
		if (w.timer != null) {
			w.timer.cancel();
		}
	}

	private int positionOf(Waiting w) {
		return waiting.getOrDefault(w.queue.number(), List.of()).indexOf(w) + 1;
	}

	/** Takes the caller out of the queue's line; returns how many still wait. */
	private int leave(Waiting w) {
		List<Waiting> line = waiting.get(w.queue.number());
		if (line == null) {
			return 0;
		}
		line.remove(w);
		if (line.isEmpty()) {
			waiting.remove(w.queue.number());
		}
		return line.size();
	}

	private AmiMessage queueEvent(String name, Waiting w) {
		return events.channelEvent(name, w.caller, "agent,all").add("Queue", w.queue.number());
	}

}

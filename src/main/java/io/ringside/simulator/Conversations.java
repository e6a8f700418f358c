package io.ringside.simulator;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Answered calls: the answering channel is bridged with its caller and kept as the call's
 * agent, the conversation is recorded when recording is on ({@link MixMonitor}), and the
 * talk timers (the caller's, the phone user's) decide which side hangs up first. Core
 * thread only.
 */
final class Conversations {

	private final SimulatedExchange exchange;

	Conversations(SimulatedExchange exchange) {
		this.exchange = exchange;
	}

	/**
	 * Bridges the answered leg with the caller; the caller hangs up after its talk time
	 * unless the phone did first.
	 */
	void connect(CallRecord call, SimulatedChannel caller, SimulatedChannel answered,
			@Nullable Duration callerTalkTime) {
		call.agent = answered;
		call.answered.complete(answered.device);
		exchange.mixMonitor.start(call, caller);
		exchange.bridges.bridge(answered, caller);
		if (callerTalkTime != null) {
			exchange.time.after(callerTalkTime, () -> {
				if (caller.bridge != null) {
					exchange.channels.hangupFrom(caller);
				}
			});
		}
		hangUpWhenPhoneUserDoes(answered);
	}

	/**
	 * The phone's user hangs up after the phone's talk time, if it is still in a bridge
	 * then.
	 */
	void hangUpWhenPhoneUserDoes(SimulatedChannel answered) {
		PhoneBehaviour behaviour = answered.behaviour;
		if (behaviour != null && behaviour.talkTime() != null) {
			exchange.time.after(behaviour.talkTime(), () -> {
				if (answered.bridge != null) {
					exchange.channels.hangupFrom(answered);
				}
			});
		}
	}

}

package io.ringside.simulator;

import java.util.ArrayList;

/**
 * The outside party of a call: it arrives on a trunk (a channel in state Ring on the
 * trunk endpoint, which from then on counts as a trunk for device states), and hangs up
 * on its own timer or when a test says so. Core thread only.
 */
final class Callers {

	private final SimulatedExchange exchange;

	Callers(SimulatedExchange exchange) {
		this.exchange = exchange;
	}

	/**
	 * The caller's channel on the trunk; it hangs up after
	 * {@link InboundCall#hangUpAfter()} if that is set.
	 */
	SimulatedChannel arrive(CallRecord call, InboundCall spec) {
		Channels channels = exchange.channels;
		exchange.devices.trunk(spec.trunk());
		SimulatedChannel trunk = channels.newChannel(channels.nextName(spec.trunk()), call.linkedid, null, spec.trunk(),
				call, SimulatedChannel.RING, spec.callerNumber(), spec.callerName(), "from-trunk", spec.dialedNumber());
		call.caller = trunk;
		if (spec.hangUpAfter() != null) {
			exchange.time.after(spec.hangUpAfter(), () -> channels.hangupFrom(trunk));
		}
		return trunk;
	}

	/**
	 * The caller (or, for an originated call, the first channel) hangs up; with none
	 * left, every channel does.
	 */
	void hangUp(CallRecord call) {
		if (call.caller != null && !call.caller.hungUp) {
			exchange.channels.hangupFrom(call.caller);
			return;
		}
		new ArrayList<>(call.live).forEach(exchange.channels::hangupFrom);
	}

}

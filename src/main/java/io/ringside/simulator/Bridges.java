package io.ringside.simulator;

import java.util.UUID;

/**
 * Basic two-party bridges: creating one, channels entering and leaving, and the rule that
 * channels meeting in a bridge all take the oldest Linkedid among them. Core thread only.
 */
final class Bridges {

	private final CoreEvents events;

	Bridges(CoreEvents events) {
		this.events = events;
	}

	Bridge bridge(SimulatedChannel first, SimulatedChannel second) {
		Bridge bridge = new Bridge(UUID.randomUUID().toString());
		events.emit(events.bridgeEvent("BridgeCreate", bridge));
		enter(bridge, first);
		enter(bridge, second);
		return bridge;
	}

	void enter(Bridge bridge, SimulatedChannel channel) {
		bridge.members.add(channel);
		channel.bridge = bridge;
		String oldest = bridge.members.stream()
			.map(member -> member.linkedid)
			.min(SimulatedChannel::compareAge)
			.orElse(channel.linkedid);
		bridge.members.forEach(member -> member.linkedid = oldest);
		events.emit(events.bridgeEvent("BridgeEnter", bridge).addAll(channel.snapshot("")));
	}

	/**
	 * The channel leaves its bridge, if it is in one; the last to leave destroys the
	 * bridge.
	 */
	void leave(SimulatedChannel channel) {
		Bridge bridge = channel.bridge;
		if (bridge == null) {
			return;
		}
		bridge.members.remove(channel);
		channel.bridge = null;
		events.emit(events.bridgeEvent("BridgeLeave", bridge).addAll(channel.snapshot("")));
		if (bridge.members.isEmpty()) {
			events.emit(events.bridgeEvent("BridgeDestroy", bridge));
		}
	}

}

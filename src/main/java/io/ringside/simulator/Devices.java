package io.ringside.simulator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Device states (DeviceStateChange) computed from a device's channels, and when it has
 * none from how its phone behaves; trunk endpoints follow their channels only. Raises an
 * event only when a state changes. Core thread only.
 */
final class Devices {

	private final Map<String, String> states = new HashMap<>();

	/**
	 * Endpoints calls came in on: their device state follows their channels, never a
	 * phone's behaviour.
	 */
	private final Set<String> trunks = new HashSet<>(Set.of(InboundCall.PJSIP_TRUNK));

	private final CoreEvents events;

	private final Supplier<SimulatedPhones> phones;

	Devices(CoreEvents events, Supplier<SimulatedPhones> phones) {
		this.events = events;
		this.phones = phones;
	}

	/**
	 * Every device with a state, as Asterisk's DeviceStateList lists them (in no set
	 * order there; here by name).
	 */
	SortedMap<String, String> states() {
		return new TreeMap<>(states);
	}

	/** Remembers an endpoint calls come in on. */
	void trunk(String device) {
		trunks.add(device);
	}

	/**
	 * Recomputes a device's state from the channels up now (and, when idle, from how the
	 * phone behaves).
	 */
	void refresh(@Nullable String device, Iterable<SimulatedChannel> channels) {
		if (device == null) {
			return;
		}
		boolean up = false;
		boolean ringing = false;
		for (SimulatedChannel channel : channels) {
			if (device.equals(channel.device) && !channel.hungUp) {
				up |= channel.state == SimulatedChannel.UP || channel.state == SimulatedChannel.RING;
				ringing |= channel.state == SimulatedChannel.RINGING || channel.state == SimulatedChannel.DOWN;
			}
		}
		String state;
		if (up && ringing) {
			state = "RINGINUSE";
		}
		else if (up) {
			state = "INUSE";
		}
		else if (ringing) {
			state = "RINGING";
		}
		else {
			state = idleState(device);
		}
		String before = states.put(device, state);
		if (!state.equals(before)) {
			events.emit(AmiMessage.event("DeviceStateChange", "call,all").add("Device", device).add("State", state));
		}
	}

	private String idleState(String device) {
		PhoneBehaviour behaviour = trunks.contains(device) ? null : phones.get().behaviourOf(device);
		if (behaviour == null) {
			return "NOT_INUSE";
		}
		return switch (behaviour.kind()) {
			case UNAVAILABLE -> "UNAVAILABLE";
			case BUSY -> "BUSY";
			default -> "NOT_INUSE";
		};
	}

}

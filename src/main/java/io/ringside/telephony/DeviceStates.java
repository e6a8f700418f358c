package io.ringside.telephony;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.ringside.telephony.DeviceStateChanged.State;

/**
 * Reads a phone's state from the AMI events that carry one. DeviceStateChange is the
 * authority; ExtensionStatus is read for its hint's first device; ContactStatus and
 * PeerStatus only ever say UNAVAILABLE (a phone that becomes reachable again is followed
 * by a DeviceStateChange, and registration refreshes must not overwrite INUSE). Stateless
 * and thread-safe.
 */
final class DeviceStates {

	private DeviceStates() {
	}

	static boolean concerns(AmiEvent event) {
		return event.is("DeviceStateChange") || event.is("ExtensionStatus") || event.is("ContactStatus")
				|| event.is("PeerStatus");
	}

	static Optional<DeviceStateChanged> of(AmiEvent event, Instant at) {
		String name = event.name().toLowerCase(Locale.ROOT);
		return switch (name) {
			case "devicestatechange" -> changed(event.get("Device"), stateNamed(event.get("State")), at);
			case "extensionstatus" -> changed(firstDevice(event.get("Hint")), extensionState(event.get("Status")), at);
			case "contactstatus" -> unavailableWhen(event.get("ContactStatus"), "Unreachable", "Removed")
				.flatMap(state -> changed(prefixed("PJSIP/", event.get("EndpointName")), state, at));
			case "peerstatus" -> unavailableWhen(event.get("PeerStatus"), "Unregistered", "Rejected", "Unreachable")
				.flatMap(state -> changed(event.get("Peer"), state, at));
			default -> Optional.empty();
		};
	}

	private static Optional<DeviceStateChanged> changed(@Nullable String device, State state, Instant at) {
		return (device == null || device.isBlank()) ? Optional.empty()
				: Optional.of(new DeviceStateChanged(device, at, state));
	}

	private static State stateNamed(@Nullable String value) {
		if (value == null) {
			return State.UNKNOWN;
		}
		try {
			return State.valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return State.UNKNOWN;
		}
	}

	/**
	 * ExtensionStatus numbers (ast_extension_state): 0 idle, 1 in use, 2 busy, 4
	 * unavailable, 8 ringing, 16 hold.
	 */
	private static State extensionState(@Nullable String status) {
		if (status == null) {
			return State.UNKNOWN;
		}
		return switch (status.trim()) {
			case "0" -> State.NOT_INUSE;
			case "1" -> State.INUSE;
			case "2" -> State.BUSY;
			case "4" -> State.UNAVAILABLE;
			case "8" -> State.RINGING;
			case "9" -> State.RINGINUSE;
			case "16", "17" -> State.ONHOLD;
			case "-1", "-2" -> State.INVALID;
			default -> State.UNKNOWN;
		};
	}

	private static Optional<State> unavailableWhen(@Nullable String status, String... unavailable) {
		for (String value : unavailable) {
			if (value.equalsIgnoreCase(status)) {
				return Optional.of(State.UNAVAILABLE);
			}
		}
		return Optional.empty();
	}

	private static @Nullable String firstDevice(@Nullable String hint) {
		return (hint == null) ? null : hint.split("&")[0].trim();
	}

	private static @Nullable String prefixed(String prefix, @Nullable String endpoint) {
		return (endpoint == null || endpoint.isBlank()) ? null : prefix + endpoint;
	}

}

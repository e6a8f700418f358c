package io.ringside.presence;

import org.jspecify.annotations.Nullable;

/** A phone's state as Asterisk reports it (DeviceStateChange). */
public enum DeviceState {

	NOT_INUSE, INUSE, BUSY, INVALID, UNAVAILABLE, RINGING, RINGINUSE, ONHOLD, UNKNOWN;

	/**
	 * Can this phone take a new call now? Unknown counts as free: a PBX that says nothing
	 * must not block routing.
	 */
	public boolean canTakeACall() {
		return this == NOT_INUSE || this == UNKNOWN;
	}

	/**
	 * Reads Asterisk's spelling ({@code NOT_INUSE}, {@code Not in use}, ...); anything
	 * else is UNKNOWN.
	 */
	public static DeviceState parse(@Nullable String value) {
		if (value == null) {
			return UNKNOWN;
		}
		String normalised = value.trim().toUpperCase().replace(' ', '_');
		if (normalised.equals("NOT_IN_USE")) {
			return NOT_INUSE;
		}
		if (normalised.equals("IN_USE")) {
			return INUSE;
		}
		try {
			return valueOf(normalised);
		}
		catch (IllegalArgumentException ex) {
			return UNKNOWN;
		}
	}

}

package io.ringside.telephony;

import java.time.Instant;

/**
 * A phone's state changed, as Asterisk's device state reports it
 * ({@code DeviceStateChange}, or an {@code ExtensionStatus} hint, or a contact or peer
 * becoming unreachable).
 *
 * @param device e.g. {@code PJSIP/101}
 */
public record DeviceStateChanged(String device, Instant at, State state) implements TelephonyEvent {

	/**
	 * Asterisk's device states ({@code ast_devstate_str}), with UNKNOWN for anything
	 * else.
	 */
	public enum State {

		NOT_INUSE, INUSE, BUSY, RINGING, UNAVAILABLE, INVALID, ONHOLD, RINGINUSE, UNKNOWN

	}

}

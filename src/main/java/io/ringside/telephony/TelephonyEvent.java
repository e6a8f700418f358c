package io.ringside.telephony;

import java.time.Instant;

/**
 * What the telephony module tells the rest of Ringside: something that happened to a call
 * ({@link CallEvent}) or to a phone ({@link DeviceStateChanged}). Immutable values, safe
 * to hand to any thread.
 */
public sealed interface TelephonyEvent permits CallEvent, DeviceStateChanged {

	/**
	 * When it happened: the AMI event's {@code Timestamp} when Asterisk sent one, else
	 * the tracker's clock.
	 */
	Instant at();

}

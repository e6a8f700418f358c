package io.ringside.simulator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An outside caller ringing in on the trunk.
 *
 * @param callerNumber the caller's number as the trunk presents it, e.g.
 * {@code +4930123456}
 * @param callerName the caller's name, or null
 * @param dialedNumber the number called (DID), the trunk channel's extension
 * @param talkTime when not null, the caller hangs up this long after being answered
 * @param hangUpAfter when not null, the caller hangs up this long after the call started,
 * answered or not
 * @param trunk the endpoint the call comes in on, which names its channel:
 * {@code PJSIP/trunk} (the default, channels {@code PJSIP/trunk-0000002a}) or e.g.
 * {@code SIP/provider} for an Asterisk 13 chan_sip trunk ({@code SIP/provider-0000002a})
 */
public record InboundCall(String callerNumber, @Nullable String callerName, String dialedNumber,
		@Nullable Duration talkTime, @Nullable Duration hangUpAfter, String trunk) {

	public static final String PJSIP_TRUNK = "PJSIP/trunk";

	public InboundCall {
		Objects.requireNonNull(callerNumber, "callerNumber");
		Objects.requireNonNull(dialedNumber, "dialedNumber");
		trunk = trunk == null || trunk.isBlank() ? PJSIP_TRUNK : trunk;
		if (!trunk.matches("[A-Za-z]+/[^/\\s-]+")) {
			throw new IllegalArgumentException("a trunk is <technology>/<endpoint>, e.g. SIP/provider: " + trunk);
		}
	}

	public InboundCall(String callerNumber, @Nullable String callerName, String dialedNumber,
			@Nullable Duration talkTime, @Nullable Duration hangUpAfter) {
		this(callerNumber, callerName, dialedNumber, talkTime, hangUpAfter, PJSIP_TRUNK);
	}

	public static InboundCall from(String callerNumber) {
		return new InboundCall(callerNumber, null, "+4930555000", null, null);
	}

	public InboundCall named(String name) {
		return new InboundCall(callerNumber, name, dialedNumber, talkTime, hangUpAfter, trunk);
	}

	public InboundCall to(String number) {
		return new InboundCall(callerNumber, callerName, number, talkTime, hangUpAfter, trunk);
	}

	public InboundCall talkingFor(Duration time) {
		return new InboundCall(callerNumber, callerName, dialedNumber, time, hangUpAfter, trunk);
	}

	public InboundCall hangingUpAfter(Duration time) {
		return new InboundCall(callerNumber, callerName, dialedNumber, talkTime, time, trunk);
	}

	/**
	 * The call comes in on another trunk, e.g. {@code SIP/provider} (chan_sip, as on
	 * Asterisk 13).
	 */
	public InboundCall viaTrunk(String endpoint) {
		return new InboundCall(callerNumber, callerName, dialedNumber, talkTime, hangUpAfter, endpoint);
	}

}

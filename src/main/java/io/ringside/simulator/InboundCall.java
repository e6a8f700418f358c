package io.ringside.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * An outside caller ringing in on the trunk.
 *
 * @param callerNumber the caller's number as the trunk presents it, e.g. {@code +4930123456}
 * @param callerName the caller's name, or null
 * @param dialedNumber the number called (DID), the trunk channel's extension
 * @param talkTime when not null, the caller hangs up this long after being answered
 * @param hangUpAfter when not null, the caller hangs up this long after the call started, answered or not
 */
public record InboundCall(String callerNumber, String callerName, String dialedNumber, Duration talkTime,
		Duration hangUpAfter) {

	public InboundCall {
		Objects.requireNonNull(callerNumber, "callerNumber");
		Objects.requireNonNull(dialedNumber, "dialedNumber");
	}

	public static InboundCall from(String callerNumber) {
		return new InboundCall(callerNumber, null, "+4930555000", null, null);
	}

	public InboundCall named(String name) {
		return new InboundCall(callerNumber, name, dialedNumber, talkTime, hangUpAfter);
	}

	public InboundCall to(String number) {
		return new InboundCall(callerNumber, callerName, number, talkTime, hangUpAfter);
	}

	public InboundCall talkingFor(Duration time) {
		return new InboundCall(callerNumber, callerName, dialedNumber, time, hangUpAfter);
	}

	public InboundCall hangingUpAfter(Duration time) {
		return new InboundCall(callerNumber, callerName, dialedNumber, talkTime, time);
	}

}

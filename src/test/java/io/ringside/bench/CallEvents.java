package io.ringside.bench;

import java.util.Locale;

/**
 * A stream of AMI events as Asterisk 20 sends them for inbound calls from a trunk to an
 * employee's PJSIP phone, many calls at once, their events interleaved: each step takes
 * the next event of the next call in turn. Four calls in five are answered (Newchannel,
 * Newchannel, DialBegin, Newstate Ringing, DeviceStateChange, Newstate Up, DialEnd
 * ANSWER, Newstate Up, BridgeCreate, BridgeEnter x2, DeviceStateChange, BridgeLeave x2,
 * BridgeDestroy, Hangup x2, DeviceStateChange: 18 events); the fifth caller hangs up
 * while the phone rings (DialEnd CANCEL: 9 events). Every call has its own Uniqueids and
 * Linkedid; every event carries the full channel snapshot and a Timestamp, as with
 * {@code timestampevents = yes}.
 * <p>
 * Once {@code events} have been produced no new call starts, and the calls in progress
 * play to their end, so the stream always ends with every call over. Not thread-safe: one
 * writer.
 */
final class CallEvents {

	private static final int ANSWERED_STEPS = 18;

	private static final int MISSED_STEPS = 9;

	private final long target;

	private final int[] slotCall;

	private final int[] slotStep;

	private int nextCall;

	private int slot;

	private int activeSlots;

	private long produced;

	private int calls;

	private long deviceEvents;

	private final double epoch = 1_781_700_000.0;

	/**
	 * @param firstCall number of the first call, so that streams on one connection never
	 * reuse a Uniqueid
	 * @param events how many events to produce at least (the calls in progress then
	 * finish)
	 * @param concurrentCalls how many calls are in progress at once
	 */
	CallEvents(int firstCall, long events, int concurrentCalls) {
		this.nextCall = firstCall;
		this.target = events;
		this.slotCall = new int[concurrentCalls];
		this.slotStep = new int[concurrentCalls];
		for (int i = 0; i < concurrentCalls; i++) {
			slotCall[i] = nextCall++;
			activeSlots++;
		}
		calls = concurrentCalls;
	}

	/** Appends the next event to {@code out}; false when the stream is over. */
	boolean next(StringBuilder out) {
		if (activeSlots == 0) {
			return false;
		}
		while (slotCall[slot] < 0) {
			slot = (slot + 1) % slotCall.length;
		}
		int call = slotCall[slot];
		int step = slotStep[slot]++;
		boolean answered = call % 5 != 4;
		write(out, call, step, answered);
		produced++;
		if (step + 1 == (answered ? ANSWERED_STEPS : MISSED_STEPS)) {
			if (produced < target) {
				slotCall[slot] = nextCall++;
				slotStep[slot] = 0;
				calls++;
			}
			else {
				slotCall[slot] = -1;
				activeSlots--;
			}
		}
		slot = (slot + 1) % slotCall.length;
		return true;
	}

	long produced() {
		return produced;
	}

	/** Calls started so far (all of them, once the stream is over). */
	int calls() {
		return calls;
	}

	/** DeviceStateChange events produced so far. */
	long deviceEvents() {
		return deviceEvents;
	}

	private void write(StringBuilder out, int call, int step, boolean answered) {
		String trunk = "PJSIP/trunk-" + hex(2L * call);
		String trunkId = uniqueid(2L * call);
		String phoneNumber = Integer.toString(1001 + call % 200);
		String device = "PJSIP/" + phoneNumber;
		String phone = device + "-" + hex(2L * call + 1);
		String phoneId = uniqueid(2L * call + 1);
		String caller = "+7495" + (2_000_000 + call % 100_000);
		double at = epoch + call * 0.01 + step * 0.2;
		if (!answered) {
			switch (step) {
				case 0, 1, 2, 3, 4 ->
					common(out, step, at, trunk, trunkId, phone, phoneId, device, caller, phoneNumber);
				case 5 -> dial(out, "DialEnd", at, trunk, trunkId, 4, phone, phoneId, 5, caller, phoneNumber)
					.append("DialStatus: CANCEL\r\n\r\n");
				case 6 -> hangup(out, at, phone, phoneId, trunkId, 5, phoneNumber, caller, 26, "Answered elsewhere");
				case 7 -> hangup(out, at, trunk, trunkId, trunkId, 4, caller, phoneNumber, 16, "Normal Clearing");
				default -> deviceState(out, at, device, "NOT_INUSE");
			}
			return;
		}
		switch (step) {
			case 0, 1, 2, 3, 4 -> common(out, step, at, trunk, trunkId, phone, phoneId, device, caller, phoneNumber);
			case 5 -> channel(out, "Newstate", at, phone, phoneId, trunkId, 6, phoneNumber, caller).append("\r\n");
			case 6 -> dial(out, "DialEnd", at, trunk, trunkId, 4, phone, phoneId, 6, caller, phoneNumber)
				.append("DialStatus: ANSWER\r\n\r\n");
			case 7 -> channel(out, "Newstate", at, trunk, trunkId, trunkId, 6, caller, phoneNumber).append("\r\n");
			case 8 -> bridge(out, "BridgeCreate", at, call, 0).append("\r\n");
			case 9 ->
				bridge(out, "BridgeEnter", at, call, 1).append(channelOf(trunk, trunkId, trunkId, caller, phoneNumber));
			case 10 ->
				bridge(out, "BridgeEnter", at, call, 2).append(channelOf(phone, phoneId, trunkId, phoneNumber, caller));
			case 11 -> deviceState(out, at, device, "INUSE");
			case 12 ->
				bridge(out, "BridgeLeave", at, call, 1).append(channelOf(phone, phoneId, trunkId, phoneNumber, caller));
			case 13 ->
				bridge(out, "BridgeLeave", at, call, 0).append(channelOf(trunk, trunkId, trunkId, caller, phoneNumber));
			case 14 -> bridge(out, "BridgeDestroy", at, call, 0).append("\r\n");
			case 15 -> hangup(out, at, phone, phoneId, trunkId, 6, phoneNumber, caller, 16, "Normal Clearing");
			case 16 -> hangup(out, at, trunk, trunkId, trunkId, 6, caller, phoneNumber, 16, "Normal Clearing");
			default -> deviceState(out, at, device, "NOT_INUSE");
		}
	}

	/** The first five events, the same whether the call is answered or not. */
	private void common(StringBuilder out, int step, double at, String trunk, String trunkId, String phone,
			String phoneId, String device, String caller, String phoneNumber) {
		switch (step) {
			case 0 -> channel(out, "Newchannel", at, trunk, trunkId, trunkId, 4, caller, "<unknown>").append("\r\n");
			case 1 ->
				channel(out, "Newchannel", at, phone, phoneId, trunkId, 0, "<unknown>", "<unknown>").append("\r\n");
			case 2 -> dial(out, "DialBegin", at, trunk, trunkId, 4, phone, phoneId, 0, caller, phoneNumber)
				.append("DialString: ")
				.append(phoneNumber)
				.append("\r\n\r\n");
			case 3 -> channel(out, "Newstate", at, phone, phoneId, trunkId, 5, phoneNumber, caller).append("\r\n");
			default -> deviceState(out, at, device, "RINGING");
		}
	}

	private StringBuilder channel(StringBuilder out, String event, double at, String channel, String uniqueid,
			String linkedid, int state, String callerNum, String connectedNum) {
		out.append("Event: ").append(event).append("\r\nPrivilege: call,all\r\nTimestamp: ");
		timestamp(out, at);
		return snapshot(out, "", channel, uniqueid, linkedid, state, callerNum, connectedNum);
	}

	private StringBuilder snapshot(StringBuilder out, String prefix, String channel, String uniqueid, String linkedid,
			int state, String callerNum, String connectedNum) {
		return out.append(prefix)
			.append("Channel: ")
			.append(channel)
			.append("\r\n")
			.append(prefix)
			.append("ChannelState: ")
			.append(state)
			.append("\r\n")
			.append(prefix)
			.append("ChannelStateDesc: ")
			.append(stateDesc(state))
			.append("\r\n")
			.append(prefix)
			.append("CallerIDNum: ")
			.append(callerNum)
			.append("\r\n")
			.append(prefix)
			.append("CallerIDName: <unknown>\r\n")
			.append(prefix)
			.append("ConnectedLineNum: ")
			.append(connectedNum)
			.append("\r\n")
			.append(prefix)
			.append("ConnectedLineName: <unknown>\r\n")
			.append(prefix)
			.append("Language: en\r\n")
			.append(prefix)
			.append("AccountCode: \r\n")
			.append(prefix)
			.append("Context: from-trunk\r\n")
			.append(prefix)
			.append("Exten: 74951234567\r\n")
			.append(prefix)
			.append("Priority: 2\r\n")
			.append(prefix)
			.append("Uniqueid: ")
			.append(uniqueid)
			.append("\r\n")
			.append(prefix)
			.append("Linkedid: ")
			.append(linkedid)
			.append("\r\n");
	}

	private StringBuilder dial(StringBuilder out, String event, double at, String trunk, String trunkId, int trunkState,
			String phone, String phoneId, int phoneState, String caller, String phoneNumber) {
		channel(out, event, at, trunk, trunkId, trunkId, trunkState, caller, "<unknown>");
		return snapshot(out, "Dest", phone, phoneId, trunkId, phoneState, phoneNumber, caller);
	}

	/** The bridge's snapshot; BridgeEnter and BridgeLeave append the channel's. */
	private StringBuilder bridge(StringBuilder out, String event, double at, int call, int channels) {
		out.append("Event: ").append(event).append("\r\nPrivilege: call,all\r\nTimestamp: ");
		timestamp(out, at);
		return out.append("BridgeUniqueid: 7f3c2d1e-0000-4000-8000-")
			.append(String.format(Locale.ROOT, "%012x", call))
			.append("\r\nBridgeType: basic\r\nBridgeTechnology: simple_bridge\r\nBridgeCreator: <unknown>\r\n")
			.append("BridgeName: <unknown>\r\nBridgeNumChannels: ")
			.append(channels)
			.append("\r\nBridgeVideoSourceMode: none\r\n");
	}

	private String channelOf(String channel, String uniqueid, String linkedid, String callerNum, String connectedNum) {
		return snapshot(new StringBuilder(512), "", channel, uniqueid, linkedid, 6, callerNum, connectedNum)
			.append("\r\n")
			.toString();
	}

	private void hangup(StringBuilder out, double at, String channel, String uniqueid, String linkedid, int state,
			String callerNum, String connectedNum, int cause, String causeText) {
		channel(out, "Hangup", at, channel, uniqueid, linkedid, state, callerNum, connectedNum).append("Cause: ")
			.append(cause)
			.append("\r\nCause-txt: ")
			.append(causeText)
			.append("\r\n\r\n");
	}

	private void deviceState(StringBuilder out, double at, String device, String state) {
		deviceEvents++;
		out.append("Event: DeviceStateChange\r\nPrivilege: call,all\r\nTimestamp: ");
		timestamp(out, at);
		out.append("Device: ").append(device).append("\r\nState: ").append(state).append("\r\n\r\n");
	}

	private static void timestamp(StringBuilder out, double at) {
		long micros = Math.round(at * 1_000_000);
		out.append(micros / 1_000_000).append('.');
		String fraction = Long.toString(micros % 1_000_000);
		out.append("000000", 0, 6 - fraction.length()).append(fraction).append("\r\n");
	}

	private String uniqueid(long n) {
		return "1781700000." + n;
	}

	private static String hex(long n) {
		String digits = Long.toHexString(n);
		return "00000000".substring(Math.min(8, digits.length())) + digits;
	}

	private static String stateDesc(int state) {
		return switch (state) {
			case 0 -> "Down";
			case 4 -> "Ring";
			case 5 -> "Ringing";
			default -> "Up";
		};
	}

}

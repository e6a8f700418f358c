package io.ringside.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One try of a FreePBX queue to reach one member: a new Local channel pair ({@code ;1} dialed by the caller, {@code ;2}
 * dialing the member's phone), raising the events, and in the order, of captures 15 and 16 (FreePBX 16). Some events
 * of the {@code ;1} half come after its Hangup, as they do on a real Asterisk. Owned by the PBX core thread.
 */
final class MemberAttempt {

	/** How long FreePBX's follow-me check takes to give up on a phone that cannot be reached. */
	private static final Duration FOLLOW_ME_CHECK = Duration.ofMillis(500);

	private static final String CALLING_PRES = "0 (Presentation Allowed, Not Screened)";

	private final Pbx pbx;

	private final CallRecord call;

	private final Channel caller;

	private final String queue;

	final String extension;

	final Channel one;

	final Channel two;

	Channel phone;

	final Instant started;

	/** No longer ringing: failed, timed out, cancelled, abandoned or answered. */
	boolean ended;

	private CoreLoop.Timer answer;

	/** AgentCalled and DialBegin from the caller to the new {@code ;1} half. */
	MemberAttempt(Pbx pbx, CallRecord call, Channel caller, String queue, String extension) {
		this.pbx = pbx;
		this.call = call;
		this.caller = caller;
		this.queue = queue;
		this.extension = extension;
		String base = pbx.nextName("Local/" + extension + "@from-queue");
		one = pbx.newChannel(base + ";1", pbx.nextUniqueid(), caller.linkedid, null, call, Channel.DOWN, null, null,
				"from-queue", extension);
		two = pbx.newChannel(base + ";2", pbx.nextUniqueid(), caller.linkedid, null, call, Channel.RING, null, null,
				"from-queue", extension);
		one.callerNum = queue;
		pbx.emit(callerId(one));
		two.callerNum = caller.callerNum;
		two.callerName = caller.callerName;
		two.connectedNum = queue;
		pbx.emit(callerId(two));
		pbx.emit(pbx.channelEvent("NewConnectedLine", two));
		// AgentCalled shows the ;1 half as the queue sees it (connected to the caller, in the queue's extension);
		// DialBegin, a moment earlier in the core, as it still is.
		one.connectedNum = caller.callerNum;
		one.connectedName = caller.callerName;
		one.exten = queue;
		pbx.emit(agentEvent("AgentCalled"));
		one.connectedNum = null;
		one.connectedName = null;
		one.exten = extension;
		pbx.emit(pbx.dialEvent("DialBegin", caller, one).add("DialString", CallQueue.interfaceOf(extension)));
		one.connectedNum = caller.callerNum;
		one.connectedName = caller.callerName;
		one.exten = queue;
		started = pbx.clock.instant();
	}

	/**
	 * FreePBX's dialplan on the {@code ;2} half looks the member up: a phone that cannot be reached (unregistered or
	 * busy) ends the try at once (the follow-me check hangs up), any other is dialed and rings.
	 */
	void reach(Runnable failed, Consumer<MemberAttempt> answered) {
		if (ended) {
			return;
		}
		String device = "PJSIP/" + extension;
		PhoneBehaviour behaviour = pbx.phones.behaviourOf(device);
		if (behaviour.kind() == PhoneBehaviour.Kind.UNAVAILABLE || behaviour.kind() == PhoneBehaviour.Kind.BUSY) {
			two.context = "followme-sub";
			two.priority = 4;
			two.connectedNum = extension;
			pbx.emit(pbx.channelEvent("NewConnectedLine", two));
			two.priority = 6;
			two.connectedName = extension;
			pbx.emit(pbx.channelEvent("NewConnectedLine", two));
			pbx.after(FOLLOW_ME_CHECK, () -> noPhone(failed));
			return;
		}
		two.context = "macro-dial-one";
		two.exten = "s";
		two.priority = 47;
		two.connectedName = queue;
		pbx.emit(pbx.channelEvent("NewConnectedLine", two));
		two.priority = 48;
		two.connectedNum = extension;
		two.connectedName = extension;
		pbx.emit(pbx.channelEvent("NewConnectedLine", two));
		phone = pbx.newChannel(pbx.nextName(device), pbx.nextUniqueid(), caller.linkedid, device, call, Channel.DOWN,
				extension, null, "from-internal", "s");
		phone.behaviour = behaviour;
		phone.exten = extension;
		pbx.setConnectedLine(phone, caller.callerNum, caller.callerName);
		two.priority = 56;
		pbx.emit(pbx.dialEvent("DialBegin", two, phone)
			.add("DialString", extension + "/sip:" + extension + "@127.0.0.1:5060"));
		pbx.after(Pbx.SIGNALLING_DELAY, () -> ringing(behaviour, answered));
	}

	private void ringing(PhoneBehaviour behaviour, Consumer<MemberAttempt> answered) {
		if (ended) {
			return;
		}
		one.callerNum = extension;
		pbx.setState(one, Channel.RINGING);
		pbx.emit(callerId(one));
		pbx.emit(pbx.channelEvent("NewConnectedLine", one));
		pbx.dialState(caller, one);
		pbx.emit(pbx.channelEvent("NewConnectedLine", two));
		pbx.setState(phone, Channel.RINGING);
		pbx.dialState(caller, one);
		pbx.dialState(two, phone);
		if (behaviour.kind() == PhoneBehaviour.Kind.ANSWERS) {
			answer = pbx.after(behaviour.ringTime(), () -> answered.accept(this));
		}
	}

	/** Capture 15, Local/7008: the {@code ;2} half hangs up before any phone rang; RingTime 0. */
	private void noPhone(Runnable failed) {
		if (ended) {
			return;
		}
		ended = true;
		two.context = "followme-check";
		two.priority = 3;
		pbx.emit(pbx.channelEvent("SoftHangupRequest", two).add("Cause", 16));
		one.callerNum = extension;
		one.callerName = extension;
		pbx.emit(pbx.channelEvent("HangupRequest", one).add("Cause", 16));
		pbx.hangup(two, 16);
		pbx.emit(pbx.dialEvent("DialEnd", caller, one).add("DialStatus", "NOANSWER"));
		pbx.emit(agentEvent("AgentRingNoAnswer").add("RingTime", 0));
		pbx.hangup(one, 16);
		pbx.emit(callerId(one));
		pbx.emit(pbx.channelEvent("NewConnectedLine", one));
		failed.run();
	}

	/** The member rang for the queue's whole timeout. */
	void ringNoAnswer(Duration rang) {
		if (stop()) {
			pbx.emit(agentEvent("AgentRingNoAnswer").add("RingTime", rang.toMillis()));
			pbx.emit(pbx.dialEvent("DialEnd", caller, one).add("DialStatus", "NOANSWER"));
			pbx.emit(pbx.dialEvent("DialEnd", caller, one).add("DialStatus", "CANCEL"));
			tearDown();
		}
	}

	/** Another member answered. */
	void cancel() {
		if (stop()) {
			pbx.emit(pbx.dialEvent("DialEnd", caller, one).add("DialStatus", "CANCEL"));
			tearDown();
		}
	}

	private void tearDown() {
		cancelled();
		releasePhone();
		two.exten = "h";
		two.priority = 1;
		pbx.hangup(two, 26);
	}

	/** The caller hung up in the queue; part one, before QueueCallerAbandon (capture 16 reports DialEnd twice). */
	void abandoned() {
		if (stop()) {
			pbx.emit(pbx.dialEvent("DialEnd", caller, one).add("DialStatus", "CANCEL"));
			pbx.emit(pbx.dialEvent("DialEnd", caller, one).add("DialStatus", "CANCEL"));
			cancelled();
		}
	}

	/** Part two, after QueueCallerLeave: the phone stops ringing. The {@code ;2} half goes after the caller. */
	void releasePhone() {
		two.context = "from-queue-exten-only";
		two.exten = extension;
		two.priority = 9;
		pbx.emit(pbx.channelEvent("SoftHangupRequest", two).add("Cause", 16));
		if (phone != null) {
			pbx.hangup(phone, 26);
		}
	}

	void hangUpSecondHalf() {
		two.exten = "h";
		two.priority = 1;
		pbx.hangup(two, 26);
	}

	private void cancelled() {
		pbx.emit(pbx.channelEvent("HangupRequest", two).add("Cause", 26));
		pbx.hangup(one, 26);
		pbx.emit(callerId(one));
		if (phone != null) {
			pbx.emit(pbx.dialEvent("DialEnd", two, phone).add("DialStatus", "CANCEL"));
		}
	}

	/** The phone answered: both halves go Up, the caller's Dial() ends with ANSWER. */
	void answered() {
		stop();
		pbx.setState(phone, Channel.UP);
		pbx.emit(pbx.dialEvent("DialEnd", two, phone).add("DialStatus", "ANSWER"));
		pbx.setState(one, Channel.UP);
		pbx.emit(callerId(one));
		pbx.emit(pbx.dialEvent("DialEnd", caller, one).add("DialStatus", "ANSWER"));
	}

	private boolean stop() {
		if (ended) {
			return false;
		}
		ended = true;
		if (answer != null) {
			answer.cancel();
		}
		return true;
	}

	/** An event of app_queue's: the caller, then the {@code ;1} half as Dest, then the queue and member. */
	AmiMessage agentEvent(String name) {
		return pbx.channelEvent(name, caller, "agent,all")
			.addAll(one.snapshot("Dest"))
			.add("Queue", queue)
			.add("Interface", CallQueue.interfaceOf(extension))
			.add("MemberName", extension);
	}

	private AmiMessage callerId(Channel channel) {
		return pbx.channelEvent("NewCallerid", channel).add("CID-CallingPres", CALLING_PRES);
	}

}

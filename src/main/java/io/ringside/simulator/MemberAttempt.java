package io.ringside.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * One try of a FreePBX queue to reach one member: a new Local channel pair ({@code ;1}
 * dialed by the caller, {@code ;2} dialing the member's phone), raising the events, and
 * in the order, of captures 15 and 16 (FreePBX 16). Some events of the {@code ;1} half
 * come after its Hangup, as they do on a real Asterisk. Owned by the PBX core thread.
 */
final class MemberAttempt {

	/**
	 * How long FreePBX's follow-me check takes to give up on a phone that cannot be
	 * reached.
	 */
	private static final Duration FOLLOW_ME_CHECK = Duration.ofMillis(500);

	private static final String CALLING_PRES = "0 (Presentation Allowed, Not Screened)";

	private final SimulatedExchange exchange;

	private final CoreTime time;

	private final CoreEvents events;

	private final Channels channels;

	private final CallRecord call;

	private final SimulatedChannel caller;

	private final String queue;

	final String extension;

	final SimulatedChannel one;

	final SimulatedChannel two;

	/** The member's phone once the {@code ;2} half dialled it. */
	@Nullable SimulatedChannel phone;

	final Instant started;

	/** No longer ringing: failed, timed out, cancelled, abandoned or answered. */
	boolean ended;

	private CoreLoop.@Nullable Timer answer;

	/** AgentCalled and DialBegin from the caller to the new {@code ;1} half. */
	MemberAttempt(SimulatedExchange exchange, CallRecord call, SimulatedChannel caller, String queue,
			String extension) {
		this.exchange = exchange;
		this.time = exchange.time;
		this.events = exchange.events;
		this.channels = exchange.channels;
		this.call = call;
		this.caller = caller;
		this.queue = queue;
		this.extension = extension;
		String base = channels.nextName("Local/" + extension + "@from-queue");
		one = channels.newChannel(base + ";1", channels.nextUniqueid(), caller.linkedid, null, call,
				SimulatedChannel.DOWN, null, null, "from-queue", extension);
		two = channels.newChannel(base + ";2", channels.nextUniqueid(), caller.linkedid, null, call,
				SimulatedChannel.RING, null, null, "from-queue", extension);
		one.callerNum = queue;
		events.emit(callerId(one));
		two.callerNum = caller.callerNum;
		two.callerName = caller.callerName;
		two.connectedNum = queue;
		events.emit(callerId(two));
		events.emit(events.channelEvent("NewConnectedLine", two));
		// AgentCalled shows the ;1 half as the queue sees it (connected to the caller, in
		// the queue's extension);
		// DialBegin, a moment earlier in the core, as it still is.
		one.connectedNum = caller.callerNum;
		one.connectedName = caller.callerName;
		one.exten = queue;
		events.emit(agentEvent("AgentCalled"));
		one.connectedNum = null;
		one.connectedName = null;
		one.exten = extension;
		events.emit(events.dialEvent("DialBegin", caller, one).add("DialString", CallQueue.interfaceOf(extension)));
		one.connectedNum = caller.callerNum;
		one.connectedName = caller.callerName;
		one.exten = queue;
		started = time.now();
	}

	/**
	 * FreePBX's dialplan on the {@code ;2} half looks the member up: a phone that cannot
	 * be reached (unregistered or busy) ends the try at once (the follow-me check hangs
	 * up), any other is dialed and rings.
	 */
	void reach(Runnable failed, Consumer<MemberAttempt> answered) {
		if (ended) {
			return;
		}
		String device = "PJSIP/" + extension;
		PhoneBehaviour behaviour = exchange.phones.behaviourOf(device);
		if (behaviour.kind() == PhoneBehaviour.Kind.UNAVAILABLE || behaviour.kind() == PhoneBehaviour.Kind.BUSY) {
			two.context = "followme-sub";
			two.priority = 4;
			two.connectedNum = extension;
			events.emit(events.channelEvent("NewConnectedLine", two));
			two.priority = 6;
			two.connectedName = extension;
			events.emit(events.channelEvent("NewConnectedLine", two));
			time.after(FOLLOW_ME_CHECK, () -> noPhone(failed));
			return;
		}
		two.context = "macro-dial-one";
		two.exten = "s";
		two.priority = 47;
		two.connectedName = queue;
		events.emit(events.channelEvent("NewConnectedLine", two));
		two.priority = 48;
		two.connectedNum = extension;
		two.connectedName = extension;
		events.emit(events.channelEvent("NewConnectedLine", two));
		SimulatedChannel dialled = channels.newChannel(channels.nextName(device), channels.nextUniqueid(),
				caller.linkedid, device, call, SimulatedChannel.DOWN, extension, null, "from-internal", "s");
		phone = dialled;
		dialled.behaviour = behaviour;
		dialled.exten = extension;
		channels.setConnectedLine(dialled, caller.callerNum, caller.callerName);
		two.priority = 56;
		events.emit(events.dialEvent("DialBegin", two, dialled)
			.add("DialString", extension + "/sip:" + extension + "@127.0.0.1:5060"));
		time.after(Dialing.SIGNALLING_DELAY, () -> ringing(dialled, behaviour, answered));
	}

	private void ringing(SimulatedChannel phone, PhoneBehaviour behaviour, Consumer<MemberAttempt> answered) {
		if (ended) {
			return;
		}
		one.callerNum = extension;
		channels.setState(one, SimulatedChannel.RINGING);
		events.emit(callerId(one));
		events.emit(events.channelEvent("NewConnectedLine", one));
		events.dialState(caller, one);
		events.emit(events.channelEvent("NewConnectedLine", two));
		channels.setState(phone, SimulatedChannel.RINGING);
		events.dialState(caller, one);
		events.dialState(two, phone);
		if (behaviour.kind() == PhoneBehaviour.Kind.ANSWERS) {
			answer = time.after(behaviour.ringTime(), () -> answered.accept(this));
		}
	}

	/**
	 * Capture 15, Local/7008: the {@code ;2} half hangs up before any phone rang;
	 * RingTime 0.
	 */
	private void noPhone(Runnable failed) {
		if (ended) {
			return;
		}
		ended = true;
		two.context = "followme-check";
		two.priority = 3;
		events.emit(events.channelEvent("SoftHangupRequest", two).add("Cause", 16));
		one.callerNum = extension;
		one.callerName = extension;
		events.emit(events.channelEvent("HangupRequest", one).add("Cause", 16));
		channels.hangup(two, 16);
		events.emit(events.dialEvent("DialEnd", caller, one).add("DialStatus", "NOANSWER"));
		events.emit(agentEvent("AgentRingNoAnswer").add("RingTime", 0));
		channels.hangup(one, 16);
		events.emit(callerId(one));
		events.emit(events.channelEvent("NewConnectedLine", one));
		failed.run();
	}

	/** The member rang for the queue's whole timeout. */
	void ringNoAnswer(Duration rang) {
		if (stop()) {
			events.emit(agentEvent("AgentRingNoAnswer").add("RingTime", rang.toMillis()));
			events.emit(events.dialEvent("DialEnd", caller, one).add("DialStatus", "NOANSWER"));
			events.emit(events.dialEvent("DialEnd", caller, one).add("DialStatus", "CANCEL"));
			tearDown();
		}
	}

	/** Another member answered. */
	void cancel() {
		if (stop()) {
			events.emit(events.dialEvent("DialEnd", caller, one).add("DialStatus", "CANCEL"));
			tearDown();
		}
	}

	private void tearDown() {
		cancelled();
		releasePhone();
		two.exten = "h";
		two.priority = 1;
		channels.hangup(two, 26);
	}

	/**
	 * The caller hung up in the queue; part one, before QueueCallerAbandon (capture 16
	 * reports DialEnd twice).
	 */
	void abandoned() {
		if (stop()) {
			events.emit(events.dialEvent("DialEnd", caller, one).add("DialStatus", "CANCEL"));
			events.emit(events.dialEvent("DialEnd", caller, one).add("DialStatus", "CANCEL"));
			cancelled();
		}
	}

	/**
	 * Part two, after QueueCallerLeave: the phone stops ringing. The {@code ;2} half goes
	 * after the caller.
	 */
	void releasePhone() {
		two.context = "from-queue-exten-only";
		two.exten = extension;
		two.priority = 9;
		events.emit(events.channelEvent("SoftHangupRequest", two).add("Cause", 16));
		if (phone != null) {
			channels.hangup(phone, 26);
		}
	}

	void hangUpSecondHalf() {
		two.exten = "h";
		two.priority = 1;
		channels.hangup(two, 26);
	}

	private void cancelled() {
		events.emit(events.channelEvent("HangupRequest", two).add("Cause", 26));
		channels.hangup(one, 26);
		events.emit(callerId(one));
		if (phone != null) {
			events.emit(events.dialEvent("DialEnd", two, phone).add("DialStatus", "CANCEL"));
		}
	}

	/**
	 * The phone answered: both halves go Up, the caller's Dial() ends with ANSWER.
	 * Returns the phone.
	 */
	SimulatedChannel answered() {
		// only a phone that rings answers: ringing() schedules the answer once reach()
		// has dialled it
		SimulatedChannel phone = Objects.requireNonNull(this.phone, "answered before its phone was dialled");
		stop();
		channels.setState(phone, SimulatedChannel.UP);
		events.emit(events.dialEvent("DialEnd", two, phone).add("DialStatus", "ANSWER"));
		channels.setState(one, SimulatedChannel.UP);
		events.emit(callerId(one));
		events.emit(events.dialEvent("DialEnd", caller, one).add("DialStatus", "ANSWER"));
		return phone;
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

	/**
	 * An event of app_queue's: the caller, then the {@code ;1} half as Dest, then the
	 * queue and member.
	 */
	AmiMessage agentEvent(String name) {
		return events.channelEvent(name, caller, "agent,all")
			.addAll(one.snapshot("Dest"))
			.add("Queue", queue)
			.add("Interface", CallQueue.interfaceOf(extension))
			.add("MemberName", extension);
	}

	private AmiMessage callerId(SimulatedChannel channel) {
		return events.channelEvent("NewCallerid", channel).add("CID-CallingPres", CALLING_PRES);
	}

}

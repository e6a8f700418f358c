package io.ringside.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;


/**
 * The simulated Asterisk core: channels, bridges, Dial() and the events they raise. Everything here runs on one
 * thread, the core thread, the way an actor would: scenario steps, timers, AMI actions and writes to AMI clients are
 * all tasks on it, so the state needs no locks and every client sees the events in the same order. FastAGI
 * conversations block, so they run on threads of their own and post their results back.
 */
final class SimulatedExchange {

	/** How long after Dial() a reachable phone reports ringing, and a busy one reports busy. */
	static final Duration SIGNALLING_DELAY = Duration.ofMillis(60);

	final SimulatorConfig config;

	final Clock clock;

	final CoreLoop core;

	private final AtomicLong uniqueSequence = new AtomicLong(1);

	private final AtomicInteger nameSequence = new AtomicInteger();

	private final Map<String, SimulatedChannel> channels = new LinkedHashMap<>();

	private final Map<String, String> deviceStates = new HashMap<>();

	/** Endpoints calls came in on: their device state follows their channels, never a phone's behaviour. */
	private final java.util.Set<String> trunks = new java.util.HashSet<>(List.of(InboundCall.PJSIP_TRUNK));

	private final Consumer<AmiMessage> events;

	volatile SimulatedPhones phones;

	SimulatedExchange(SimulatorConfig config, Clock clock, SimulatedPhones phones, Consumer<AmiMessage> events) {
		this.config = config;
		this.clock = clock;
		this.phones = phones;
		this.events = events;
		this.core = new CoreLoop("pbx-core");
	}

	// ---- time and tasks

	void run(Runnable task) {
		try {
			core.execute(task);
		}
		catch (RejectedExecutionException closed) {
			// the simulator is shut down; late FastAGI results and timers have nothing left to act on
		}
	}

	/** Runs a task after a simulated delay, shortened by the speed factor. */
	CoreLoop.Timer after(Duration delay, Runnable task) {
		long nanos = (long) (delay.toNanos() / config.speedFactor());
		try {
			return core.schedule(Math.max(0, nanos), task);
		}
		catch (RejectedExecutionException closed) {
			return null;
		}
	}

	String nextUniqueid() {
		return clock.instant().getEpochSecond() + "." + uniqueSequence.getAndIncrement();
	}

	String nextName(String prefix) {
		return prefix + "-" + String.format("%08x", nameSequence.incrementAndGet());
	}

	// ---- channels

	/** Remembers an endpoint calls come in on (see {@link #refreshDevice}). */
	void trunk(String device) {
		trunks.add(device);
	}

	SimulatedChannel newChannel(String name, String uniqueid, String linkedid, String device, CallRecord call, int state,
			String number, String callerName, String context, String exten) {
		SimulatedChannel channel = new SimulatedChannel(name, uniqueid, linkedid, device, clock.instant(), call);
		channel.state = state;
		channel.callerNum = number;
		channel.callerName = callerName;
		channel.context = context;
		channel.exten = exten;
		channels.put(uniqueid, channel);
		if (call != null) {
			call.joined(channel);
		}
		emit(channelEvent("Newchannel", channel));
		refreshDevice(channel.device);
		return channel;
	}

	List<SimulatedChannel> channels() {
		return new ArrayList<>(channels.values());
	}

	SimulatedChannel channelNamed(String name) {
		return channels.values().stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
	}

	void setState(SimulatedChannel channel, int state) {
		if (channel.state == state || channel.hungUp) {
			return;
		}
		channel.state = state;
		emit(channelEvent("Newstate", channel));
		refreshDevice(channel.device);
	}

	void setConnectedLine(SimulatedChannel channel, String number, String name) {
		channel.connectedNum = number;
		channel.connectedName = name;
		emit(channelEvent("NewConnectedLine", channel));
	}

	/** The channel moves on to the next dialplan application. */
	void enterApplication(SimulatedChannel channel, String application, String data) {
		if (!channel.application.isEmpty()) {
			channel.priority++;
		}
		channel.application = application;
		channel.appData = data;
		emit(channelEvent("Newexten", channel, "dialplan,all").add("Extension", channel.exten)
			.add("Application", application)
			.add("AppData", data));
	}

	void setVariable(SimulatedChannel channel, String name, String value) {
		channel.vars.put(name, value == null ? "" : value);
		emit(channelEvent("VarSet", channel, "dialplan,all").add("Variable", name).add("Value", value));
	}

	/** A party hangs up: the phone, the trunk or the dialplan. Tears down what the channel is part of. */
	void hangupFrom(SimulatedChannel channel) {
		if (channel.hungUp) {
			return;
		}
		if (channel.onHangupRequest != null) {
			Runnable application = channel.onHangupRequest;
			channel.onHangupRequest = null;
			application.run();
			return;
		}
		if (channel.bridge != null) {
			Bridge bridge = channel.bridge;
			emit(channelEvent("HangupRequest", channel));
			leaveBridge(channel);
			List<SimulatedChannel> others = new ArrayList<>(bridge.members);
			for (SimulatedChannel other : others) {
				emit(channelEvent("SoftHangupRequest", other).add("Cause", 16));
				leaveBridge(other);
			}
			hangup(channel, 16);
			others.forEach(other -> hangup(other, 16));
			java.util.Set<Consumer<SimulatedChannel>> hooks = new java.util.LinkedHashSet<>();
			for (SimulatedChannel party : others) {
				if (party.onTeardown != null) {
					hooks.add(party.onTeardown);
					party.onTeardown = null;
				}
			}
			if (channel.onTeardown != null) {
				hooks.add(channel.onTeardown);
				channel.onTeardown = null;
			}
			hooks.forEach(hook -> hook.accept(channel));
		}
		else if (channel.dialing != null) {
			emit(channelEvent("HangupRequest", channel));
			channel.dialing.cancel();
			hangup(channel, 16);
		}
		else {
			emit(channelEvent("HangupRequest", channel));
			hangup(channel, 16);
		}
	}

	/** The channel is gone (Hangup event); it leaves its bridge first, as Asterisk orders BridgeLeave before Hangup. */
	void hangup(SimulatedChannel channel, int cause) {
		if (channel.hungUp) {
			return;
		}
		if (channel.bridge != null) {
			leaveBridge(channel);
		}
		channel.hungUp = true;
		emit(channelEvent("Hangup", channel).add("Cause", cause).add("Cause-txt", causeText(cause)));
		channels.remove(channel.uniqueid);
		refreshDevice(channel.device);
		if (channel.call != null) {
			channel.call.left(channel);
		}
		if (channel.peerLocal != null && !channel.peerLocal.hungUp) {
			hangupFrom(channel.peerLocal);
		}
	}

	static String causeText(int cause) {
		return switch (cause) {
			case 16 -> "Normal Clearing";
			case 17 -> "User busy";
			case 19 -> "User alerting, no answer";
			case 20 -> "Subscriber absent";
			case 21 -> "Call Rejected";
			case 26 -> "Answered elsewhere";
			case 34 -> "Circuit/channel congestion";
			default -> "Unknown";
		};
	}

	// ---- bridges

	Bridge bridge(SimulatedChannel first, SimulatedChannel second) {
		Bridge bridge = new Bridge(UUID.randomUUID().toString());
		emit(bridgeEvent("BridgeCreate", bridge));
		enterBridge(bridge, first);
		enterBridge(bridge, second);
		return bridge;
	}

	void enterBridge(Bridge bridge, SimulatedChannel channel) {
		bridge.members.add(channel);
		channel.bridge = bridge;
		// Channels that meet in a bridge all take the oldest Linkedid among them.
		String oldest = bridge.members.stream()
			.map(member -> member.linkedid)
			.min(SimulatedChannel::compareAge)
			.orElse(channel.linkedid);
		bridge.members.forEach(member -> member.linkedid = oldest);
		emit(bridgeEvent("BridgeEnter", bridge).addAll(channel.snapshot("")));
	}

	void leaveBridge(SimulatedChannel channel) {
		Bridge bridge = channel.bridge;
		if (bridge == null) {
			return;
		}
		bridge.members.remove(channel);
		channel.bridge = null;
		emit(bridgeEvent("BridgeLeave", bridge).addAll(channel.snapshot("")));
		if (bridge.members.isEmpty()) {
			emit(bridgeEvent("BridgeDestroy", bridge));
		}
	}

	// ---- devices

	/** Recomputes a device's state from its channels (and, when idle, from how the phone behaves). */
	void refreshDevice(String device) {
		if (device == null) {
			return;
		}
		boolean up = false;
		boolean ringing = false;
		for (SimulatedChannel channel : channels.values()) {
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
			PhoneBehaviour behaviour = trunks.contains(device) ? null : phones.behaviourOf(device);
			state = behaviour == null ? "NOT_INUSE" : switch (behaviour.kind()) {
				case UNAVAILABLE -> "UNAVAILABLE";
				case BUSY -> "BUSY";
				default -> "NOT_INUSE";
			};
		}
		String before = deviceStates.put(device, state);
		if (!state.equals(before)) {
			emit(AmiMessage.event("DeviceStateChange", "call,all").add("Device", device).add("State", state));
		}
	}

	// ---- Dial()

	record DialResult(String status, SimulatedChannel answered) {
	}

	/** One Dial() in progress, ringing one or several legs. */
	final class Dial {

		final SimulatedChannel caller;

		final List<Leg> legs = new ArrayList<>();

		final CompletableFuture<DialResult> result = new CompletableFuture<>();

		boolean done;

		boolean sawBusy;

		CoreLoop.Timer timer;

		Dial(SimulatedChannel caller) {
			this.caller = caller;
		}

		boolean alive(Leg leg) {
			return !done && leg.status == null && !leg.channel.hungUp;
		}

		void answer(Leg winner) {
			if (!alive(winner)) {
				return;
			}
			winner.status = "ANSWER";
			setState(winner.channel, SimulatedChannel.UP);
			emit(dialEvent("DialEnd", caller, winner.channel).add("DialStatus", "ANSWER"));
			for (Leg other : legs) {
				if (other != winner && other.status == null) {
					other.status = "CANCEL";
					emit(dialEvent("DialEnd", caller, other.channel).add("DialStatus", "CANCEL"));
					hangup(other.channel, 26);
				}
			}
			setState(caller, SimulatedChannel.UP);
			finish("ANSWER", winner.channel);
		}

		void failed(Leg leg, String status, int cause) {
			if (!alive(leg)) {
				return;
			}
			leg.status = status;
			sawBusy |= "BUSY".equals(status);
			emit(dialEvent("DialEnd", caller, leg.channel).add("DialStatus", status));
			hangup(leg.channel, cause);
			if (legs.stream().allMatch(l -> l.status != null)) {
				finish(sawBusy ? "BUSY" : "CHANUNAVAIL", null);
			}
		}

		void timeout() {
			endRinging("NOANSWER");
		}

		/** The caller hung up while the legs rang. */
		void cancel() {
			endRinging("CANCEL");
		}

		private void endRinging(String status) {
			if (done) {
				return;
			}
			for (Leg leg : legs) {
				if (leg.status == null) {
					leg.status = status;
					emit(dialEvent("DialEnd", caller, leg.channel).add("DialStatus", status));
					hangup(leg.channel, 16);
				}
			}
			finish(status, null);
		}

		void finish(String status, SimulatedChannel answered) {
			if (done) {
				return;
			}
			done = true;
			if (timer != null) {
				timer.cancel();
			}
			caller.dialing = null;
			if (caller.call != null) {
				caller.call.dialStatuses.add(status);
			}
			if (!caller.hungUp) {
				setVariable(caller, "DIALSTATUS", status);
			}
			result.complete(new DialResult(status, answered));
		}

	}

	static final class Leg {

		final SimulatedChannel channel;

		final PhoneBehaviour behaviour;

		String status;

		Leg(SimulatedChannel channel, PhoneBehaviour behaviour) {
			this.channel = channel;
			this.behaviour = behaviour;
		}

	}

	/**
	 * Dial(dialString, timeout) from the caller's channel: one leg per {@code &}-separated target, first to answer wins
	 * and the others are cancelled with cause 26. The future completes on the core thread, so continuations attached
	 * with thenAccept run there too. It does not bridge: what happens after an answer is the dialplan's business.
	 *
	 * @param onLegCreated sees each new outgoing channel before DialBegin (Queue() raises AgentCalled there)
	 */
	CompletableFuture<DialResult> dial(SimulatedChannel caller, String dialString, Duration timeout,
			Consumer<SimulatedChannel> onLegCreated) {
		Dial dial = new Dial(caller);
		caller.dialing = dial;
		boolean sawUnavailable = false;
		for (String part : dialString.split("&")) {
			if (part.isBlank()) {
				continue;
			}
			Target target = Target.parse(part);
			PhoneBehaviour behaviour = phones.behaviourOf(target.dialString());
			if (behaviour.kind() == PhoneBehaviour.Kind.UNAVAILABLE) {
				// An unregistered endpoint cannot be requested: no channel, no DialBegin, just CHANUNAVAIL.
				sawUnavailable = true;
				refreshDevice(target.device());
				continue;
			}
			SimulatedChannel callee = newChannel(nextName(target.device()), nextUniqueid(), caller.linkedid, target.device(),
					caller.call, SimulatedChannel.DOWN, target.number(), null, "from-internal", target.number());
			callee.behaviour = behaviour;
			callee.application = "AppDial";
			callee.appData = "(Outgoing Line)";
			setConnectedLine(callee, caller.callerNum, caller.callerName);
			if (onLegCreated != null) {
				onLegCreated.accept(callee);
			}
			emit(dialEvent("DialBegin", caller, callee).add("DialString", target.resource()));
			// The endpoint reports its own caller id once requested, as chan_pjsip does (capture 01).
			emit(channelEvent("NewCallerid", callee).add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
			Leg leg = new Leg(callee, behaviour);
			dial.legs.add(leg);
			alert(dial, leg);
		}
		if (dial.legs.isEmpty()) {
			dial.finish(sawUnavailable ? "CHANUNAVAIL" : "CONGESTION", null);
		}
		else {
			dial.timer = after(timeout, dial::timeout);
		}
		return dial.result;
	}

	private void alert(Dial dial, Leg leg) {
		if (leg.behaviour.kind() == PhoneBehaviour.Kind.BUSY) {
			after(SIGNALLING_DELAY, () -> dial.failed(leg, "BUSY", 17));
			return;
		}
		after(SIGNALLING_DELAY, () -> {
			if (!dial.alive(leg)) {
				return;
			}
			setState(leg.channel, SimulatedChannel.RINGING);
			dialState(dial.caller, leg.channel);
			if (leg.behaviour.kind() == PhoneBehaviour.Kind.ANSWERS) {
				after(leg.behaviour.ringTime(), () -> dial.answer(leg));
			}
		});
	}

	// ---- events

	/** DialState RINGING, which Asterisk raises from 14 on; Asterisk 13 has DialBegin and DialEnd only. */
	void dialState(SimulatedChannel caller, SimulatedChannel callee) {
		if (config.majorVersion() >= 14) {
			emit(dialEvent("DialState", caller, callee).add("DialStatus", "RINGING"));
		}
	}

	void emit(AmiMessage event) {
		events.accept(event);
	}

	AmiMessage channelEvent(String name, SimulatedChannel channel) {
		return channelEvent(name, channel, "call,all");
	}

	AmiMessage channelEvent(String name, SimulatedChannel channel, String privilege) {
		return AmiMessage.event(name, privilege).addAll(channel.snapshot(""));
	}

	AmiMessage dialEvent(String name, SimulatedChannel caller, SimulatedChannel callee) {
		return channelEvent(name, caller).addAll(callee.snapshot("Dest"));
	}

	AmiMessage bridgeEvent(String name, Bridge bridge) {
		return AmiMessage.event(name, "call,all").addAll(bridge.fields(""));
	}

	/** Channels oldest first, as CoreShowChannels lists them. */
	List<SimulatedChannel> channelsByAge() {
		List<SimulatedChannel> list = channels();
		list.sort(Comparator.comparing((SimulatedChannel c) -> c.uniqueid, SimulatedChannel::compareAge));
		return list;
	}

}

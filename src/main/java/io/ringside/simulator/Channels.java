package io.ringside.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The channels up on the simulated core and what happens to them: created with a Uniqueid
 * and a name, their state, caller id, dialplan position and variables changed, and hung
 * up, tearing down the bridge they are in. Each change raises its AMI event and refreshes
 * the device's state. Core thread only, except {@link #nextUniqueid()}, which any thread
 * may call.
 */
final class Channels {

	private final AtomicLong uniqueSequence = new AtomicLong(1);

	private final AtomicInteger nameSequence = new AtomicInteger();

	private final Map<String, SimulatedChannel> byUniqueid = new LinkedHashMap<>();

	/**
	 * The channels up on each device: a device's state is worked out from its own, not
	 * from a scan of every channel (hundreds at a time under load).
	 */
	private final Map<String, Set<SimulatedChannel>> byDevice = new HashMap<>();

	private final CoreTime time;

	private final CoreEvents events;

	private final Bridges bridges;

	private final Devices devices;

	Channels(CoreTime time, CoreEvents events, Bridges bridges, Devices devices) {
		this.time = time;
		this.events = events;
		this.bridges = bridges;
		this.devices = devices;
	}

	/**
	 * {@code <epoch seconds>.<sequence>}, as Asterisk numbers its channels; a call's
	 * Linkedid is its first one.
	 */
	String nextUniqueid() {
		return time.now().getEpochSecond() + "." + uniqueSequence.getAndIncrement();
	}

	String nextName(String prefix) {
		return prefix + "-" + String.format("%08x", nameSequence.incrementAndGet());
	}

	SimulatedChannel newChannel(String name, String uniqueid, @Nullable String linkedid, @Nullable String device,
			@Nullable CallRecord call, int state, @Nullable String number, @Nullable String callerName,
			@Nullable String context, @Nullable String exten) {
		SimulatedChannel channel = new SimulatedChannel(name, uniqueid, linkedid, device, time.now(), call);
		channel.state = state;
		channel.callerNum = number;
		channel.callerName = callerName;
		channel.context = context;
		channel.exten = exten;
		byUniqueid.put(uniqueid, channel);
		if (device != null) {
			byDevice.computeIfAbsent(device, on -> new HashSet<>()).add(channel);
		}
		if (call != null) {
			call.joined(channel);
		}
		events.emit(events.channelEvent("Newchannel", channel));
		refreshDevice(channel.device);
		return channel;
	}

	@Nullable SimulatedChannel named(String name) {
		return byUniqueid.values().stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
	}

	/** Channels oldest first, as CoreShowChannels lists them. */
	List<SimulatedChannel> byAge() {
		List<SimulatedChannel> list = new ArrayList<>(byUniqueid.values());
		list.sort(Comparator.comparing((SimulatedChannel c) -> c.uniqueid, SimulatedChannel::compareAge));
		return list;
	}

	void refreshDevice(@Nullable String device) {
		if (device != null) {
			devices.refresh(device, byDevice.getOrDefault(device, Set.of()));
		}
	}

	void setState(SimulatedChannel channel, int state) {
		if (channel.state == state || channel.hungUp) {
			return;
		}
		channel.state = state;
		events.emit(events.channelEvent("Newstate", channel));
		refreshDevice(channel.device);
	}

	void setConnectedLine(SimulatedChannel channel, @Nullable String number, @Nullable String name) {
		channel.connectedNum = number;
		channel.connectedName = name;
		events.emit(events.channelEvent("NewConnectedLine", channel));
	}

	/** The channel moves on to the next dialplan application. */
	void enterApplication(SimulatedChannel channel, String application, String data) {
		if (!channel.application.isEmpty()) {
			channel.priority++;
		}
		channel.application = application;
		channel.appData = data;
		events.emit(events.channelEvent("Newexten", channel, "dialplan,all")
			.add("Extension", channel.exten)
			.add("Application", application)
			.add("AppData", data));
	}

	void setVariable(SimulatedChannel channel, String name, @Nullable String value) {
		channel.vars.put(name, value == null ? "" : value);
		events.emit(events.channelEvent("VarSet", channel, "dialplan,all").add("Variable", name).add("Value", value));
	}

	/**
	 * A party hangs up: the phone, the trunk or the dialplan. Tears down what the channel
	 * is part of.
	 */
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
		events.emit(events.channelEvent("HangupRequest", channel));
		Bridge bridge = channel.bridge;
		if (bridge != null) {
			tearDownBridge(channel, bridge);
		}
		else {
			if (channel.dialing != null) {
				channel.dialing.cancel();
			}
			hangup(channel, 16);
		}
	}

	/**
	 * Everyone in the hanging-up channel's bridge goes with it; the teardown hooks hear
	 * who hung up.
	 */
	private void tearDownBridge(SimulatedChannel channel, Bridge bridge) {
		bridges.leave(channel);
		List<SimulatedChannel> others = new ArrayList<>(bridge.members);
		for (SimulatedChannel other : others) {
			events.emit(events.channelEvent("SoftHangupRequest", other).add("Cause", 16));
			bridges.leave(other);
		}
		hangup(channel, 16);
		others.forEach(other -> hangup(other, 16));
		Set<Consumer<SimulatedChannel>> hooks = new LinkedHashSet<>();
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

	/**
	 * The dialplan's Hangup() application: the channel enters it and is hung up, Normal
	 * Clearing.
	 */
	void hangupApplication(SimulatedChannel channel) {
		if (channel.hungUp) {
			return;
		}
		enterApplication(channel, "Hangup", "");
		hangup(channel, 16);
	}

	/**
	 * The channel is gone (Hangup event); it leaves its bridge first, as Asterisk orders
	 * BridgeLeave before Hangup.
	 */
	void hangup(SimulatedChannel channel, int cause) {
		if (channel.hungUp) {
			return;
		}
		bridges.leave(channel);
		channel.hungUp = true;
		events.emit(events.channelEvent("Hangup", channel).add("Cause", cause).add("Cause-txt", causeText(cause)));
		byUniqueid.remove(channel.uniqueid);
		if (channel.device != null) {
			byDevice.computeIfPresent(channel.device, (device, up) -> up.remove(channel) && up.isEmpty() ? null : up);
		}
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

}

package io.ringside.simulator;

import java.util.function.Consumer;

/**
 * The AMI events the simulated core raises: built from channel and bridge snapshots the
 * way Asterisk's manager builds them, and handed to the AMI server in the order they are
 * raised. Core thread only.
 */
final class CoreEvents {

	private final int majorVersion;

	private final Consumer<AmiMessage> sink;

	/**
	 * @param majorVersion the Asterisk major version played, which decides whether
	 * DialState is raised
	 * @param sink where raised events go (every AMI client that wants events)
	 */
	CoreEvents(int majorVersion, Consumer<AmiMessage> sink) {
		this.majorVersion = majorVersion;
		this.sink = sink;
	}

	void emit(AmiMessage event) {
		sink.accept(event);
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

	/**
	 * DialState RINGING, which Asterisk raises from 14 on; Asterisk 13 has DialBegin and
	 * DialEnd only.
	 */
	void dialState(SimulatedChannel caller, SimulatedChannel callee) {
		if (majorVersion >= 14) {
			emit(dialEvent("DialState", caller, callee).add("DialStatus", "RINGING"));
		}
	}

}

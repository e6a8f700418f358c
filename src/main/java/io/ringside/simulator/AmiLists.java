package io.ringside.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The AMI actions that answer with a list of events, as Asterisk does: a Success response
 * with {@code EventList: start}, an event per item carrying the ActionID, then the
 * {@code ...Complete} event with the count. Such replies go to the asking session only
 * and are never filtered. Runs on the core thread.
 */
final class AmiLists {

	private final SimulatedExchange exchange;

	private final AmiServer server;

	AmiLists(SimulatedExchange exchange, AmiServer server) {
		this.exchange = exchange;
		this.server = server;
	}

	void coreShowChannels(AmiSession session, @Nullable String id) {
		server.reply(session,
				AmiMessage.response("Success", id).add("EventList", "start").add("Message", "Channels will follow"));
		List<SimulatedChannel> channels = exchange.channels.byAge();
		Instant now = exchange.time.now();
		for (SimulatedChannel channel : channels) {
			long seconds = Math.max(0, Duration.between(channel.created, now).toSeconds());
			server.reply(session,
					AmiMessage.listEvent("CoreShowChannel", id)
						.addAll(channel.snapshot(""))
						.add("Application", channel.application)
						.add("ApplicationData", channel.appData)
						.add("Duration",
								String.format("%02d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60))
						.add("BridgeId", channel.bridge == null ? "" : channel.bridge.id));
		}
		server.reply(session,
				AmiMessage.listEvent("CoreShowChannelsComplete", id)
					.add("EventList", "Complete")
					.add("ListItems", channels.size()));
	}

	/**
	 * As Asterisk 13 and later: a DeviceStateChange per known device, then the end of the
	 * list; not filtered, being the reply to an action.
	 */
	void deviceStateList(AmiSession session, @Nullable String id) {
		server.reply(session,
				AmiMessage.response("Success", id)
					.add("EventList", "start")
					.add("Message", "Device State Changes will follow"));
		Map<String, String> states = exchange.devices.states();
		states.forEach((device, state) -> server.reply(session,
				AmiMessage.listEvent("DeviceStateChange", id).add("Device", device).add("State", state)));
		server.reply(session,
				AmiMessage.listEvent("DeviceStateListComplete", id)
					.add("EventList", "Complete")
					.add("ListItems", states.size()));
	}

}

package io.ringside.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each channel of a queue call went through, keyed by the channel's role rather than
 * its name, so that a real capture and a simulated call can be compared: {@code caller},
 * {@code Local/7006#2;1} (the second Local pair for member 7006, numbered by first
 * appearance, also as a DestChannel), {@code phone of Local/7006#2;2} (what that
 * {@code ;2} half dialed). Each event is {@code Name/ChannelState[/DialStatus]}.
 */
final class ChannelStories {

	private static final Pattern LOCAL = Pattern.compile("Local/(\\d+)@from-queue-([0-9a-f]+);([12])");

	/**
	 * Events the captures' author left out upstream (see their NOTES), so not compared.
	 */
	private static final Set<String> NOT_IN_CAPTURES = Set.of("Newexten", "VarSet", "DeviceStateChange");

	private static final Set<String> PARTY_UPDATES = Set.of("NewCallerid", "NewConnectedLine");

	private ChannelStories() {
	}

	static Map<String, List<String>> of(List<Map<String, String>> events) {
		String caller = events.stream()
			.filter(event -> "QueueCallerJoin".equals(event.get("Event")))
			.map(event -> event.get("Channel"))
			.findFirst()
			.orElseThrow();
		Map<String, String> roles = new HashMap<>();
		Map<String, Integer> pairs = new HashMap<>();
		roles.put(caller, "caller");
		for (Map<String, String> event : events) {
			for (String channel : new String[] { event.get("Channel"), event.get("DestChannel") }) {
				Matcher local = channel == null ? null : LOCAL.matcher(channel);
				if (local != null && local.matches() && !roles.containsKey(channel)) {
					String base = local.group(1) + "-" + local.group(2);
					int pair = pairs.computeIfAbsent(base,
							b -> (int) pairs.keySet().stream().filter(k -> k.startsWith(local.group(1) + "-")).count()
									+ 1);
					roles.put(channel, "Local/" + local.group(1) + "#" + pair + ";" + local.group(3));
				}
			}
			if ("DialBegin".equals(event.get("Event")) && roles.getOrDefault(event.get("Channel"), "").endsWith(";2")) {
				roles.put(event.get("DestChannel"), "phone of " + roles.get(event.get("Channel")));
			}
		}
		Map<String, List<String>> stories = new LinkedHashMap<>();
		for (Map<String, String> event : events) {
			String channel = event.get("Channel");
			if (channel == null || NOT_IN_CAPTURES.contains(event.get("Event"))) {
				continue;
			}
			String step = event.get("Event") + "/" + event.get("ChannelState")
					+ (event.containsKey("DialStatus") ? "/" + event.get("DialStatus") : "");
			stories.computeIfAbsent(roles.getOrDefault(channel, channel), role -> new ArrayList<>()).add(step);
		}
		return stories;
	}

	/**
	 * The same stories with each run of caller-id and connected-line updates counted as
	 * one: how often FreePBX's macros update them differs between systems (capture 15 has
	 * three where capture 16 has one), where they come does not (after a Hangup
	 * included).
	 */
	static Map<String, List<String>> partyUpdatesMerged(Map<String, List<String>> stories) {
		Map<String, List<String>> merged = new LinkedHashMap<>();
		stories.forEach((role, steps) -> {
			List<String> out = new ArrayList<>();
			for (String step : steps) {
				String name = step.substring(0, step.indexOf('/'));
				String token = PARTY_UPDATES.contains(name) ? "party update" : step;
				if (!(token.equals("party update") && !out.isEmpty() && out.get(out.size() - 1).equals(token))) {
					out.add(token);
				}
			}
			merged.put(role, out);
		});
		return merged;
	}

	/** The field names, in order, of the first event of each name, with its Privilege. */
	static Map<String, List<String>> headers(List<Map<String, String>> events) {
		Map<String, List<String>> first = new LinkedHashMap<>();
		for (Map<String, String> event : events) {
			first.putIfAbsent(event.get("Event"), List.of(String.join(",", event.keySet()), event.get("Privilege")));
		}
		return first;
	}

}

package io.ringside.simulator;

import java.util.ArrayList;
import java.util.List;

/** A basic two-party bridge. Owned by the PBX core thread. */
final class Bridge {

	final String id;

	final List<SimulatedChannel> members = new ArrayList<>(2);

	Bridge(String id) {
		this.id = id;
	}

	List<String[]> fields(String prefix) {
		return List.of(new String[] { prefix + "BridgeUniqueid", id }, new String[] { prefix + "BridgeType", "basic" },
				new String[] { prefix + "BridgeTechnology", "simple_bridge" },
				new String[] { prefix + "BridgeCreator", "<unknown>" },
				new String[] { prefix + "BridgeName", "<unknown>" },
				new String[] { prefix + "BridgeNumChannels", Integer.toString(members.size()) },
				new String[] { prefix + "BridgeVideoSourceMode", "none" });
	}

}

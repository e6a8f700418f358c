package io.ringside.telephony.ami;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ringside.telephony.AmiEvent;
import io.ringside.telephony.DeviceStateChanged;
import io.ringside.telephony.DeviceStateChanged.State;
import io.ringside.telephony.Extensions;

/**
 * The last state the PBX reported for each phone, so that a phone left on a call by
 * events lost on the way (a connection the PBX dropped for reading too slowly, a restart)
 * is freed once the PBX's channel list shows it has no channel: a phone reported as
 * ringing, talking or on hold needs a channel to be so. A phone whose state changed after
 * the list was asked for is left alone (its new state is newer than the list).
 * <p>
 * Threads: the tracker's thread only.
 */
final class PhoneLedger {

	/** States a phone is only in with a channel of its own. */
	private static final Set<State> ON_A_CHANNEL = EnumSet.of(State.RINGING, State.INUSE, State.RINGINUSE,
			State.ONHOLD);

	private final Map<String, Noted> phones = new HashMap<>();

	private long changes;

	/** Notes the states among what the tracker made of an input. */
	void note(List<?> events) {
		for (Object event : events) {
			if (event instanceof DeviceStateChanged changed) {
				phones.put(changed.device(), new Noted(changed.state(), ++changes));
			}
		}
	}

	/** A mark: the changes noted so far, for {@link #freed}. */
	long mark() {
		return changes;
	}

	/**
	 * The phones noted on a channel, unchanged since the mark, that the list asked for
	 * after the mark shows without one: each becomes NOT_INUSE, noted here too.
	 * @param channels CoreShowChannel events
	 */
	List<DeviceStateChanged> freed(long mark, List<AmiEvent> channels, Instant at) {
		Set<String> withChannels = new HashSet<>();
		for (AmiEvent channel : channels) {
			String name = channel.get("Channel");
			if (name != null && !Extensions.isLocal(name)) {
				withChannels.add(Extensions.deviceOf(name));
			}
		}
		List<DeviceStateChanged> freed = new ArrayList<>();
		phones.forEach((device, noted) -> {
			if (noted.change() <= mark && ON_A_CHANNEL.contains(noted.state()) && !withChannels.contains(device)) {
				freed.add(new DeviceStateChanged(device, at, State.NOT_INUSE));
			}
		});
		note(freed);
		return freed;
	}

	private record Noted(State state, long change) {
	}

}

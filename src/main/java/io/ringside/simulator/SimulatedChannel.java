package io.ringside.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * One simulated channel (one leg). Owned by the PBX core thread; only {@link #vars} is
 * read from FastAGI threads.
 */
final class SimulatedChannel {

	static final int DOWN = 0;

	static final int RING = 4;

	static final int RINGING = 5;

	static final int UP = 6;

	static final int BUSY = 7;

	final String name;

	final String uniqueid;

	/** Null for a Local channel, which is no device. */
	final @Nullable String device;

	final Instant created;

	final @Nullable CallRecord call;

	final Map<String, String> vars = new ConcurrentHashMap<>();

	volatile String linkedid;

	int state;

	@Nullable String callerNum;

	@Nullable String callerName;

	@Nullable String connectedNum;

	@Nullable String connectedName;

	@Nullable String context;

	@Nullable String exten;

	int priority = 1;

	String application = "";

	String appData = "";

	@Nullable Bridge bridge;

	Dialing.@Nullable Dial dialing;

	@Nullable PhoneBehaviour behaviour;

	/** The other half of a Local channel pair: when one half goes, so does the other. */
	@Nullable SimulatedChannel peerLocal;

	/**
	 * Told once, with the channel that hung up, when the bridge this channel is in is
	 * torn down.
	 */
	java.util.function.@Nullable Consumer<SimulatedChannel> onTeardown;

	/**
	 * What the application the channel is in does when its party hangs up, instead of the
	 * plain teardown (Queue() reports the abandon and ends its member attempts in
	 * Asterisk's order). Run once.
	 */
	@Nullable Runnable onHangupRequest;

	boolean hungUp;

	SimulatedChannel(String name, String uniqueid, @Nullable String linkedid, @Nullable String device, Instant created,
			@Nullable CallRecord call) {
		this.name = name;
		this.uniqueid = uniqueid;
		this.linkedid = linkedid == null ? uniqueid : linkedid;
		this.device = device;
		this.created = created;
		this.call = call;
	}

	String technology() {
		int slash = name.indexOf('/');
		return slash < 0 ? name : name.substring(0, slash);
	}

	/**
	 * The standard channel block of ast_manager_build_channel_state_string_prefix
	 * (capture 11, section 2h).
	 */
	List<String[]> snapshot(String prefix) {
		List<String[]> fields = new ArrayList<>(14);
		fields.add(field(prefix + "Channel", name));
		fields.add(field(prefix + "ChannelState", Integer.toString(state)));
		fields.add(field(prefix + "ChannelStateDesc", stateDescription(state)));
		fields.add(field(prefix + "CallerIDNum", orUnknown(callerNum)));
		fields.add(field(prefix + "CallerIDName", orUnknown(callerName)));
		fields.add(field(prefix + "ConnectedLineNum", orUnknown(connectedNum)));
		fields.add(field(prefix + "ConnectedLineName", orUnknown(connectedName)));
		fields.add(field(prefix + "Language", "en"));
		fields.add(field(prefix + "AccountCode", ""));
		fields.add(field(prefix + "Context", context));
		fields.add(field(prefix + "Exten", exten));
		fields.add(field(prefix + "Priority", Integer.toString(priority)));
		fields.add(field(prefix + "Uniqueid", uniqueid));
		fields.add(field(prefix + "Linkedid", linkedid));
		return fields;
	}

	static String stateDescription(int state) {
		return switch (state) {
			case DOWN -> "Down";
			case 1 -> "Rsrvd";
			case 2 -> "OffHook";
			case 3 -> "Dialing";
			case RING -> "Ring";
			case RINGING -> "Ringing";
			case UP -> "Up";
			case BUSY -> "Busy";
			default -> "Unknown";
		};
	}

	private static String orUnknown(@Nullable String value) {
		return value == null || value.isEmpty() ? "<unknown>" : value;
	}

	private static String[] field(String key, @Nullable String value) {
		return new String[] { key, value == null ? "" : value };
	}

	/**
	 * Orders Uniqueids by age ({@code <epoch seconds>.<sequence>}), for the rule that a
	 * bridge's channels all take the oldest Linkedid.
	 */
	static int compareAge(String left, String right) {
		int leftDot = left.lastIndexOf('.');
		int rightDot = right.lastIndexOf('.');
		int bySeconds = Long.compare(Long.parseLong(left.substring(0, leftDot)),
				Long.parseLong(right.substring(0, rightDot)));
		return bySeconds != 0 ? bySeconds : Long.compare(Long.parseLong(left.substring(leftDot + 1)),
				Long.parseLong(right.substring(rightDot + 1)));
	}

	@Override
	public String toString() {
		return name + "(" + uniqueid + "/" + linkedid + ")";
	}

}

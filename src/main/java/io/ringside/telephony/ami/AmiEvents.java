package io.ringside.telephony.ami;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.jspecify.annotations.Nullable;

import io.ringside.telephony.AmiEvent;
import io.ringside.telephony.Pbx;

/**
 * Which AMI events Ringside reads, and how each reaches the tracker as the
 * {@link AmiEvent} Asterisk sent (its name, its fields under their AMI names).
 * <ul>
 * <li>The events of calls, bridges, transfers, queue members and devices ({@link #RAW})
 * are read raw by {@link org.asteriskjava.manager.internal.RawEventConnection}'s reader:
 * their headers as sent, never built into Asterisk-Java's typed events (a reflective
 * setter per header) and read back. Of the many VarSet events (a FreePBX call sets dozens
 * of variables) only those of {@link Pbx#RECORDING_VARIABLE} are kept.</li>
 * <li>Two still come typed, through Asterisk-Java's builder: the CoreShowChannel replies
 * to the channel list Ringside asks for (Asterisk-Java gathers them for its action), and
 * the legacy {@code Dial} event of Asterisk before 12 (SubEvent Begin or End), read as a
 * DialBegin or DialEnd. Every other typed event maps to empty and is ignored.</li>
 * </ul>
 * QueueCallerJoin/Leave are not read: the call model learns all it needs from
 * AgentCalled, AgentConnect and AgentRingNoAnswer.
 * <p>
 * Stateless and thread-safe: runs on Asterisk-Java's reader thread.
 */
final class AmiEvents {

	/** The events read raw, by name (matched without regard to case). */
	static final Set<String> RAW = Set.of("Newchannel", "Newstate", "NewCallerid", "Rename", "DialBegin", "DialState",
			"DialEnd", "Hangup", "BridgeEnter", "BridgeLeave", "BlindTransfer", "AttendedTransfer", "AgentCalled",
			"AgentConnect", "AgentRingNoAnswer", "DeviceStateChange", "ExtensionStatus", "ContactStatus", "PeerStatus",
			"VarSet", DeviceStateList.COMPLETE);

	private static final Map<Class<? extends ManagerEvent>, Function<ManagerEvent, @Nullable AmiEvent>> TABLE = Map
		.ofEntries(
				on(DialEvent.class,
						e -> channel(DialEvent.SUBEVENT_END.equalsIgnoreCase(e.getSubEvent()) ? "DialEnd" : "DialBegin",
								e, e.getChannel(), e.getUniqueId(), null)
							.dest(e.getDestChannel(), e.getDestUniqueId(), e.getDestChannelState())
							.with("DialStatus", e.getDialStatus())
							.event()),
				on(CoreShowChannelEvent.class,
						e -> channel("CoreShowChannel", e, e.getChannel(), e.getUniqueid(), e.getLinkedid())
							.with("CallerIDNum", e.getCallerIdNum())
							.with("ConnectedLineNum", e.getConnectedLineNum())
							.with("Exten", e.getExten())
							.with("BridgeId", e.getBridgeid())
							.with("Application", e.getApplication())
							.with("Duration", e.getDuration())
							.event()));

	private AmiEvents() {
	}

	/**
	 * An event read raw: the AMI event it is, or null for a VarSet of another variable
	 * and for the end of a device-state list.
	 */
	static @Nullable AmiEvent raw(String name, String[] names, String[] values, int count) {
		if (name.equalsIgnoreCase(DeviceStateList.COMPLETE)) {
			return null;
		}
		AmiEvent event = AmiEvent.ofFields(name, names, values, count);
		return (event.is("VarSet") && !Pbx.isRecordingVariable(event.get("Variable"))) ? null : event;
	}

	/**
	 * The AMI event this typed event was read from, or empty for an event Ringside does
	 * not read typed.
	 */
	static Optional<AmiEvent> toAmi(ManagerEvent event) {
		Function<ManagerEvent, @Nullable AmiEvent> mapping = (event != null) ? TABLE.get(event.getClass()) : null;
		return (mapping != null) ? Optional.ofNullable(mapping.apply(event)) : Optional.empty();
	}

	private static <T extends ManagerEvent> Map.Entry<Class<? extends ManagerEvent>, Function<ManagerEvent, @Nullable AmiEvent>> on(
			Class<T> type, Function<T, @Nullable AmiEvent> mapping) {
		return Map.entry(type, event -> mapping.apply(type.cast(event)));
	}

	private static Fields fields(String name, ManagerEvent event) {
		Fields fields = new Fields(name);
		Double timestamp = event.getTimestamp();
		return fields.with("Timestamp", (timestamp != null) ? BigDecimal.valueOf(timestamp).toPlainString() : null);
	}

	/** The standard channel snapshot fields the call model reads. */
	private static Fields channel(String name, ManagerEvent event, @Nullable String channel, @Nullable String uniqueid,
			@Nullable String linkedid) {
		return fields(name, event).with("Channel", channel)
			.with("ChannelState", event.getChannelState())
			.with("Uniqueid", uniqueid)
			.with("Linkedid", linkedid);
	}

	/** Field names and values in order, nulls left out. */
	private static final class Fields {

		private final String name;

		private final List<String> namesAndValues = new ArrayList<>();

		Fields(String name) {
			this.name = name;
		}

		Fields with(String field, @Nullable Object value) {
			if (value != null) {
				namesAndValues.add(field);
				namesAndValues.add(value.toString());
			}
			return this;
		}

		Fields dest(@Nullable String channel, @Nullable String uniqueid, @Nullable Object state) {
			return with("DestChannel", channel).with("DestUniqueid", uniqueid).with("DestChannelState", state);
		}

		AmiEvent event() {
			return AmiEvent.of(name, namesAndValues.toArray(String[]::new));
		}

	}

}

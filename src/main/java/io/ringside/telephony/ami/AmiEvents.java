package io.ringside.telephony.ami;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.DialStateEvent;
import org.asteriskjava.manager.event.ExtensionStatusEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewCallerIdEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.PeerStatusEvent;
import org.asteriskjava.manager.event.RenameEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.jspecify.annotations.Nullable;

import io.ringside.telephony.AmiEvent;
import io.ringside.telephony.Pbx;

/**
 * The subscriptions: which of Asterisk-Java's typed events Ringside listens to, and how
 * each is read back into the {@link AmiEvent} Asterisk sent (its AMI name, its fields
 * under their AMI names). An explicit table, looked up by the event's exact class
 * (DialBeginEvent extends DialEvent, and the two mean different things); every other
 * event maps to empty and is ignored.
 * <p>
 * Asterisk-Java repeats each DialBeginEvent as a legacy {@link DialEvent} built from it
 * (no Linkedid, no SubEvent); it is mapped to a DialBegin too, and the tracker counts
 * each leg once. QueueCallerJoin/Leave are not mapped: the call model learns all it needs
 * from AgentCalled, AgentConnect and AgentRingNoAnswer. Of the many VarSet events (a
 * FreePBX call sets dozens of variables) only those of {@link Pbx#RECORDING_VARIABLE} are
 * mapped: the others never reach the tracker's buffer.
 * <p>
 * Stateless and thread-safe: runs on Asterisk-Java's event reader thread, so it only
 * reads getters.
 */
final class AmiEvents {

	private static final Map<Class<? extends ManagerEvent>, Function<ManagerEvent, @Nullable AmiEvent>> TABLE = Map
		.ofEntries(
				on(NewChannelEvent.class,
						e -> channel("Newchannel", e, e.getChannel(), e.getUniqueId(), e.getLinkedid())
							.with("CallerIDNum", e.getCallerIdNum())
							.with("Exten", e.getExten())
							.event()),
				on(NewStateEvent.class,
						e -> channel("Newstate", e, e.getChannel(), e.getUniqueId(), e.getLinkedId()).event()),
				on(NewCallerIdEvent.class,
						e -> channel("NewCallerid", e, e.getChannel(), e.getUniqueId(), e.getLinkedId())
							.with("CallerIDNum", e.getCallerIdNum())
							.event()),
				on(RenameEvent.class,
						e -> fields("Rename", e).with("Channel", e.getChannel())
							.with("Newname", e.getNewname())
							.with("Uniqueid", e.getUniqueId())
							.event()),
				on(DialBeginEvent.class,
						e -> channel("DialBegin", e, e.getChannel(), e.getUniqueId(), e.getLinkedId())
							.dest(e.getDestChannel(), e.getDestUniqueId(), e.getDestChannelState())
							.event()),
				on(DialEvent.class,
						e -> channel(DialEvent.SUBEVENT_END.equalsIgnoreCase(e.getSubEvent()) ? "DialEnd" : "DialBegin",
								e, e.getChannel(), e.getUniqueId(), null)
							.dest(e.getDestChannel(), e.getDestUniqueId(), e.getDestChannelState())
							.with("DialStatus", e.getDialStatus())
							.event()),
				on(DialStateEvent.class,
						e -> channel("DialState", e, e.getChannel(), e.getUniqueId(), e.getLinkedId())
							.dest(e.getDestChannel(), e.getDestUniqueId(), e.getDestChannelState())
							.with("DialStatus", e.getDialStatus())
							.event()),
				on(DialEndEvent.class,
						e -> channel("DialEnd", e, e.getChannel(), e.getUniqueId(), e.getLinkedId())
							.dest(e.getDestChannel(), e.getDestUniqueId(), e.getDestChannelState())
							.with("DialStatus", e.getDialStatus())
							.event()),
				on(HangupEvent.class,
						e -> channel("Hangup", e, e.getChannel(), e.getUniqueId(), e.getLinkedId())
							.with("Cause", e.getCause())
							.with("Cause-txt", e.getCauseTxt())
							.event()),
				on(BridgeEnterEvent.class,
						e -> channel("BridgeEnter", e, e.getChannel(), e.getUniqueId(), e.getLinkedId())
							.with("BridgeUniqueid", e.getBridgeUniqueId())
							.event()),
				on(BridgeLeaveEvent.class,
						e -> channel("BridgeLeave", e, e.getChannel(), e.getUniqueId(), e.getLinkedId())
							.with("BridgeUniqueid", e.getBridgeUniqueId())
							.event()),
				on(BlindTransferEvent.class,
						e -> fields("BlindTransfer", e).with("Result", e.getResult())
							.with("TransfererChannel", e.getTransfererChannel())
							.with("TransfererUniqueid", e.getTransfererUniqueId())
							.with("TransfererLinkedid", e.getTransfererLinkedId())
							.with("TransfereeChannel", e.getTransfereeChannel())
							.with("TransfereeUniqueid", e.getTransfereeUniqueId())
							.with("TransfereeLinkedid", e.getTransfereeLinkedId())
							.with("Context", e.getContext())
							.with("Extension", e.getExtension())
							.event()),
				on(AttendedTransferEvent.class,
						e -> fields("AttendedTransfer", e).with("Result", e.getResult())
							.with("OrigTransfererChannel", e.getOrigTransfererChannel())
							.with("OrigTransfererUniqueid", e.getOrigTransfererUniqueid())
							.with("OrigTransfererLinkedid", e.getOrigTransfererLinkedId())
							.with("SecondTransfererChannel", e.getSecondTransfererChannel())
							.with("SecondTransfererUniqueid", e.getSecondTransfererUniqueid())
							.with("SecondTransfererLinkedid", e.getSecondTransfererLinkedId())
							.with("TransfereeChannel", e.getTransfereeChannel())
							.with("TransfereeUniqueid", e.getTransfereeUniqueid())
							.with("TransfereeLinkedid", e.getTransfereeLinkedId())
							.with("TransferTargetChannel", e.getTransferTargetChannel())
							.with("TransferTargetUniqueid", e.getTransferTargetUniqueID())
							.with("TransferTargetLinkedid", e.getTransferTargetLinkedID())
							.with("DestType", e.getDestType())
							.with("DestApp", e.getDestApp())
							.event()),
				on(AgentCalledEvent.class,
						e -> channel("AgentCalled", e, e.getChannel(), e.getUniqueId(), e.getLinkedId())
							.dest(e.getDestChannel(), e.getDestUniqueId(), e.getDestChannelState())
							.with("Queue", e.getQueue())
							.with("Interface", e.getInterface())
							.with("MemberName", e.getMemberName())
							.event()),
				on(AgentConnectEvent.class,
						e -> channel("AgentConnect", e, e.getChannel(), e.getUniqueId(), e.getLinkedId())
							.dest(e.getDestChannel(), e.getDestUniqueId(), e.getDestChannelState())
							.with("Queue", e.getQueue())
							.with("Interface", e.getInterface())
							.with("MemberName", e.getMemberName())
							.event()),
				on(AgentRingNoAnswerEvent.class,
						e -> channel("AgentRingNoAnswer", e, e.getChannel(), e.getUniqueId(), e.getLinkedId())
							.dest(e.getDestChannel(), e.getDestUniqueId(), e.getDestChannelState())
							.with("Queue", e.getQueue())
							.with("Interface", e.getInterface())
							.with("MemberName", e.getMemberName())
							.event()),
				on(DeviceStateChangeEvent.class,
						e -> fields("DeviceStateChange", e).with("Device", e.getDevice())
							.with("State", e.getState())
							.event()),
				on(ExtensionStatusEvent.class,
						e -> fields("ExtensionStatus", e).with("Exten", e.getExten())
							.with("Context", e.getContext())
							.with("Hint", e.getHint())
							.with("Status", e.getStatus())
							.with("StatusText", e.getStatustext())
							.event()),
				on(ContactStatusEvent.class,
						e -> fields("ContactStatus", e).with("URI", e.getUri())
							.with("ContactStatus", e.getContactStatus())
							.with("AOR", e.getAor())
							.with("EndpointName", e.getEndpointName())
							.event()),
				on(PeerStatusEvent.class,
						e -> fields("PeerStatus", e).with("ChannelType", e.getChannelType())
							.with("Peer", e.getPeer())
							.with("PeerStatus", e.getPeerStatus())
							.event()),
				on(CoreShowChannelEvent.class,
						e -> channel("CoreShowChannel", e, e.getChannel(), e.getUniqueid(), e.getLinkedid())
							.with("CallerIDNum", e.getCallerIdNum())
							.with("ConnectedLineNum", e.getConnectedLineNum())
							.with("Exten", e.getExten())
							.with("BridgeId", e.getBridgeid())
							.with("Application", e.getApplication())
							.with("Duration", e.getDuration())
							.event()),
				on(VarSetEvent.class, AmiEvents::recordingFile));

	private AmiEvents() {
	}

	/**
	 * The AMI event this typed event was read from, or empty for an event Ringside does
	 * not listen to.
	 */
	static Optional<AmiEvent> toAmi(ManagerEvent event) {
		Function<ManagerEvent, @Nullable AmiEvent> mapping = (event != null) ? TABLE.get(event.getClass()) : null;
		return (mapping != null) ? Optional.ofNullable(mapping.apply(event)) : Optional.empty();
	}

	/**
	 * The event classes of the table, to register with Asterisk-Java or to check against
	 * its builder.
	 */
	static List<Class<? extends ManagerEvent>> subscribed() {
		return List.copyOf(TABLE.keySet());
	}

	private static <T extends ManagerEvent> Map.Entry<Class<? extends ManagerEvent>, Function<ManagerEvent, @Nullable AmiEvent>> on(
			Class<T> type, Function<T, @Nullable AmiEvent> mapping) {
		return Map.entry(type, event -> mapping.apply(type.cast(event)));
	}

	/**
	 * The VarSet that names the file the call is recorded into; null for any other
	 * variable.
	 */
	private static @Nullable AmiEvent recordingFile(VarSetEvent event) {
		if (!Pbx.isRecordingVariable(event.getVariable())) {
			return null;
		}
		return channel("VarSet", event, event.getChannel(), event.getUniqueId(), event.getLinkedId())
			.with("Variable", event.getVariable())
			.with("Value", event.getValue())
			.event();
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

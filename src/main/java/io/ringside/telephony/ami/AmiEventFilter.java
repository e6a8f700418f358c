package io.ringside.telephony.ami;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.response.ManagerError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.ringside.telephony.Pbx;

/**
 * Asks the PBX, once connected, to send this session only the events Ringside reads
 * ({@link AmiEvents}): the AMI {@code Filter} action (Asterisk 13 and later), one
 * including expression per line of {@link #FILTERS}. A FreePBX call otherwise brings
 * dozens of events Ringside ignores (Newexten, VarSet, NewConnectedLine, MusicOnHold...),
 * each read, parsed and built into an object by Asterisk-Java's reader before it is
 * dropped: the reader was the thread that spent the most per call, and a reader that
 * falls behind has its connection dropped by the PBX. The replies to Ringside's own
 * actions (CoreShowChannels' list) are never filtered. A PBX that refuses (an AMI user
 * without the {@code system} write permission, as the samples in
 * {@code asterisk-config/}, which set the same filter with {@code eventfilter} lines in
 * manager.conf instead) keeps sending what its configuration lets through.
 */
final class AmiEventFilter {

	private static final Log log = LogFactory.getLog(AmiConnection.class);

	/**
	 * Each searched for in an event's whole text. "Dial" and "Hangup" also let through
	 * the events whose names they begin (DialBegin, HangupRequest): they are cheap to let
	 * pass, and a legacy Dial must. BridgeCreate and BridgeDestroy are not needed: the
	 * bridge events are read raw, so Asterisk-Java no longer follows bridges itself.
	 */
	static final List<String> FILTERS = List
		.of("Event: (Newchannel|Newstate|NewCallerid|Rename|Dial|Hangup|BridgeEnter|BridgeLeave|BlindTransfer"
				+ "|AttendedTransfer|AgentCalled|AgentConnect|AgentRingNoAnswer|DeviceStateChange|ExtensionStatus"
				+ "|ContactStatus|PeerStatus|FullyBooted|Shutdown|Reload)", "Variable: " + Pbx.RECORDING_VARIABLE);

	private AmiEventFilter() {
	}

	/**
	 * Adds the filters on a bounded-elastic thread (Asterisk-Java's actions block); true
	 * once the PBX took them all, false when it refused one (logged, events unfiltered).
	 */
	static Mono<Boolean> install(ManagerConnection connection, long timeoutMillis) {
		return Flux.fromIterable(FILTERS)
			.concatMap(filter -> Mono.fromCallable(() -> connection.sendAction(new FilterAction(filter), timeoutMillis))
				.subscribeOn(Schedulers.boundedElastic()))
			.takeUntil(ManagerError.class::isInstance)
			.last()
			.map(response -> {
				if (response instanceof ManagerError refused) {
					log.info("The PBX did not take Ringside's event filter (" + refused.getMessage()
							+ "): set the same eventfilter lines for its AMI user in manager.conf, as asterisk-config/ "
							+ "does, or every event is read");
					return false;
				}
				return true;
			});
	}

}

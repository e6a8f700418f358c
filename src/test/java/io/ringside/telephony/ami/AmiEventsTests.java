package io.ringside.telephony.ami;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

import io.ringside.telephony.AmiEvent;
import io.ringside.telephony.CallTracker;
import io.ringside.telephony.Pbx;
import io.ringside.telephony.Captures;
import io.ringside.telephony.TelephonyEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link AmiEvents} makes of what Asterisk-Java reads: the events read raw become
 * the AMI events they are (of the VarSets, only the recording's); of the typed events,
 * the channel list's replies and the legacy Dial are mapped back to AMI fields and tell
 * the tracker what the raw events tell. (How the raw events are read off the wire:
 * {@code RawEventReaderTests}.)
 */
class AmiEventsTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-17T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void theChannelListReadThroughAsteriskJavaSeedsTheTrackerAsTheRawListDoes() throws Exception {
		List<AmiEvent> seeds = List.of(
				coreShowChannel("PJSIP/16-000006dc", "asterisk-1751017624.2697", "asterisk-1751017620.2695"),
				coreShowChannel("PJSIP/16-00000fd8", "asterisk-1750662739.6195", "asterisk-1750662739.6193"),
				coreShowChannel("SIP/206040-00000034", "1594054062.126", "1594054062.123"),
				coreShowChannel("SIP/101-00000001", "1544364269.3", "1544364269.3"));
		List<AmiEvent> raw = new ArrayList<>(Captures.pastedEvents("07_transfer_events_blind_and_attended.txt"));
		raw.addAll(Captures.pastedEvents("14_single_event_captures_pjsip_ast20era.txt"));

		List<TelephonyEvent> direct = track(seeds, raw);
		List<TelephonyEvent> typedSeeds = track(throughAsteriskJava(seeds), raw);

		assertThat(direct).hasSizeGreaterThan(seeds.size());
		assertThat(typedSeeds).isEqualTo(direct);
	}

	@Test
	void aRawEventIsTheEventAsSentAndOnlyTheRecordingsVariableIsKept() {
		String[] names = { "Channel", "Uniqueid", "Linkedid", "Variable", "Value" };
		String[] values = { "PJSIP/7002-001600ea", "1781704172.3807879", "1781704172.3807878", "RINGSIDE_RECORDING",
				"1781704172.3807878.wav" };

		AmiEvent recording = AmiEvents.raw("VarSet", names, values, 5);
		AmiEvent other = AmiEvents.raw("VarSet", new String[] { "Variable", "Value" },
				new String[] { "DIALSTATUS", "" }, 2);
		AmiEvent hangup = AmiEvents.raw("Hangup", names, values, 3);

		assertThat(recording).isNotNull();
		assertThat(recording.get("value")).isEqualTo("1781704172.3807878.wav");
		assertThat(other).isNull();
		assertThat(AmiEvents.raw("DeviceStateListComplete", new String[] { "ActionID", "EventList", "ListItems" },
				new String[] { "1", "Complete", "3" }, 3))
			.isNull();
		assertThat(hangup).isEqualTo(AmiEvent.of("Hangup", "Channel", "PJSIP/7002-001600ea", "Uniqueid",
				"1781704172.3807879", "Linkedid", "1781704172.3807878"));
	}

	@Test
	void everyEventReadRawIsOneTheFilterLetsThrough() {
		List<Pattern> filters = AmiEventFilter.FILTERS.stream().map(Pattern::compile).toList();
		// but the end of the device-state list: a reply to Ringside's own action, which
		// the PBX never filters
		for (String name : AmiEvents.RAW.stream().filter(name -> !name.equals(DeviceStateList.COMPLETE)).toList()) {
			String event = "Event: " + name + "\r\nPrivilege: call,all\r\n"
					+ (name.equals("VarSet") ? "Variable: " + Pbx.RECORDING_VARIABLE + "\r\n" : "");
			assertThat(filters.stream().anyMatch(filter -> filter.matcher(event).find())).as(name).isTrue();
		}
	}

	@Test
	void theLegacyDialEventOfAnAsteriskBefore12IsReadAsADialBeginOrADialEnd() throws Exception {
		ManagerEvent begin = build(AmiEvent.of("Dial", "SubEvent", "Begin", "Channel", "SIP/101-00000001",
				"Destination", "SIP/102-00000002", "UniqueID", "1544364269.3", "DestUniqueID", "1544364269.4"));
		ManagerEvent end = build(AmiEvent.of("Dial", "SubEvent", "End", "Channel", "SIP/101-00000001", "UniqueID",
				"1544364269.3", "DialStatus", "ANSWER"));

		AmiEvent dialBegin = AmiEvents.toAmi(begin).orElseThrow();
		AmiEvent dialEnd = AmiEvents.toAmi(end).orElseThrow();

		assertThat(dialBegin.name()).isEqualTo("DialBegin");
		assertThat(dialBegin.get("Uniqueid")).isEqualTo("1544364269.3");
		assertThat(dialBegin.get("DestUniqueid")).isEqualTo("1544364269.4");
		assertThat(dialBegin.get("DestChannel")).isEqualTo("SIP/102-00000002");
		assertThat(dialEnd.name()).isEqualTo("DialEnd");
		assertThat(dialEnd.get("DialStatus")).isEqualTo("ANSWER");
	}

	@Test
	void eventsRingsideDoesNotListenToMapToNothing() throws Exception {
		for (String name : List.of("NewConnectedLine", "HangupRequest", "SoftHangupRequest", "OriginateResponse",
				"FullyBooted", "LocalBridge", "VarSet", "Newchannel", "Hangup", "BridgeCreate")) {
			ManagerEvent typed = build(AmiEvent.of(name, "Channel", "PJSIP/101-00000001", "Uniqueid", "1.1"));
			assertThat(typed == null ? java.util.Optional.empty() : AmiEvents.toAmi(typed)).as(name).isEmpty();
		}
	}

	private static List<TelephonyEvent> track(List<AmiEvent> seeds, List<AmiEvent> events) {
		CallTracker tracker = new CallTracker(CLOCK);
		List<TelephonyEvent> out = new ArrayList<>(tracker.seed(seeds));
		events.forEach(event -> out.addAll(tracker.on(event)));
		return out;
	}

	/** What a listener of Asterisk-Java's connection receives, mapped. */
	private static List<AmiEvent> throughAsteriskJava(List<AmiEvent> raw) throws Exception {
		List<AmiEvent> mapped = new ArrayList<>();
		for (AmiEvent event : raw) {
			ManagerEvent typed = build(event);
			if (typed != null) {
				AmiEvents.toAmi(typed).ifPresent(mapped::add);
			}
		}
		return mapped;
	}

	/**
	 * Asterisk-Java's own parsing (its reader hands the builder lower-cased keys and the
	 * event name).
	 */
	private static ManagerEvent build(AmiEvent event) throws Exception {
		Map<String, Object> attributes = new HashMap<>();
		event.fields().forEach((name, value) -> attributes.put(name.toLowerCase(Locale.ROOT), value));
		attributes.put("event", event.name());
		return (ManagerEvent) BUILD.invoke(BUILDER, AmiEventsTests.class, attributes);
	}

	private static AmiEvent coreShowChannel(String channel, String uniqueid, String linkedid) {
		return AmiEvent.of("CoreShowChannel", "ActionID", "seed", "Channel", channel, "ChannelState", "6", "Uniqueid",
				uniqueid, "Linkedid", linkedid, "CallerIDNum", "16", "Exten", "22", "BridgeId", "", "Duration",
				"00:00:30");
	}

	private static final Object BUILDER;

	private static final Method BUILD;

	static {
		try {
			Class<?> type = Class.forName("org.asteriskjava.manager.internal.EventBuilderImpl");
			Constructor<?> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			BUILDER = constructor.newInstance();
			BUILD = type.getDeclaredMethod("buildEvent", Object.class, Map.class);
			BUILD.setAccessible(true);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

}

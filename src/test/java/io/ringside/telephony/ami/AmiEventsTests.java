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

import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ringside.telephony.AmiEvent;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallTracker;
import io.ringside.telephony.Captures;
import io.ringside.telephony.TelephonyEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real captures parsed by Asterisk-Java's own event builder, mapped back by
 * {@link AmiEvents} and fed to the tracker, tell the same story as the captures fed to
 * the tracker directly.
 */
class AmiEventsTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-17T10:00:00Z"), ZoneOffset.UTC);

	@ParameterizedTest
	@ValueSource(strings = { "01_answered_internal_pjsip_ast16.txt", "02_missed_rejected_pjsip_ast16.txt",
			"05_originate_async_local_ast16.txt" })
	void aCaptureReadThroughAsteriskJavaTellsWhatTheRawCaptureTells(String file) throws Exception {
		List<AmiEvent> raw = Captures.events(file);

		List<TelephonyEvent> direct = track(List.of(), raw);
		List<TelephonyEvent> throughAsteriskJava = track(List.of(), throughAsteriskJava(raw));

		assertThat(direct).isNotEmpty();
		assertThat(throughAsteriskJava).isEqualTo(direct);
	}

	@Test
	void realTransfersAndSingleEventsReadThroughAsteriskJavaTellWhatTheyTell() throws Exception {
		List<AmiEvent> seeds = List.of(
				coreShowChannel("PJSIP/16-000006dc", "asterisk-1751017624.2697", "asterisk-1751017620.2695"),
				coreShowChannel("PJSIP/16-00000fd8", "asterisk-1750662739.6195", "asterisk-1750662739.6193"),
				coreShowChannel("SIP/206040-00000034", "1594054062.126", "1594054062.123"),
				coreShowChannel("SIP/101-00000001", "1544364269.3", "1544364269.3"));
		List<AmiEvent> raw = new ArrayList<>(Captures.pastedEvents("07_transfer_events_blind_and_attended.txt"));
		raw.addAll(Captures.pastedEvents("14_single_event_captures_pjsip_ast20era.txt"));

		List<TelephonyEvent> direct = track(seeds, raw);
		List<TelephonyEvent> throughAsteriskJava = track(throughAsteriskJava(seeds), throughAsteriskJava(raw));

		assertThat(direct).hasSizeGreaterThan(seeds.size());
		assertThat(throughAsteriskJava).isEqualTo(direct);
	}

	@Test
	void theLegacyDialEventRepeatingADialBeginMapsToTheSameLeg() throws Exception {
		AmiEvent dialBegin = Captures.events("01_answered_internal_pjsip_ast16.txt")
			.stream()
			.filter(event -> event.is("DialBegin"))
			.findFirst()
			.orElseThrow();
		DialBeginEvent typed = (DialBeginEvent) build(dialBegin);

		AmiEvent legacy = AmiEvents.toAmi(new DialEvent(typed)).orElseThrow();

		assertThat(legacy.name()).isEqualTo("DialBegin");
		assertThat(legacy.get("Uniqueid")).isEqualTo("1781704172.3807878");
		assertThat(legacy.get("DestUniqueid")).isEqualTo("1781704172.3807879");
		assertThat(legacy.get("DestChannel")).isEqualTo("PJSIP/7002-001600ea");
	}

	@Test
	void eventsRingsideDoesNotListenToMapToNothing() throws Exception {
		for (String name : List.of("NewConnectedLine", "HangupRequest", "SoftHangupRequest", "OriginateResponse",
				"FullyBooted", "LocalBridge", "VarSet")) {
			ManagerEvent typed = build(AmiEvent.of(name, "Channel", "PJSIP/101-00000001", "Uniqueid", "1.1"));
			assertThat(typed == null ? java.util.Optional.empty() : AmiEvents.toAmi(typed)).as(name).isEmpty();
		}
	}

	@Test
	void onlyTheRecordingsVariableIsReadThroughAsteriskJavaAndEndsTheCallWithItsFile() throws Exception {
		List<AmiEvent> raw = Captures.withVarSets(Captures.events("01_answered_internal_pjsip_ast16.txt"), "DialEnd",
				"RINGSIDE_RECORDING", "1781704172.3807878.wav");

		List<AmiEvent> mapped = throughAsteriskJava(raw);
		List<TelephonyEvent> direct = track(List.of(), raw);

		assertThat(mapped.stream().filter(event -> event.is("VarSet"))).singleElement()
			.satisfies(varSet -> assertThat(varSet.get("Value")).isEqualTo("1781704172.3807878.wav"))
			.satisfies(varSet -> assertThat(varSet.get("Linkedid")).isEqualTo("1781704172.3807878"));
		assertThat(track(List.of(), mapped)).isEqualTo(direct);
		assertThat(direct.get(direct.size() - 1)).isInstanceOfSatisfying(CallEnded.class,
				ended -> assertThat(ended.recordingFile()).isEqualTo("1781704172.3807878.wav"));
	}

	@Test
	void everySubscribedClassIsOneAsteriskJavaBuilds() throws Exception {
		for (Class<? extends ManagerEvent> type : AmiEvents.subscribed()) {
			String name = type.getSimpleName().replaceFirst("Event$", "");
			ManagerEvent built = build(AmiEvent.of(name));
			if (type != DialEvent.class) {
				assertThat(built).as(name).isInstanceOf(type);
			}
		}
	}

	private static List<TelephonyEvent> track(List<AmiEvent> seeds, List<AmiEvent> events) {
		CallTracker tracker = new CallTracker(CLOCK);
		List<TelephonyEvent> out = new ArrayList<>(tracker.seed(seeds));
		events.forEach(event -> out.addAll(tracker.on(event)));
		return out;
	}

	/**
	 * What a listener of Asterisk-Java's connection receives, including the DialEvent it
	 * adds to each DialBegin.
	 */
	private static List<AmiEvent> throughAsteriskJava(List<AmiEvent> raw) throws Exception {
		List<AmiEvent> mapped = new ArrayList<>();
		for (AmiEvent event : raw) {
			ManagerEvent typed = build(event);
			if (typed != null) {
				AmiEvents.toAmi(typed).ifPresent(mapped::add);
				if (typed instanceof DialBeginEvent dialBegin) {
					AmiEvents.toAmi(new DialEvent(dialBegin)).ifPresent(mapped::add);
				}
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

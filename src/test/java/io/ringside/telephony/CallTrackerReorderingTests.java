package io.ringside.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.CallEvent.LegEnded;
import io.ringside.telephony.CallEvent.LegRinging;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests (issue #11): every real capture of whole calls, delivered in orders a
 * real Asterisk may use ({@link Reorderings}), gives the same calls, each ending exactly
 * once with the same outcome, the same person who answered and the same verdict on
 * abandonment as in the captured order; no call is left open that the captured order
 * closed, and no Local channel is ever a phone. Each property runs {@value #RUNS} random
 * orders from fixed seeds; a failure names its seed.
 */
class CallTrackerReorderingTests {

	private static final int RUNS = 200;

	private static final Instant START = Instant.parse("2026-06-17T10:00:00Z");

	/** The captures that hold whole calls, as they came off the wire. */
	static Stream<String> captures() {
		return Stream.of("01_answered_internal_pjsip_ast16.txt", "02_missed_rejected_pjsip_ast16.txt",
				"05_originate_async_local_ast16.txt", "15_queue_local_members_answered_freepbx16.txt",
				"16_queue_local_members_abandoned_freepbx16.txt", "18_queue_ringall_sip_trunk_local_ast13.txt",
				"19_queue_attended_transfer_sip_trunk_ast13.txt", "20_queue_blind_transfer_sip_trunk_ast13.txt",
				"21_attended_transfer_internal_sip_ast13.txt", "22_call_pickup_star8_sip_ast13.txt");
	}

	static Stream<Arguments> pairsOfCaptures() {
		List<String> all = captures().toList();
		return all.stream().flatMap(a -> all.stream().map(b -> Arguments.of(a, b)));
	}

	@ParameterizedTest
	@MethodSource("captures")
	void eventsOfAChannelAfterItsHangupChangeNothing(String capture) {
		holdsUnder(capture, Reorderings::lateEvents);
	}

	@ParameterizedTest
	@MethodSource("captures")
	void eventsOfDifferentChannelsInAnotherOrderChangeNothing(String capture) {
		holdsUnder(capture, Reorderings::commuted);
	}

	@ParameterizedTest
	@MethodSource("captures")
	void lateEventsAndAnotherOrderTogetherChangeNothing(String capture) {
		holdsUnder(capture, (events, random) -> Reorderings.commuted(Reorderings.lateEvents(events, random), random));
	}

	@ParameterizedTest
	@MethodSource("pairsOfCaptures")
	void concurrentCallsInterleavedEachEndOnceAsAlone(String first, String second) {
		List<AmiEvent> a = Captures.events(first);
		List<AmiEvent> b = Reorderings.renamed(Captures.events(second), "9");
		Run expected = Run.of(a).with(Run.of(b));
		for (int seed = 0; seed < RUNS; seed++) {
			Random random = new Random(seed);
			List<AmiEvent> mixed = Reorderings.interleaved(Reorderings.lateEvents(a, random),
					Reorderings.lateEvents(b, random), random);
			Run.of(mixed).assertSameAs(expected, first + " with " + second + ", seed " + seed);
		}
	}

	private static void holdsUnder(String capture, BiFunction<List<AmiEvent>, Random, List<AmiEvent>> reorder) {
		List<AmiEvent> events = Captures.events(capture);
		Run expected = Run.of(events);
		for (int seed = 0; seed < RUNS; seed++) {
			Run.of(reorder.apply(events, new Random(seed))).assertSameAs(expected, capture + ", seed " + seed);
		}
	}

	/** What matters of a call's end for these properties. */
	record Ending(String callId, boolean answered, String answeredBy, boolean abandoned, Direction direction) {

		static Ending of(CallEnded ended) {
			return new Ending(ended.callId(), ended.answered(), ended.answeredBy(), ended.abandoned(),
					ended.direction());
		}

	}

	/**
	 * The calls that ended (one entry per CallEnded), the calls still open, and every
	 * device named a phone.
	 */
	record Run(List<Ending> endings, List<String> open, List<String> phones) {

		static Run of(List<AmiEvent> events) {
			CallTracker tracker = new CallTracker(new StepClock(START, Duration.ofSeconds(1)));
			List<Ending> endings = new ArrayList<>();
			List<String> phones = new ArrayList<>();
			for (AmiEvent event : events) {
				for (TelephonyEvent out : tracker.on(event)) {
					if (out instanceof CallEnded ended) {
						endings.add(Ending.of(ended));
					}
					else if (out instanceof LegRinging ringing) {
						phones.add(ringing.device());
					}
					else if (out instanceof LegEnded ended) {
						phones.add(ended.device());
					}
					else if (out instanceof CallAnswered answered) {
						phones.add(answered.device());
					}
				}
			}
			endings.sort(Comparator.comparing(Ending::callId));
			List<String> open = tracker.activeCalls().stream().map(Call::id).sorted().toList();
			return new Run(List.copyOf(endings), open, phones);
		}

		Run with(Run other) {
			List<Ending> both = new ArrayList<>(endings);
			both.addAll(other.endings);
			both.sort(Comparator.comparing(Ending::callId));
			List<String> open = Stream.concat(this.open.stream(), other.open.stream()).sorted().toList();
			List<String> allPhones = new ArrayList<>(phones);
			allPhones.addAll(other.phones);
			return new Run(List.copyOf(both), open, allPhones);
		}

		void assertSameAs(Run expected, String what) {
			assertThat(endings).as(what + ": the calls that ended, each once, and how").isEqualTo(expected.endings);
			assertThat(open).as(what + ": the calls still open").isEqualTo(expected.open);
			assertThat(phones).as(what + ": no Local channel is a phone").noneMatch(Extensions::isLocal);
		}

	}

}

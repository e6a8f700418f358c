package io.ringside.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator's FreePBX queue against the real FreePBX 16 captures 15 (a member answers
 * in the second round) and 16 (the caller abandons during the fifth round): played with
 * the captures' members, timings and phones, each channel goes through the same events in
 * the same states, the late events of a {@code ;1} half after its Hangup included, and
 * every event carries the capture's fields in its order. Issue 11, part 5.
 */
class FreePbxQueueTests {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private PbxSimulator simulator;

	private AmiText ami;

	@AfterEach
	void stop() throws Exception {
		if (ami != null) {
			ami.close();
		}
		simulator.close();
	}

	@Test
	void anAnsweredQueueCallPlaysEveryChannelAsCapture15() throws Exception {
		AtomicInteger rings = new AtomicInteger();
		start(device -> switch (device) {
			case "PJSIP/7008" -> PhoneBehaviour.unavailable();
			case "PJSIP/7006" -> rings.incrementAndGet() == 1 ? PhoneBehaviour.neverAnswers()
					: PhoneBehaviour.answersAfter(Duration.ofSeconds(7));
			default -> PhoneBehaviour.neverAnswers();
		});

		CallSummary call = simulator
			.queueCall(InboundCall.from("+4930123456").talkingFor(Duration.ofSeconds(12)),
					CallQueue.ringAll("88", List.of("7008", "7006")))
			.ended()
			.block(DEADLINE);

		assertThat(call.answeredBy()).isEqualTo("PJSIP/7006");
		List<Map<String, String>> played = allEventsOf(call);
		List<Map<String, String>> capture = AmiText.capture("15_queue_local_members_answered_freepbx16.txt");
		assertThat(ChannelStories.of(played)).isEqualTo(ChannelStories.of(capture));
		assertThat(ChannelStories.headers(played)).containsAllEntriesOf(ChannelStories.headers(capture));
		assertThat(played).allSatisfy(event -> assertThat(event.get("Linkedid")).isIn(null, call.linkedid()));
		assertLateEventsAfterHangup(played, "Local/7008@from-queue-", "NewCallerid", "NewConnectedLine");
	}

	@Test
	void aCallerWhoAbandonsAfterRoundsOfRingNoAnswerPlaysAsCapture16() throws Exception {
		start(device -> PhoneBehaviour.neverAnswers());

		CallSummary call = simulator
			.queueCall(InboundCall.from("+4930123456").hangingUpAfter(Duration.ofSeconds(70)),
					CallQueue.linear("99", List.of("7006")).timing(Duration.ofSeconds(15), Duration.ofSeconds(1)))
			.ended()
			.block(DEADLINE);

		assertThat(call.answered()).isFalse();
		List<Map<String, String>> played = allEventsOf(call);
		List<Map<String, String>> capture = AmiText.capture("16_queue_local_members_abandoned_freepbx16.txt");
		Map<String, List<String>> simulated = ChannelStories.partyUpdatesMerged(ChannelStories.of(played));
		Map<String, List<String>> real = ChannelStories.partyUpdatesMerged(ChannelStories.of(capture));
		// The capture kept the channels of the first and the last round only; the
		// simulator plays them all.
		assertThat(simulated).containsAllEntriesOf(real);
		for (int round = 2; round <= 4; round++) {
			assertThat(simulated.get("Local/7006#" + round + ";1")).isEqualTo(real.get("Local/7006#1;1"));
			assertThat(simulated.get("Local/7006#" + round + ";2")).isEqualTo(real.get("Local/7006#1;2"));
			assertThat(simulated.get("phone of Local/7006#" + round + ";2"))
				.isEqualTo(real.get("phone of Local/7006#1;2"));
		}
		assertThat(simulated).hasSize(1 + 5 * 3);
		assertThat(ChannelStories.headers(played)).containsAllEntriesOf(ChannelStories.headers(capture));
		Map<String, String> abandon = played.stream()
			.filter(event -> "QueueCallerAbandon".equals(event.get("Event")))
			.findFirst()
			.orElseThrow();
		assertThat(abandon).containsEntry("Queue", "99")
			.containsEntry("Position", "1")
			.containsEntry("OriginalPosition", "1");
		assertLateEventsAfterHangup(played, "Local/7006@from-queue-", "NewCallerid");
	}

	@Test
	void callersWaitingInTheSameQueueShareItsPositions() throws Exception {
		start(device -> PhoneBehaviour.neverAnswers());
		CallQueue queue = CallQueue.ringAll("99", List.of("7006"));

		SimulatedCall first = simulator.queueCall(InboundCall.from("+4930100001"), queue);
		SimulatedCall second = simulator.queueCall(InboundCall.from("+4930100002"), queue);
		await().atMost(DEADLINE).until(() -> count("QueueCallerJoin") == 2);
		first.hangup().block(DEADLINE);
		second.hangup().block(DEADLINE);

		await().atMost(DEADLINE).until(() -> count("QueueCallerAbandon") == 2);
		List<Map<String, String>> abandons = ami.events()
			.stream()
			.filter(event -> "QueueCallerAbandon".equals(event.get("Event")))
			.toList();
		assertThat(abandons).extracting(event -> event.get("OriginalPosition")).containsExactly("1", "2");
		assertThat(abandons).extracting(event -> event.get("Position")).containsExactly("1", "1");
	}

	private void start(SimulatedPhones phones) throws Exception {
		simulator = new PbxSimulator(
				SimulatorConfig.defaults().withFastAgi("127.0.0.1", InboundCallTests.freePort()).withSpeedFactor(20),
				Clock.systemUTC(), phones)
			.start();
		ami = AmiText.loggedIn(simulator);
		await().atMost(DEADLINE).until(ami::booted);
	}

	/**
	 * Once the call ended on the core, waits until every Hangup of it has reached the
	 * socket.
	 */
	private List<Map<String, String>> allEventsOf(CallSummary call) {
		await().atMost(DEADLINE).until(() -> {
			List<Map<String, String>> events = ami.events();
			long channels = events.stream().filter(event -> "Newchannel".equals(event.get("Event"))).count();
			long hangups = events.stream().filter(event -> "Hangup".equals(event.get("Event"))).count();
			return channels > 0 && channels == hangups;
		});
		return ami.events()
			.stream()
			.filter(event -> event.get("Linkedid") == null || call.linkedid().equals(event.get("Linkedid")))
			.toList();
	}

	private long count(String name) {
		return ami.events().stream().filter(event -> name.equals(event.get("Event"))).count();
	}

	/** Asterisk's own order: events of a Local half that already hung up (issue 11). */
	private static void assertLateEventsAfterHangup(List<Map<String, String>> events, String local, String... late) {
		for (int i = 0; i < events.size(); i++) {
			Map<String, String> event = events.get(i);
			String channel = event.get("Channel");
			if ("Hangup".equals(event.get("Event")) && channel.startsWith(local) && channel.endsWith(";1")) {
				List<String> after = events.subList(i + 1, Math.min(events.size(), i + 1 + late.length))
					.stream()
					.filter(next -> channel.equals(next.get("Channel")))
					.map(next -> next.get("Event"))
					.toList();
				if (after.equals(List.of(late))) {
					return;
				}
			}
		}
		throw new AssertionError("no " + List.of(late) + " right after the Hangup of a " + local + "...;1 half");
	}

}

package io.ringside.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.EventsAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.CoreShowChannelsCompleteEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The other scenarios, watched through the real ManagerConnection. No FastAGI server
 * listens here, so inbound calls take the safety path to the fallback phone, PJSIP/101.
 */
class CallScenarioTests {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private final ScriptedPhones phones = new ScriptedPhones(PhoneBehaviour.answersAfter(Duration.ofSeconds(1)));

	private PbxSimulator simulator;

	private AmiProbe ami;

	@BeforeEach
	void start() throws Exception {
		simulator = new PbxSimulator(SimulatorConfig.defaults()
			.withFastAgi("127.0.0.1", InboundCallTests.freePort())
			.withRingTimeout(Duration.ofSeconds(3))
			.withFallbackGroup("PJSIP/101")
			.withSpeedFactor(10), Clock.systemUTC(), phones).start();
		ami = AmiProbe.loggedIn(simulator);
	}

	@AfterEach
	void stop() throws Exception {
		ami.close();
		simulator.close();
	}

	private SimulatedCall answeredCall() {
		SimulatedCall call = simulator.inboundCall(InboundCall.from("+4930123456"));
		StepVerifier.create(call.answered()).expectNext("PJSIP/101").expectComplete().verify(DEADLINE);
		return call;
	}

	@Test
	void coreShowChannelsListsTheActiveChannels() throws Exception {
		SimulatedCall call = answeredCall();

		ResponseEvents listing = ami.connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 5000);

		assertThat(listing.getResponse().getResponse()).isEqualTo("Success");
		List<CoreShowChannelEvent> channels = listing.getEvents()
			.stream()
			.filter(CoreShowChannelEvent.class::isInstance)
			.map(CoreShowChannelEvent.class::cast)
			.toList();
		assertThat(channels).extracting(CoreShowChannelEvent::getChannel)
			.anyMatch(name -> name.startsWith("PJSIP/trunk-"))
			.anyMatch(name -> name.startsWith("PJSIP/101-"));
		assertThat(channels).extracting(CoreShowChannelEvent::getLinkedid).containsOnly(call.linkedid());
		assertThat(channels).extracting(CoreShowChannelEvent::getBridgeid).doesNotContainNull().hasSize(2);
		assertThat(listing.getEvents()).filteredOn(CoreShowChannelsCompleteEvent.class::isInstance)
			.singleElement()
			.extracting(event -> ((CoreShowChannelsCompleteEvent) event).getListitems())
			.isEqualTo(2);
		call.hangup().block(DEADLINE);
	}

	@Test
	void everyConnectedClientReceivesEveryEvent() throws Exception {
		try (AmiProbe second = AmiProbe.loggedIn(simulator)) {
			SimulatedCall call = simulator
				.inboundCall(InboundCall.from("+4930123456").talkingFor(Duration.ofSeconds(1)));
			call.ended().block(DEADLINE);
			await().atMost(DEADLINE)
				.until(() -> second.ofType(HangupEvent.class).size() == 2 && ami.ofType(HangupEvent.class).size() == 2);
			assertThat(second.names())
				.containsAll(ami.names().stream().filter(n -> !n.equals("ConnectEvent")).toList());
		}
	}

	@Test
	void hangupActionEndsTheCallAndEventsOffSilencesAClient() throws Exception {
		try (AmiProbe quiet = AmiProbe.loggedIn(simulator)) {
			assertThat(quiet.connection.sendAction(new EventsAction("off"), 5000).getAttribute("events"))
				.isEqualTo("Off");
			SimulatedCall call = answeredCall();
			String trunk = ami.awaitEvent(NewChannelEvent.class, e -> e.getUniqueId().equals(call.linkedid()))
				.getChannel();

			ManagerResponse hangup = ami.connection.sendAction(new HangupAction(trunk), 5000);

			assertThat(hangup.getResponse()).isEqualTo("Success");
			assertThat(call.ended().block(DEADLINE).answeredBy()).isEqualTo("PJSIP/101");
			await().atMost(DEADLINE).until(() -> ami.ofType(HangupEvent.class).size() == 2);
			assertThat(quiet.ofType(NewChannelEvent.class)).isEmpty();
			assertThat(ami.connection.sendAction(new HangupAction(trunk), 5000).getResponse()).isEqualTo("Error");
		}
	}

	@Test
	void blindTransferHandsTheCallerToTheTarget() {
		SimulatedCall call = answeredCall();

		StepVerifier.create(call.blindTransfer("PJSIP/102")).expectNext(true).expectComplete().verify(DEADLINE);
		CallSummary summary = call.hangup().block(DEADLINE);

		assertThat(summary.answeredBy()).isEqualTo("PJSIP/102");
		BlindTransferEvent transfer = ami.awaitEvent(BlindTransferEvent.class, e -> true);
		assertThat(transfer.getTransfererChannel()).startsWith("PJSIP/101-");
		assertThat(transfer.getTransfereeChannel()).startsWith("PJSIP/trunk-");
		assertThat(transfer.getExtension()).isEqualTo("102");
		DialBeginEvent toTarget = ami.awaitEvent(DialBeginEvent.class,
				e -> e.getDestChannel().startsWith("PJSIP/102-"));
		assertThat(toTarget.getDestLinkedId()).isEqualTo(call.linkedid());
	}

	@Test
	void attendedTransferMergesTheConsultationIntoTheCallersLinkedid() {
		SimulatedCall call = answeredCall();

		StepVerifier.create(call.attendedTransfer("PJSIP/103")).expectNext(true).expectComplete().verify(DEADLINE);
		CallSummary summary = call.hangup().block(DEADLINE);

		assertThat(summary.answeredBy()).isEqualTo("PJSIP/103");
		DialBeginEvent consultation = ami.awaitEvent(DialBeginEvent.class,
				e -> e.getDestChannel().startsWith("PJSIP/103-"));
		assertThat(consultation.getChannel()).startsWith("PJSIP/101-");
		assertThat(consultation.getLinkedId()).isNotEqualTo(call.linkedid()).isEqualTo(consultation.getUniqueId());
		AttendedTransferEvent transfer = ami.awaitEvent(AttendedTransferEvent.class, e -> true);
		assertThat(transfer.getTransfereeUniqueid()).isEqualTo(call.linkedid());
		assertThat(transfer.getTransferTargetChannel()).isEqualTo(consultation.getDestChannel());
		assertThat(transfer.getDestBridgeUniqueid()).isEqualTo(transfer.getSecondBridgeUniqueid());
		BridgeEnterEvent callerJoins = ami.awaitEvent(BridgeEnterEvent.class,
				e -> e.getUniqueId().equals(call.linkedid())
						&& e.getBridgeUniqueId().equals(transfer.getDestBridgeUniqueid()));
		assertThat(callerJoins.getLinkedId()).isEqualTo(call.linkedid());
		HangupEvent targetHangup = ami.awaitEvent(HangupEvent.class, e -> e.getChannel().startsWith("PJSIP/103-"));
		assertThat(targetHangup.getLinkedId()).isEqualTo(call.linkedid());
	}

	@Test
	void queueCallRingsMembersInTurnAndConnectsTheOneWhoAnswers() {
		phones.set("PJSIP/201", PhoneBehaviour.neverAnswers());

		CallSummary summary = simulator
			.queueCall(InboundCall.from("+4930123456").talkingFor(Duration.ofSeconds(1)), "sales",
					List.of("PJSIP/201", "PJSIP/202"))
			.ended()
			.block(DEADLINE);

		assertThat(summary.answeredBy()).isEqualTo("PJSIP/202");
		await().atMost(DEADLINE).until(() -> !ami.ofType(AgentCompleteEvent.class).isEmpty());
		assertThat(ami.names()).containsSubsequence("QueueCallerJoinEvent", "AgentCalledEvent",
				"AgentRingNoAnswerEvent", "AgentCalledEvent", "QueueCallerLeaveEvent", "AgentConnectEvent",
				"BridgeEnterEvent", "AgentCompleteEvent");
		assertThat(ami.ofType(QueueCallerJoinEvent.class).get(0).getQueue()).isEqualTo("sales");
		assertThat(ami.ofType(AgentCalledEvent.class)).extracting(AgentCalledEvent::getInterface)
			.containsExactly("PJSIP/201", "PJSIP/202");
		assertThat(ami.ofType(AgentRingNoAnswerEvent.class).get(0).getInterface()).isEqualTo("PJSIP/201");
		AgentConnectEvent connect = ami.ofType(AgentConnectEvent.class).get(0);
		assertThat(connect.getInterface()).isEqualTo("PJSIP/202");
		assertThat(connect.getLinkedId()).isEqualTo(summary.linkedid());
		assertThat(ami.ofType(QueueCallerLeaveEvent.class)).hasSize(1);
	}

	@Test
	void asyncOriginateThroughALocalChannelGivesAnOriginateResponse() throws Exception {
		phones.set("PJSIP/+4930987654@trunk",
				PhoneBehaviour.answersAfter(Duration.ofSeconds(1), Duration.ofSeconds(1)));
		OriginateAction originate = new OriginateAction();
		originate.setChannel("Local/101@from-internal");
		originate.setContext("from-internal");
		originate.setExten("+4930987654");
		originate.setPriority(1);
		originate.setCallerId("Click to call <101>");
		originate.setAsync(true);
		originate.setTimeout(30_000L);

		ManagerResponse response = ami.connection.sendAction(originate, 5000);

		assertThat(response.getResponse()).isEqualTo("Success");
		assertThat(response.getMessage()).isEqualTo("Originate successfully queued");
		OriginateResponseEvent result = ami.awaitEvent(OriginateResponseEvent.class, e -> true);
		assertThat(result.getResponse()).isEqualTo("Success");
		assertThat(result.getReason()).isEqualTo(4);
		assertThat(result.getChannel()).startsWith("Local/101@from-internal-").endsWith(";1");
		NewChannelEvent half = ami.awaitEvent(NewChannelEvent.class, e -> e.getChannel().endsWith(";2"));
		assertThat(half.getLinkedid()).isEqualTo(result.getUniqueId());
		ami.awaitEvent(DialBeginEvent.class, e -> e.getDestChannel().startsWith("PJSIP/trunk-"));
		await().atMost(DEADLINE).until(() -> simulator.activeChannels().block(DEADLINE).isEmpty());
		assertThat(ami.ofType(HangupEvent.class)).hasSize(4)
			.extracting(HangupEvent::getLinkedId)
			.containsOnly(result.getUniqueId());
	}

	@Test
	void originateToAPhoneThatNeverAnswersFails() throws Exception {
		phones.set("PJSIP/105", PhoneBehaviour.neverAnswers());
		OriginateAction originate = new OriginateAction();
		originate.setChannel("PJSIP/105");
		originate.setContext("from-internal");
		originate.setExten("+4930987654");
		originate.setPriority(1);
		originate.setAsync(true);
		originate.setTimeout(2_000L);

		assertThat(ami.connection.sendAction(originate, 5000).getResponse()).isEqualTo("Success");

		OriginateResponseEvent result = ami.awaitEvent(OriginateResponseEvent.class, e -> true);
		assertThat(result.getResponse()).isEqualTo("Failure");
		assertThat(result.getReason()).isEqualTo(3);
	}

	@Test
	void afterARestartTheClientReconnectsByItselfAndSeesTheCallsStillUp() throws Exception {
		SimulatedCall call = answeredCall();
		int port = simulator.amiPort();

		simulator.stop();
		await().atMost(DEADLINE).until(() -> ami.connection.getState() != ManagerConnectionState.CONNECTED);
		simulator.start();

		assertThat(simulator.amiPort()).isEqualTo(port);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> ami.connection.getState() == ManagerConnectionState.CONNECTED);
		ResponseEvents listing = ami.connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 5000);
		assertThat(listing.getEvents()).filteredOn(CoreShowChannelEvent.class::isInstance)
			.extracting(event -> ((CoreShowChannelEvent) event).getLinkedid())
			.containsExactly(call.linkedid(), call.linkedid());
		call.hangup().block(DEADLINE);
	}

	@Test
	void trafficPlacesCallsSteadilyAndStopsWhenCancelled() {
		StepVerifier
			.create(simulator
				.traffic(List.of("+4930111111", "+4930222222"), Duration.ofSeconds(1), 10, Duration.ofSeconds(2))
				.take(4))
			.expectNextCount(4)
			.expectComplete()
			.verify(DEADLINE);
		await().atMost(DEADLINE).until(() -> simulator.activeChannels().block(DEADLINE).isEmpty());
		assertThat(ami.ofType(NewChannelEvent.class, e -> e.getChannel().startsWith("PJSIP/trunk-")))
			.extracting(NewChannelEvent::getCallerIdNum)
			.containsExactly("+4930111111", "+4930222222", "+4930111111", "+4930222222");
	}

}

package io.ringside.simulator;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbound dialplan end to end: the real DefaultAgiServer routes, the real
 * ManagerConnection watches.
 */
class InboundCallTests {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private final ScriptedPhones phones = new ScriptedPhones(PhoneBehaviour.answersAfter(Duration.ofSeconds(1)));

	private PbxSimulator simulator;

	private AmiProbe ami;

	private AgiServerThread agiServer;

	private int agiPort;

	@BeforeEach
	void start() throws Exception {
		agiPort = freePort();
		simulator = new PbxSimulator(SimulatorConfig.defaults()
			.withFastAgi("127.0.0.1", agiPort)
			.withRingTimeout(Duration.ofSeconds(3))
			.withFallbackGroup("PJSIP/100&PJSIP/199")
			.withSpeedFactor(10), Clock.systemUTC(), phones).start();
		ami = AmiProbe.loggedIn(simulator);
	}

	@AfterEach
	void stop() throws Exception {
		ami.close();
		if (agiServer != null) {
			agiServer.shutdown();
		}
		simulator.close();
	}

	private RoutingScript routing(String... targets) {
		RoutingScript script = new RoutingScript(targets);
		DefaultAgiServer server = new DefaultAgiServer(script);
		server.setPort(agiPort);
		agiServer = new AgiServerThread(server);
		agiServer.setDaemon(true);
		agiServer.startup();
		await().atMost(DEADLINE).until(() -> listening(agiPort));
		return script;
	}

	@Test
	void routedTargetAnswersAndTheEventsTellTheStoryInOrder() {
		RoutingScript script = routing("PJSIP/101");

		CallSummary summary = simulator
			.inboundCall(InboundCall.from("+4930123456").named("Erika").talkingFor(Duration.ofSeconds(2)))
			.ended()
			.block(DEADLINE);

		assertThat(summary.answeredBy()).isEqualTo("PJSIP/101");
		assertThat(summary.dialStatuses()).containsExactly("ANSWER");
		assertThat(summary.variables()).containsEntry("RINGSIDE_TARGET", "PJSIP/101")
			.containsEntry("RINGSIDE_REASON", "OWNER")
			.containsEntry("AGISTATUS", "SUCCESS");
		String linkedid = summary.linkedid();
		await().atMost(DEADLINE).until(() -> ami.ofType(HangupEvent.class).size() == 2);

		assertThat(ami.names()).containsSubsequence("NewChannelEvent", "DialBeginEvent", "DialStateEvent",
				"DialEndEvent", "BridgeEnterEvent", "BridgeEnterEvent", "HangupEvent", "HangupEvent");
		NewChannelEvent trunk = ami.ofType(NewChannelEvent.class).get(0);
		assertThat(trunk.getChannel()).startsWith("PJSIP/trunk-");
		assertThat(trunk.getUniqueId()).isEqualTo(linkedid).matches("\\d{10}\\.\\d+");
		assertThat(trunk.getCallerIdNum()).isEqualTo("+4930123456");
		assertThat(trunk.getCallerIdName()).isEqualTo("Erika");
		DialBeginEvent dialBegin = ami.ofType(DialBeginEvent.class).get(0);
		assertThat(dialBegin.getUniqueId()).isEqualTo(linkedid);
		assertThat(dialBegin.getDestChannel()).startsWith("PJSIP/101-");
		assertThat(dialBegin.getDestLinkedId()).isEqualTo(linkedid);
		DialEndEvent dialEnd = ami.ofType(DialEndEvent.class).get(0);
		assertThat(dialEnd.getDialStatus()).isEqualTo("ANSWER");
		assertThat(dialEnd.getDestUniqueId()).isEqualTo(dialBegin.getDestUniqueId());
		List<BridgeEnterEvent> enters = ami.ofType(BridgeEnterEvent.class);
		assertThat(enters).extracting(BridgeEnterEvent::getBridgeUniqueId)
			.containsOnly(enters.get(0).getBridgeUniqueId());
		assertThat(ami.ofType(HangupEvent.class)).extracting(HangupEvent::getCause).containsOnly(16);
		assertThat(ami.ofType(DeviceStateChangeEvent.class, e -> e.getDevice().equals("PJSIP/101")))
			.extracting(DeviceStateChangeEvent::getState)
			.containsSubsequence("RINGING", "INUSE", "NOT_INUSE");

		AgiRequest request = script.requests.get(0);
		assertThat(request.getScript()).isEqualTo("route");
		assertThat(request.getRequestURL()).isEqualTo("agi://127.0.0.1:" + agiPort + "/route?linkedid=" + linkedid);
		assertThat(request.getParameter("linkedid")).isEqualTo(linkedid);
		assertThat(request.getChannel()).isEqualTo(trunk.getChannel());
		assertThat(request.getUniqueId()).isEqualTo(linkedid);
		assertThat(request.getType()).isEqualTo("PJSIP");
		assertThat(request.getCallerIdNumber()).isEqualTo("+4930123456");
		assertThat(request.getCallerIdName()).isEqualTo("Erika");
		assertThat(request.getContext()).isEqualTo("from-trunk");
		assertThat(request.getExtension()).isEqualTo("+4930555000");
		assertThat(request.getArguments()).isEmpty();
		assertThat(request.getRequest()).containsEntry("version", "20.10.0").containsKey("threadid");
		assertThat(script.readBack.get(0)).containsEntry("linkedid", linkedid)
			.containsEntry("target", "PJSIP/101")
			.containsEntry("missing", "null");
	}

	@Test
	void targetNotAnsweringLeadsToTheNextTargetFromTheNoanswerAgi() {
		phones.set("PJSIP/101", PhoneBehaviour.neverAnswers());
		RoutingScript script = routing("PJSIP/101", "PJSIP/102");

		CallSummary summary = simulator.inboundCall(InboundCall.from("+4930123456").talkingFor(Duration.ofSeconds(1)))
			.ended()
			.block(DEADLINE);

		assertThat(summary.dialStatuses()).containsExactly("NOANSWER", "ANSWER");
		assertThat(summary.answeredBy()).isEqualTo("PJSIP/102");
		assertThat(summary.variables()).containsEntry("RINGSIDE_REASON", "NEXT_IN_LINE");
		assertThat(script.requests).hasSize(2);
		assertThat(script.requests.get(1).getArguments()).containsExactly("noanswer");
		assertThat(script.requests.get(1).getUniqueId()).isEqualTo(summary.linkedid());
		assertThat(ami.ofType(DialEndEvent.class)).extracting(DialEndEvent::getDialStatus)
			.containsExactly("NOANSWER", "ANSWER");
	}

	@Test
	void busyTargetGivesBusyAndTheNextTarget() {
		phones.set("PJSIP/101", PhoneBehaviour.busy());
		routing("PJSIP/101", "PJSIP/103");

		CallSummary summary = simulator.inboundCall(InboundCall.from("+4930123456").talkingFor(Duration.ofSeconds(1)))
			.ended()
			.block(DEADLINE);

		assertThat(summary.dialStatuses()).containsExactly("BUSY", "ANSWER");
		assertThat(ami.ofType(HangupEvent.class, e -> e.getChannel().startsWith("PJSIP/101-")))
			.extracting(HangupEvent::getCause)
			.containsExactly(17);
	}

	@Test
	void ringGroupConnectsTheFirstToAnswerAndCancelsTheOthersWithCause26() {
		phones.set("PJSIP/101", PhoneBehaviour.answersAfter(Duration.ofSeconds(2)));
		phones.set("PJSIP/102", PhoneBehaviour.answersAfter(Duration.ofMillis(500)));
		routing("PJSIP/101&PJSIP/102");

		CallSummary summary = simulator.inboundCall(InboundCall.from("+4930123456").talkingFor(Duration.ofSeconds(1)))
			.ended()
			.block(DEADLINE);

		assertThat(summary.answeredBy()).isEqualTo("PJSIP/102");
		assertThat(ami.ofType(DialBeginEvent.class)).hasSize(2);
		assertThat(ami.ofType(DialEndEvent.class, e -> e.getDestChannel().startsWith("PJSIP/101-")))
			.extracting(DialEndEvent::getDialStatus)
			.containsExactly("CANCEL");
		assertThat(ami.ofType(HangupEvent.class, e -> e.getChannel().startsWith("PJSIP/101-")))
			.extracting(HangupEvent::getCause)
			.containsExactly(26);
	}

	@Test
	void callerHangingUpWhileRingingCancelsTheDial() {
		phones.set("PJSIP/101", PhoneBehaviour.neverAnswers());
		routing("PJSIP/101");

		CallSummary summary = simulator
			.inboundCall(InboundCall.from("+4930123456").hangingUpAfter(Duration.ofSeconds(1)))
			.ended()
			.block(DEADLINE);

		assertThat(summary.answered()).isFalse();
		assertThat(summary.dialStatuses()).containsExactly("CANCEL");
		await().atMost(DEADLINE).until(() -> ami.ofType(HangupEvent.class).size() == 2);
		assertThat(ami.ofType(DialEndEvent.class)).extracting(DialEndEvent::getDialStatus).containsExactly("CANCEL");
	}

	@Test
	void safetyPathDialsTheFallbackGroupWhenNoAgiServerListens() {
		CallSummary summary = simulator.inboundCall(InboundCall.from("+4930123456").talkingFor(Duration.ofSeconds(1)))
			.ended()
			.block(DEADLINE);

		assertThat(summary.answeredBy()).isIn("PJSIP/100", "PJSIP/199");
		assertThat(summary.variables()).containsEntry("AGISTATUS", "FAILURE")
			.containsEntry("RINGSIDE_REASON", "FALLBACK");
		assertThat(ami.ofType(DialBeginEvent.class)).extracting(DialBeginEvent::getDestChannel)
			.anyMatch(channel -> channel.startsWith("PJSIP/100-"))
			.anyMatch(channel -> channel.startsWith("PJSIP/199-"));
	}

	@Test
	void safetyPathAlsoCatchesARouterThatNamesNoTarget() {
		RoutingScript script = routing();

		CallSummary summary = simulator.inboundCall(InboundCall.from("+4930123456").talkingFor(Duration.ofSeconds(1)))
			.ended()
			.block(DEADLINE);

		assertThat(script.requests).hasSize(1);
		assertThat(summary.variables()).containsEntry("AGISTATUS", "SUCCESS")
			.containsEntry("RINGSIDE_REASON", "FALLBACK");
		assertThat(summary.answered()).isTrue();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Whether something listens on the port, found by trying to bind it: a connection
	 * would run the script.
	 */
	static boolean listening(int port) {
		try (ServerSocket probe = new ServerSocket(port)) {
			return false;
		}
		catch (IOException bound) {
			return true;
		}
	}

}

package io.ringside.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DialStateEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator configured as Asterisk 13 with calls coming in on a chan_sip trunk:
 * channels are named {@code SIP/<trunk>-%08x}, the banner is AMI 2.10, and there is no
 * DialState (Asterisk 14 added it); DialBegin, DialEnd and the queue's Agent* events are
 * there.
 */
class Asterisk13TrunkTests {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private PbxSimulator simulator;

	private AmiProbe ami;

	private AgiServerThread agiServer;

	private int agiPort;

	@BeforeEach
	void start() throws Exception {
		agiPort = InboundCallTests.freePort();
		simulator = new PbxSimulator(SimulatorConfig.defaults()
			.withAsteriskVersion("13.38.3")
			.withFastAgi("127.0.0.1", agiPort)
			.withSpeedFactor(20), Clock.systemUTC(), SimulatedPhones.answeringAfter(Duration.ofSeconds(1))).start();
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

	@Test
	void aRoutedCallOnAChanSipTrunkHasSipChannelsAndNoDialState() {
		RoutingScript script = new RoutingScript("PJSIP/101");
		DefaultAgiServer server = new DefaultAgiServer(script);
		server.setPort(agiPort);
		agiServer = new AgiServerThread(server);
		agiServer.setDaemon(true);
		agiServer.startup();
		await().atMost(DEADLINE).until(() -> InboundCallTests.listening(agiPort));

		CallSummary call = simulator
			.inboundCall(InboundCall.from("+74951234567").viaTrunk("SIP/provider").talkingFor(Duration.ofSeconds(2)))
			.ended()
			.block(DEADLINE);

		assertThat(call.answeredBy()).isEqualTo("PJSIP/101");
		assertThat(script.requests.get(0).getChannel()).matches("SIP/provider-[0-9a-f]{8}");
		assertThat(script.requests.get(0).getType()).isEqualTo("SIP");
		assertThat(ami.connection.getProtocolIdentifier()).isEqualTo("Asterisk Call Manager/2.10.6");
		NewChannelEvent first = ami.awaitEvent(NewChannelEvent.class,
				event -> call.linkedid().equals(event.getUniqueId()));
		assertThat(first.getChannel()).matches("SIP/provider-[0-9a-f]{8}");
		ami.awaitEvent(DialEndEvent.class, event -> "ANSWER".equals(event.getDialStatus()));
		assertThat(ami.ofType(DialBeginEvent.class)).isNotEmpty();
		assertThat(ami.ofType(DialStateEvent.class)).isEmpty();
	}

	@Test
	void aFreePbxQueueCallOnAChanSipTrunkIsAnsweredByTheMembersPhone() {
		CallSummary call = simulator
			.queueCall(InboundCall.from("+74951234567").viaTrunk("SIP/provider").talkingFor(Duration.ofSeconds(2)),
					CallQueue.ringAll("400", List.of("101", "102")))
			.ended()
			.block(DEADLINE);

		assertThat(call.answeredBy()).isIn("PJSIP/101", "PJSIP/102");
		ami.awaitEvent(AgentCalledEvent.class, event -> "400".equals(event.getQueue()));
		assertThat(ami.ofType(AgentCalledEvent.class)).allSatisfy(event -> {
			assertThat(event.getChannel()).matches("SIP/provider-[0-9a-f]{8}");
			assertThat(event.getDestChannel()).matches("Local/10[12]@from-queue-[0-9a-f]{8};1");
		});
		assertThat(ami.ofType(DialStateEvent.class)).isEmpty();
	}

}

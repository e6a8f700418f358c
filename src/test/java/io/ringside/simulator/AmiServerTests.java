package io.ringside.simulator;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.action.CoreSettingsAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.CoreSettingsResponse;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The AMI side as the real Asterisk-Java 3.41.0 client and a raw socket see it:
 * handshake, login, the actions it sends, and robustness against bad input.
 */
class AmiServerTests {

	private PbxSimulator simulator;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@BeforeEach
	void start() {
		simulator = new PbxSimulator(SimulatorConfig.defaults().withFastAgi("127.0.0.1", 1).withSpeedFactor(10),
				java.time.Clock.systemUTC(), SimulatedPhones.answeringAfter(Duration.ofSeconds(1)))
			.start();
	}

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable closeable : closeables) {
			closeable.close();
		}
		simulator.close();
	}

	private AmiProbe probe() throws Exception {
		AmiProbe probe = AmiProbe.loggedIn(simulator);
		closeables.add(probe);
		return probe;
	}

	@Test
	void asteriskJavaLogsInWithoutStallingOnVersionDetection() throws Exception {
		long started = System.nanoTime();
		AmiProbe probe = probe();
		// Generous bound: a stalled version detection costs 4 x 500 ms of retries plus
		// timeouts.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		assertThat(probe.connection.getState()).isEqualTo(ManagerConnectionState.CONNECTED);
		assertThat(probe.connection.getVersion().toString()).contains("20");
		assertThat(probe.connection.getProtocolIdentifier()).isEqualTo("Asterisk Call Manager/9.0.0");
	}

	@Test
	void wrongSecretFailsLogin() {
		ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", simulator.amiPort(), "ringside",
				"wrong")
			.createManagerConnection();
		assertThatThrownBy(connection::login).isInstanceOf(AuthenticationFailedException.class);
	}

	@Test
	void answersPingCoreSettingsAndCoreShowVersion() throws Exception {
		ManagerConnection connection = probe().connection;
		ManagerResponse ping = connection.sendAction(new PingAction(), 5000);
		assertThat(ping.getResponse()).isEqualTo("Success");
		assertThat(ping.getAttribute("ping")).isEqualTo("Pong");
		CoreSettingsResponse settings = (CoreSettingsResponse) connection.sendAction(new CoreSettingsAction(), 5000);
		assertThat(settings.getAsteriskVersion()).isEqualTo("20.10.0");
		assertThat(settings.getAmiVersion()).isEqualTo("9.0.0");
		ManagerResponse version = connection.sendAction(new CommandAction("core show version"), 5000);
		assertThat(version).isInstanceOf(CommandResponse.class);
		assertThat(((CommandResponse) version).getResult()).anyMatch(line -> line.startsWith("Asterisk 20.10.0"));
	}

	@Test
	void speaksCrlfAndEchoesActionIdsOnARawSocket() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", simulator.amiPort())) {
			socket.setSoTimeout(5000);
			var in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			assertThat(readBlock(in, 1)).isEqualTo("Asterisk Call Manager/9.0.0\r\n");
			out.write("Action: Ping\r\nActionID: before-login\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(readUntilBlankLine(in))
				.isEqualTo("Response: Error\r\nActionID: before-login\r\nMessage: Permission denied\r\n\r\n");
			out.write("Action: Login\r\nUsername: ringside\r\nSecret: ringside\r\nActionID: 7\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			assertThat(readUntilBlankLine(in))
				.isEqualTo("Response: Success\r\nActionID: 7\r\nMessage: Authentication accepted\r\n\r\n");
			assertThat(readUntilBlankLine(in)).startsWith("Event: FullyBooted\r\nPrivilege: system,all\r\n");
			out.write("Action: Frobnicate\r\nActionID: x#1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(readUntilBlankLine(in))
				.isEqualTo("Response: Error\r\nActionID: x#1\r\nMessage: Invalid/unknown command\r\n\r\n");
			out.write("Action: Logoff\r\nActionID: bye\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(readUntilBlankLine(in))
				.isEqualTo("Response: Goodbye\r\nActionID: bye\r\nMessage: Thanks for all the fish.\r\n\r\n");
			assertThat(in.read()).isEqualTo(-1);
		}
	}

	@Test
	void listsEveryDeviceStateAsAsteriskDoes() throws Exception {
		simulator.inboundCall(InboundCall.from("+74951234567").talkingFor(Duration.ofMillis(100)))
			.ended()
			.block(Duration.ofSeconds(15));
		try (Socket socket = new Socket("127.0.0.1", simulator.amiPort())) {
			socket.setSoTimeout(5000);
			var in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			readBlock(in, 1);
			out.write("Action: Login\r\nUsername: ringside\r\nSecret: ringside\r\nEvents: off\r\nActionID: 1\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			readUntilBlankLine(in);
			readUntilBlankLine(in);
			out.write("Action: DeviceStateList\r\nActionID: d#1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

			assertThat(readUntilBlankLine(in)).isEqualTo("Response: Success\r\nActionID: d#1\r\nEventList: start\r\n"
					+ "Message: Device State Changes will follow\r\n\r\n");
			List<String> states = new ArrayList<>();
			String block;
			while ((block = readUntilBlankLine(in)).startsWith("Event: DeviceStateChange\r\n")) {
				assertThat(block).matches("Event: DeviceStateChange\r\nActionID: d#1\r\nDevice: \\S+\r\n"
						+ "State: (NOT_INUSE|INUSE|RINGING|RINGINUSE|BUSY|UNAVAILABLE)\r\n\r\n");
				states.add(block);
			}
			assertThat(states).anyMatch(state -> state.contains("Device: " + InboundCall.PJSIP_TRUNK + "\r\n"));
			assertThat(block).isEqualTo("Event: DeviceStateListComplete\r\nActionID: d#1\r\nEventList: Complete\r\n"
					+ "ListItems: " + states.size() + "\r\n\r\n");
		}
	}

	@Test
	void garbageFromAClientDoesNotHurtTheServerOrOtherClients() throws Exception {
		AmiProbe probe = probe();
		try (Socket socket = new Socket("127.0.0.1", simulator.amiPort())) {
			OutputStream out = socket.getOutputStream();
			out.write("\u0000\u00ff\r\n::::\r\nno colon here\r\n\r\n\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			out.write(new byte[20_000]);
			out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		assertThat(probe.connection.sendAction(new PingAction(), 5000).getResponse()).isEqualTo("Success");
		AmiProbe another = probe();
		assertThat(another.connection.getState()).isEqualTo(ManagerConnectionState.CONNECTED);
	}

	@Test
	void rawMalformedAndUnknownInputSentToClientsDoesNotBreakAsteriskJava() throws Exception {
		AmiProbe probe = probe();
		simulator.sendRaw("Event: SomethingNobodyKnows\r\nPrivilege: call,all\r\nFoo: bar\r\n\r\n");
		simulator.sendRaw("this is not AMI at all\r\n\r\n");
		simulator.sendRaw("Event: Newchannel\r\nChannel\r\nUniqueid: not-a-number\r\n\r\n");
		simulator.sendRaw("Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> probe.names().stream().filter(name -> name.equals("FullyBootedEvent")).count() >= 2);
		assertThat(probe.connection.sendAction(new PingAction(), 5000).getResponse()).isEqualTo("Success");
	}

	@Test
	void aFilterAddedBySessionKeepsOutTheEventsItDoesNotMatchButNotTheRepliesToItsActions() throws Exception {
		AmiProbe filtered = probe();
		AmiProbe everything = probe();
		assertThat(filtered.connection.sendAction(new FilterAction("Event: (Newchannel|Hangup)"), 5000).getResponse())
			.isEqualTo("Success");
		assertThat(filtered.connection.sendAction(new FilterAction("(unclosed"), 5000))
			.isInstanceOf(ManagerError.class);
		int before = filtered.events.size();

		simulator.inboundCall(InboundCall.from("+74951234567").talkingFor(Duration.ofMillis(100)))
			.ended()
			.block(Duration.ofSeconds(15));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !everything.ofType(HangupEvent.class).isEmpty()
					&& !filtered.ofType(HangupEvent.class).isEmpty());

		List<String> seen = filtered.names().subList(before, filtered.names().size());
		assertThat(seen).contains("NewChannelEvent", "HangupEvent")
			.allMatch(name -> name.equals("NewChannelEvent") || name.startsWith("Hangup"));
		assertThat(everything.names()).contains("NewStateEvent");
		ResponseEvents listed = filtered.connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 5000);
		assertThat(listed.getEvents()).isNotEmpty();
	}

	@Test
	void aClientThatStopsReadingIsDroppedAndCountedWhileOthersCarryOn() throws Exception {
		try (Socket stalled = new Socket("127.0.0.1", simulator.amiPort())) {
			stalled.setReceiveBufferSize(4096);
			stalled.getOutputStream()
				.write("Action: Login\r\nUsername: ringside\r\nSecret: ringside\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			await().atMost(Duration.ofSeconds(10)).until(() -> simulator.connectedClients() == 1);
			String filler = "Event: Filler\r\nPrivilege: call,all\r\nData: " + "x".repeat(1000) + "\r\n\r\n";
			for (int i = 0; i < 30_000 && simulator.droppedClients() == 0; i++) {
				simulator.sendRaw(filler);
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> simulator.droppedClients() == 1);
			await().atMost(Duration.ofSeconds(10)).until(() -> simulator.connectedClients() == 0);
		}
		AmiProbe probe = probe();
		assertThat(probe.connection.sendAction(new PingAction(), 5000).getResponse()).isEqualTo("Success");
	}

	private static String readBlock(java.io.InputStream in, int lines) throws java.io.IOException {
		StringBuilder text = new StringBuilder();
		int seen = 0;
		while (seen < lines) {
			int c = in.read();
			if (c < 0) {
				break;
			}
			text.append((char) c);
			if (c == '\n') {
				seen++;
			}
		}
		return text.toString();
	}

	private static String readUntilBlankLine(java.io.InputStream in) throws java.io.IOException {
		StringBuilder text = new StringBuilder();
		while (!text.toString().endsWith("\r\n\r\n")) {
			int c = in.read();
			if (c < 0) {
				break;
			}
			text.append((char) c);
		}
		return text.toString();
	}

}

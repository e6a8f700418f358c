package io.ringside.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's events carry the same headers in the same order as a real Asterisk's.
 * The reference is capture 01 (an answered PJSIP call, Asterisk 16.30; the standard
 * channel block is unchanged in 20), copied from ../shared/ami-captures into
 * src/test/resources/ami-captures with its source header.
 */
class WireFormatTests {

	private PbxSimulator simulator;

	@BeforeEach
	void start() throws IOException {
		simulator = new PbxSimulator(SimulatorConfig.defaults()
			.withFastAgi("127.0.0.1", InboundCallTests.freePort())
			.withFallbackGroup("PJSIP/101")
			.withSpeedFactor(10), Clock.systemUTC(), SimulatedPhones.answeringAfter(Duration.ofSeconds(1))).start();
	}

	@AfterEach
	void stop() {
		simulator.close();
	}

	@Test
	void eventsOfAnAnsweredCallHaveTheHeadersOfTheRealCapture() throws IOException {
		Map<String, List<String>> reference = firstOfEachEvent(AmiText.parse(capture()));
		List<Map<String, String>> played = playAnsweredCall();
		Map<String, List<String>> simulated = firstOfEachEvent(played);

		for (String event : List.of("Newchannel", "Newstate", "NewConnectedLine", "NewCallerid", "DialBegin",
				"DialState", "DialEnd", "BridgeEnter", "BridgeLeave", "HangupRequest", "SoftHangupRequest", "Hangup")) {
			assertThat(String.valueOf(simulated.get(event))).as(event).isEqualTo(String.valueOf(reference.get(event)));
		}
		assertThat(played).allSatisfy(block -> assertThat(block.get("Privilege")).isNotNull());
	}

	private List<Map<String, String>> playAnsweredCall() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", simulator.amiPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("Action: Login\r\nUsername: ringside\r\nSecret: ringside\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			StringBuilder text = new StringBuilder();
			while (!text.toString().contains("Status: Fully Booted\r\n\r\n")) {
				text.append((char) in.read());
			}
			text.setLength(0);
			simulator.inboundCall(InboundCall.from("+4930123456").named("Erika").talkingFor(Duration.ofSeconds(1)));
			int hangups = 0;
			while (hangups < 2) {
				int c = in.read();
				if (c < 0) {
					break;
				}
				text.append((char) c);
				if (text.length() > 2 && text.charAt(text.length() - 1) == '\n') {
					assertThat(text.charAt(text.length() - 2)).as("every line ends in CRLF").isEqualTo('\r');
					if (text.toString().endsWith("\r\nEvent: Hangup\r\n")) {
						hangups++;
					}
				}
			}
			// let the second Hangup block finish
			while (!text.toString().endsWith("\r\n\r\n")) {
				text.append((char) in.read());
			}
			List<Map<String, String>> blocks = AmiText.parse(text.toString().replace("\r\n", "\n"));
			return blocks.stream().filter(block -> block.containsKey("Event")).toList();
		}
	}

	private static String capture() throws IOException {
		try (InputStream in = Objects.requireNonNull(
				WireFormatTests.class.getResourceAsStream("/ami-captures/01_answered_internal_pjsip_ast16.txt"))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static Map<String, List<String>> firstOfEachEvent(List<Map<String, String>> blocks) {
		Map<String, List<String>> first = new LinkedHashMap<>();
		for (Map<String, String> block : blocks) {
			String event = block.get("Event");
			if (event != null) {
				first.putIfAbsent(event, List.copyOf(block.keySet()));
			}
		}
		return first;
	}

}

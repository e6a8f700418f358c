package io.ringside.routing.agi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.ringside.routing.FastAgiAddress;
import io.ringside.routing.RouteDecided;
import io.ringside.routing.RouteReason;
import io.ringside.routing.Router;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.support.Instance;
import io.ringside.support.IntegrationTest;
import io.ringside.telephony.PbxSettings;

import static io.ringside.routing.agi.AgiPeers.assertClosedWithin;
import static io.ringside.routing.agi.AgiPeers.assertStillOpen;
import static io.ringside.routing.agi.AgiPeers.readLine;
import static io.ringside.routing.agi.AgiPeers.readUntilClosed;
import static io.ringside.routing.agi.AgiPeers.send;
import static io.ringside.routing.agi.AgiPeers.sendUntilClosed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ringside's FastAGI server with its configured bounds, asked for routes by the PBX
 * simulator as Asterisk asks them, while other connections stay silent or misbehave (#12:
 * 16 silent connections used to stall routing for 3 hours).
 */
class AgiServerIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/**
	 * What a route takes on this machine is well under it; 5 s (the request timeout)
	 * would mean a wait for a worker.
	 */
	private static final Duration USUAL = Duration.ofSeconds(2);

	@Autowired
	PbxSimulator simulator;

	@Autowired
	Router router;

	@Autowired
	FastAgiAddress address;

	@Autowired
	MeterRegistry meters;

	@Autowired
	PbxSettings settings;

	private final AgiPeers peers = new AgiPeers();

	@BeforeEach
	void phonesThatNeverAnswer() {
		scenes.phones(PhoneBehaviour.neverAnswers());
	}

	@AfterEach
	void close() throws IOException {
		peers.close();
	}

	@Test
	void aRouteAnswersInTheUsualTimeWhileFortySilentConnectionsAreOpen() throws IOException {
		route();
		for (int i = 0; i < 40; i++) {
			connect();
		}

		Duration took = route();

		assertThat(took).isLessThan(USUAL);
		for (Socket silent : peers.all()) {
			assertStillOpen(silent);
		}
	}

	@Test
	void aSilentConnectionIsClosedAfterFiveSecondsAndCounted() throws IOException {
		double before = refused("timeout");
		Socket silent = connect();
		long start = System.nanoTime();

		assertClosedWithin(silent, Duration.ofSeconds(8));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(4_900),
				Duration.ofMillis(7_000));
		assertThat(refused("timeout")).isEqualTo(before + 1);
	}

	@Test
	void anOversizedLineOrTooManyLinesAreClosedAndCounted() throws IOException {
		double longLines = refused("header-line");
		double manyLines = refused("header-count");
		Socket longLine = connect();
		sendUntilClosed(longLine, "agi_network: yes\nagi_request: agi://127.0.0.1/" + "x".repeat(2_000) + "\n");
		Socket tooMany = connect();
		StringBuilder lines = new StringBuilder("agi_network: yes\n");
		for (int i = 1; i <= 100; i++) {
			lines.append("agi_arg_").append(i).append(": x\n");
		}
		sendUntilClosed(tooMany, lines.toString());

		assertClosedWithin(longLine, Duration.ofSeconds(2));
		assertClosedWithin(tooMany, Duration.ofSeconds(2));

		assertThat(refused("header-line")).isEqualTo(longLines + 1);
		assertThat(refused("header-count")).isEqualTo(manyLines + 1);
		assertThat(route()).isLessThan(USUAL);
	}

	/**
	 * Every worker held by a conversation whose PBX stopped answering, and more waiting:
	 * a route asked then waits for a worker (at most the request timeout) instead of
	 * being refused.
	 */
	@Test
	void aBurstBeyondTheWorkersWaitsForOneInsteadOfBeingRefused() throws IOException {
		double busy = refused("busy");
		int stalled = settings.agi().threads() + 4;
		for (int i = 0; i < stalled; i++) {
			send(connect(),
					"agi_network: yes\nagi_network_script: route\nagi_request: agi://127.0.0.1/route\n"
							+ "agi_channel: PJSIP/stalled-" + i + "\nagi_uniqueid: 1781800000." + i
							+ "\nagi_callerid: unknown\n\n");
		}

		Duration took = route();

		assertThat(took).isGreaterThan(USUAL).isLessThan(WAIT);
		assertThat(refused("busy")).isEqualTo(busy);
		for (Socket peer : peers.all()) {
			assertThat(readUntilClosed(peer, WAIT)).as("each taken by a worker in turn")
				.startsWith("GET FULL VARIABLE");
		}
	}

	@Test
	void aRequestForNoScriptOrAnotherIsClosedUnanswered() throws IOException {
		// each request followed by Asterisk's reply to the VERBOSE that reports it
		Socket noScript = connect();
		send(noScript, "agi_network: yes\nagi_request: agi://127.0.0.1\nagi_channel: PJSIP/none-1\n\n200 result=1\n");
		Socket another = connect();
		send(another, "agi_network: yes\nagi_network_script: voicemail\nagi_request: agi://127.0.0.1/voicemail\n"
				+ "agi_channel: PJSIP/none-2\n\n200 result=1\n");

		assertThat(readUntilClosed(noScript, Duration.ofSeconds(2))).doesNotContain("RINGSIDE_");
		assertThat(readUntilClosed(another, Duration.ofSeconds(2))).doesNotContain("RINGSIDE_");
		assertThat(route()).isLessThan(USUAL);
	}

	/**
	 * The shipped dialplan gives the Linkedid in the URL: the route's variables are the
	 * first command, and the call's id is that Linkedid.
	 */
	@Test
	void aRequestWithTheLinkedidInItsUrlIsAnsweredInOneRoundTrip() throws IOException {
		String linkedid = "1781800000." + System.nanoTime() % 1_000_000;
		CompletableFuture<RouteDecided> decided = decisionOf(linkedid);
		Socket pbx = connect();
		send(pbx, request("route?linkedid=" + linkedid, linkedid + "9"));

		String first = readLine(pbx);
		send(pbx, "200 result=0\n");

		assertThat(first).startsWith("EXEC \"MSet\" \"RINGSIDE_TARGET=");
		assertThat(decided.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join().request().callId())
			.isEqualTo(linkedid);
		assertThat(readUntilClosed(pbx, WAIT)).isEmpty();
	}

	/**
	 * A dialplan written before the parameter, or one whose parameter is not a Linkedid,
	 * still routes: the channel is asked for its Linkedid first.
	 */
	@Test
	void aRequestWithoutAUsableLinkedidAsksTheChannelForIt() throws IOException {
		for (String script : List.of("route", "route?linkedid=", "route?linkedid=not%20one", "route?other=1")) {
			String linkedid = "1781800001." + System.nanoTime() % 1_000_000;
			CompletableFuture<RouteDecided> decided = decisionOf(linkedid);
			Socket pbx = connect();
			send(pbx, request(script, linkedid + "9"));

			assertThat(readLine(pbx)).as(script).isEqualTo("GET FULL VARIABLE \"${CHANNEL(linkedid)}\"");
			send(pbx, "200 result=1 (" + linkedid + ")\n");
			assertThat(readLine(pbx)).as(script).startsWith("EXEC \"MSet\" \"RINGSIDE_TARGET=");
			send(pbx, "200 result=0\n");

			assertThat(decided.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join().request().callId()).as(script)
				.isEqualTo(linkedid);
		}
	}

	/** A PBX could not reach an instance that cannot listen: it does not start. */
	@Test
	void anInstanceWhoseFastAgiPortIsTakenDoesNotStart() {
		assertThatThrownBy(() -> Instance.start("--ringside.pbx.agi.port=" + address.port(),
				"--ringside.pbx.agi.bind-address=" + address.bindAddress()))
			.hasStackTraceContaining("FastAGI: cannot listen on " + address.bindAddress() + ":" + address.port());
		assertThat(route()).isLessThan(USUAL);
	}

	private CompletableFuture<RouteDecided> decisionOf(String callId) {
		return router.decisions().filter(d -> d.request().callId().equals(callId)).next().toFuture();
	}

	/**
	 * Asterisk's request for a call from an unknown number, its own channel's uniqueid
	 * not the Linkedid.
	 */
	private static String request(String script, String uniqueid) {
		return "agi_network: yes\nagi_network_script: " + script + "\nagi_request: agi://127.0.0.1:4573/" + script
				+ "\nagi_channel: PJSIP/trunk-00000001\nagi_type: PJSIP\nagi_uniqueid: " + uniqueid
				+ "\nagi_callerid: +74950000001\nagi_dnid: 4951234567\nagi_context: from-trunk\n"
				+ "agi_extension: 4951234567\nagi_priority: 4\n\n";
	}

	/**
	 * One inbound call from an unknown number: the time from the call to its route being
	 * set on the channel.
	 */
	private Duration route() {
		String number = data.uniqueMoscowNumber();
		String digits = number.substring(number.length() - 7);
		CompletableFuture<RouteDecided> decided = router.decisions()
			.filter(d -> d.request().callerNumber() != null && d.request().callerNumber().endsWith(digits))
			.next()
			.toFuture();
		long start = System.nanoTime();
		simulator.inboundCall(InboundCall.from(number).hangingUpAfter(Duration.ofSeconds(1)));
		RouteDecided route = decided.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(route.decision().reason()).isEqualTo(RouteReason.UNKNOWN_CALLER);
		return took;
	}

	private Socket connect() throws IOException {
		return peers.connect(new InetSocketAddress(address.dialHost(), address.port()));
	}

	private double refused(String reason) {
		return meters.get(AgiRefusals.METRIC).tag("reason", reason).counter().count();
	}

}

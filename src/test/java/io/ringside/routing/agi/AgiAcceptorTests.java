package io.ringside.routing.agi;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.asteriskjava.util.SocketConnectionFacade;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ringside.routing.agi.AgiPeers.assertClosedWithin;
import static io.ringside.routing.agi.AgiPeers.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The acceptor in front of the FastAGI workers, over real sockets: who it closes, when,
 * and what it hands over (#12). The timeout is short here;
 * {@code AgiServerIntegrationTests} checks the configured 5 seconds.
 */
class AgiAcceptorTests {

	private static final Duration TIMEOUT = Duration.ofMillis(600);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AgiPeers peers = new AgiPeers();

	/** What the acceptor handed over, in place of the workers. */
	private final BlockingQueue<AgiConversation> handedOver = new LinkedBlockingQueue<>();

	private AgiAcceptor acceptor;

	@BeforeEach
	void listen() throws IOException {
		acceptor = acceptor(List.of("127.0.0.1"), handedOver::offer);
	}

	@AfterEach
	void close() throws IOException {
		acceptor.close();
		peers.close();
	}

	@Test
	void closesAPeerThatIsNotAllowedAtOnceAndCountsIt() throws IOException {
		try (AgiAcceptor onlyThePbx = acceptor(List.of("192.0.2.10", "10.0.0.0/8"), handedOver::offer)) {
			Socket stranger = connect(onlyThePbx);
			long start = System.nanoTime();

			assertClosedWithin(stranger, Duration.ofSeconds(1));

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
			assertThat(refused("not-allowed")).isEqualTo(1);
		}
	}

	@Test
	void letsAnAllowedPeerIn() throws Exception {
		Socket pbx = connect();
		send(pbx, "agi_network: yes\n\n");

		SocketConnectionFacade conversation = handedOver();

		assertThat(conversation.readLine()).isEqualTo("agi_network: yes");
		assertThat(refused("not-allowed")).isZero();
		conversation.close();
	}

	@Test
	void closesASilentConnectionAfterTheRequestTimeoutAndCountsIt() throws IOException {
		Socket silent = connect();
		long start = System.nanoTime();

		assertClosedWithin(silent, TIMEOUT.multipliedBy(4));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50));
		assertThat(refused("timeout")).isEqualTo(1);
	}

	@Test
	void aPeerSendingOneLineSlowlyIsClosedAtTheSameDeadline() throws Exception {
		Socket slow = connect();
		long start = System.nanoTime();
		OutputStream out = slow.getOutputStream();
		for (int i = 0; i < 3; i++) {
			out.write('a');
			out.flush();
			TimeUnit.MILLISECONDS.sleep(TIMEOUT.toMillis() / 3);
		}

		assertClosedWithin(slow, TIMEOUT.multipliedBy(2));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(2));
		assertThat(refused("timeout")).isEqualTo(1);
	}

	@Test
	void closesAnOversizedLineAndTooManyLinesAndCountsThem() throws IOException {
		Socket longLine = connect();
		send(longLine, "agi_request: " + "x".repeat(100) + "\n");
		Socket manyLines = connect();
		send(manyLines, "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n\n");

		assertClosedWithin(longLine, TIMEOUT.dividedBy(2));
		assertClosedWithin(manyLines, TIMEOUT.dividedBy(2));

		assertThat(refused("header-line")).isEqualTo(1);
		assertThat(refused("header-count")).isEqualTo(1);
	}

	@Test
	void handsOverAWholeRequestWithWhatFollowedAndBoundsTheLinesAfter() throws Exception {
		Socket pbx = connect();
		send(pbx, "agi_network: yes\nagi_req");
		TimeUnit.MILLISECONDS.sleep(100);
		send(pbx, "uest: agi://127.0.0.1/route\r\n\r\n200 result=1 (1781800000.1)\n");

		SocketConnectionFacade conversation = handedOver();

		assertThat(conversation.readLine()).isEqualTo("agi_network: yes");
		assertThat(conversation.readLine()).isEqualTo("agi_request: agi://127.0.0.1/route");
		assertThat(conversation.readLine()).isEmpty();
		assertThat(conversation.readLine()).isEqualTo("200 result=1 (1781800000.1)");
		conversation.write("EXEC MSet A=1\n");
		conversation.flush();
		byte[] command = new byte[14];
		pbx.getInputStream().readNBytes(command, 0, command.length);
		assertThat(new String(command, StandardCharsets.UTF_8)).isEqualTo("EXEC MSet A=1\n");
		send(pbx, "y".repeat(65) + "\n");
		assertThatThrownBy(conversation::readLine).isInstanceOf(IOException.class);
		assertThat(meters.find(AgiRefusals.METRIC).counters())
			.allSatisfy(counter -> assertThat(counter.count()).isZero());
		conversation.close();
	}

	@Test
	void aConversationWhosePeerStopsAnsweringTimesOut() throws Exception {
		Socket pbx = connect();
		send(pbx, "agi_network: yes\n\n");
		SocketConnectionFacade conversation = handedOver();
		conversation.readLine();
		conversation.readLine();
		long start = System.nanoTime();

		assertThatThrownBy(conversation::readLine).isInstanceOf(SocketTimeoutException.class);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(3));
		conversation.close();
	}

	@Test
	void closesAWholeRequestTheWorkersCannotTakeAndCountsItAsBusy() throws Exception {
		try (AgiAcceptor overloaded = acceptor(List.of("127.0.0.1"), conversation -> false)) {
			Socket pbx = connect(overloaded);
			send(pbx, "agi_network: yes\n\n");

			assertClosedWithin(pbx, TIMEOUT.dividedBy(2));

			assertThat(refused("busy")).isEqualTo(1);
		}
	}

	@Test
	void closingClosesTheConnectionsStillGathering() throws Exception {
		Socket halfway = connect();
		send(halfway, "agi_network: yes\n");
		TimeUnit.MILLISECONDS.sleep(100);

		acceptor.close();

		assertClosedWithin(halfway, TIMEOUT.dividedBy(2));
		assertThat(handedOver).isEmpty();
	}

	/**
	 * An acceptor on a free loopback port with the short timeout, lines of 64 bytes, 4
	 * lines.
	 */
	private AgiAcceptor acceptor(List<String> allowed, AgiAcceptor.Workers workers) throws IOException {
		return new AgiAcceptor(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), AllowedClients.of(allowed),
				TIMEOUT, 64, 4, new AgiRefusals(meters), workers);
	}

	private AgiConversation handedOver() throws InterruptedException {
		AgiConversation conversation = handedOver.poll(5, TimeUnit.SECONDS);
		assertThat(conversation).as("a conversation handed over").isNotNull();
		return conversation;
	}

	private Socket connect() throws IOException {
		return connect(acceptor);
	}

	private Socket connect(AgiAcceptor to) throws IOException {
		return peers.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), to.port()));
	}

	private double refused(String reason) {
		return meters.get(AgiRefusals.METRIC).tag("reason", reason).counter().count();
	}

}

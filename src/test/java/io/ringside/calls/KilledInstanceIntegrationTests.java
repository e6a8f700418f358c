package io.ringside.calls;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import io.ringside.RingsideApplication;
import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.ScriptedPhones;
import io.ringside.simulator.SimulatedCall;
import io.ringside.simulator.SimulatorConfig;
import io.ringside.support.Instance;
import io.ringside.support.TcpProxy;
import io.ringside.support.TestData;
import io.ringside.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance killed for real ({@code SIGKILL}: no shutdown hook, no drain) while
 * PostgreSQL is down, in a process of its own that follows a PBX outside it (the
 * simulator, in this test's JVM, as a real Asterisk would be). What it had handed over to
 * the Redis Stream survives it; a call still in progress when it died is picked up by the
 * instance started after it, from the PBX's list of channels. Every call ends up in the
 * history exactly once.
 */
class KilledInstanceIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	/**
	 * A cold JVM of its own: on a loaded 2-core machine it took 45 s to reach its
	 * database, so the start has its own, longer deadline than the calls.
	 */
	private static final Duration STARTUP = Duration.ofMinutes(3);

	private static final int CALLS = 6;

	private final History history = new History();

	private final String prefix = TestServices.REDIS_KEY_PREFIX + "killed-" + System.nanoTime() + ":";

	private TcpProxy proxy;

	private PbxSimulator pbx;

	private Process killed;

	private Instance next;

	private InboundCall call;

	@BeforeEach
	void aClientWhoseManagerIsAvailableAndAPbxOutsideRingside() throws IOException {
		proxy = TcpProxy.to(TestServices.postgres().server());
		try (Instance setup = QuickInstances.start("--ringside.redis.key-prefix=" + prefix,
				"--ringside.calls.consumer=setup")) {
			call = setup.shortCallFromAClient();
		}
		pbx = new PbxSimulator(SimulatorConfig.defaults()
			.withFastAgi("127.0.0.1", freePort())
			.withRingTimeout(Duration.ofSeconds(2))
			.withFallbackGroup(TestData.LEAD_LINE)).start();
		pbx.phones(new ScriptedPhones(PhoneBehaviour.answersAfter(Duration.ofMillis(200))));
	}

	@AfterEach
	void stop() {
		if (killed != null) {
			killed.destroyForcibly();
		}
		if (next != null) {
			next.close();
		}
		pbx.close();
		proxy.close();
	}

	@Test
	void whatAKilledInstanceHandedOverAndTheCallItWasFollowingAreRecordedOnce() throws Exception {
		killed = ringsideInItsOwnProcess();
		await().atMost(STARTUP).until(() -> pbx.connectedClients() > 0 && listening(pbx.config().fastAgiPort()));

		proxy.cut();
		List<String> made = new ArrayList<>(Flux.range(0, CALLS)
			.delayElements(Duration.ofMillis(300))
			.flatMap(i -> pbx.inboundCall(call).ended())
			.map(CallSummary::linkedid)
			.collectList()
			.block(WAIT));
		await().atMost(WAIT).until(() -> handedOver() >= CALLS);
		SimulatedCall inProgress = pbx.inboundCall(call.talkingFor(Duration.ofSeconds(25)));
		inProgress.answered().block(WAIT);

		killed.destroyForcibly();
		assertThat(killed.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
		killed = null;
		assertThat(history.noneRecorded(made)).as("nothing written while PostgreSQL was down").isTrue();
		assertThat(inProgress.ended().toFuture()).as("still talking when Ringside died").isNotDone();

		proxy.restore();
		next = QuickInstances.start("--spring.r2dbc.url=" + TestServices.postgres().r2dbcUrlThrough(proxy.port()),
				"--ringside.redis.key-prefix=" + prefix, "--ringside.calls.consumer=next",
				"--ringside.calls.claim-after=PT2S", "--ringside.pbx.mode=asterisk",
				"--ringside.pbx.ami.port=" + pbx.amiPort(), "--ringside.pbx.agi.port=" + pbx.config().fastAgiPort());
		made.add(inProgress.ended().block(WAIT).linkedid());

		await().atMost(WAIT).until(() -> history.everyCallOnce(made));
		await().atMost(WAIT).until(() -> next.pending() == 0);
		history.assertEveryCallOnce(made);
	}

	/**
	 * Ringside as a separate JVM on this test's classpath, connected to the simulator as
	 * to a real Asterisk, reaching PostgreSQL through the proxy; its output goes to
	 * {@code target/killed-instance.log}.
	 */
	private Process ringsideInItsOwnProcess() throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
						System.getProperty("java.class.path"), RingsideApplication.class.getName()));
		command.addAll(
				QuickInstances.arguments("--spring.r2dbc.url=" + TestServices.postgres().r2dbcUrlThrough(proxy.port()),
						"--ringside.redis.key-prefix=" + prefix, "--ringside.calls.consumer=killed",
						"--ringside.pbx.mode=asterisk", "--ringside.pbx.ami.port=" + pbx.amiPort(),
						"--ringside.pbx.agi.port=" + pbx.config().fastAgiPort()));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File("target/killed-instance.log"))
			.start();
	}

	/** Entries in the instance's stream of finished calls, read straight from Redis. */
	private long handedOver() {
		RedisClient client = RedisClient.create(TestServices.redis());
		try (StatefulRedisConnection<String, String> redis = client.connect()) {
			return redis.sync().xlen(prefix + "calls");
		}
		finally {
			client.shutdown();
		}
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

package io.ringside.calls;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.ringside.database.RedisKeys;
import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.support.Instance;
import io.ringside.support.TcpProxy;
import io.ringside.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance stopped while PostgreSQL is down (issue 11, part 6): what it had not
 * written waits in the Redis Stream, pending with its consumer or not yet read. The
 * instance started again under the same consumer name re-reads its own pending entries;
 * another instance claims them once they have been idle for
 * {@code ringside.calls.claim-after}. Either way every call is in the history exactly
 * once.
 */
class InstanceCrashIntegrationTests {

	private static final Duration CALL = Duration.ofSeconds(30);

	private static final int CALLS = 8;

	private final History history = new History();

	private final String prefix = TestServices.REDIS_KEY_PREFIX + "crash-" + System.nanoTime() + ":";

	private TcpProxy proxy;

	private Instance first;

	private Instance second;

	@BeforeEach
	void anInstanceReachesPostgresThroughAProxy() {
		proxy = TcpProxy.to(TestServices.postgres().server());
		first = QuickInstances.start("--spring.r2dbc.url=" + TestServices.postgres().r2dbcUrlThrough(proxy.port()),
				"--ringside.redis.key-prefix=" + prefix, "--ringside.calls.consumer=first");
	}

	@AfterEach
	void stop() {
		if (first != null) {
			first.close();
		}
		if (second != null) {
			second.close();
		}
		proxy.close();
	}

	@Test
	void theInstanceStartedAgainWritesWhatItLeftPending() {
		List<String> calls = callsMadeWhilePostgresIsDownThenStopped();

		// Claiming is put out of reach: only re-reading its own pending entries can write
		// the first of them.
		second = QuickInstances.start("--ringside.redis.key-prefix=" + prefix, "--ringside.calls.consumer=first",
				"--ringside.calls.claim-after=PT10M");

		await().atMost(CALL).until(() -> history.everyCallOnce(calls));
		await().atMost(CALL).until(() -> second.pending() == 0);
		history.assertEveryCallOnce(calls);
	}

	@Test
	void anotherInstanceClaimsWhatTheStoppedOneLeftPending() {
		List<String> calls = callsMadeWhilePostgresIsDownThenStopped();

		second = QuickInstances.start("--ringside.redis.key-prefix=" + prefix, "--ringside.calls.consumer=second",
				"--ringside.calls.claim-after=PT2S");

		await().atMost(CALL).until(() -> history.everyCallOnce(calls));
		await().atMost(CALL).until(() -> second.pending() == 0);
		history.assertEveryCallOnce(calls);
	}

	private List<String> callsMadeWhilePostgresIsDownThenStopped() {
		PbxSimulator simulator = first.bean(PbxSimulator.class);
		InboundCall call = first.shortCallFromAClient();

		proxy.cut();
		List<String> made = Flux.range(0, CALLS)
			.delayElements(Duration.ofMillis(300))
			.flatMap(i -> simulator.inboundCall(call).ended())
			.map(CallSummary::linkedid)
			.collectList()
			.block(CALL);
		await().atMost(CALL).until(() -> first.pending() >= CALLS);
		assertThat(pendingWithItsConsumer(first)).as("entries read and not written when it stops").isPositive();
		first.close();
		first = null;
		proxy.restore();
		assertThat(history.noneRecorded(made)).isTrue();
		return made;
	}

	private long pendingWithItsConsumer(Instance instance) {
		String key = instance.bean(RedisKeys.class).key("calls");
		return instance.bean(ReactiveStringRedisTemplate.class)
			.opsForStream()
			.pending(key, CallStream.GROUP)
			.map(PendingMessagesSummary::getTotalPendingMessages)
			.block(CALL);
	}

}

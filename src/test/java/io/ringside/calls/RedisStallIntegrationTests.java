package io.ringside.calls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.support.Closing;
import io.ringside.support.Instance;
import io.ringside.support.PrivateRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis stalled ({@code CLIENT PAUSE ... ALL}) under call traffic (issue 11, part 6):
 * calls that end while Redis does not answer are held in memory, and past
 * {@code ringside.calls.redis-patience} written straight to PostgreSQL; the hand-offs
 * that Redis runs once the pause ends deliver some of them a second time, which changes
 * nothing. Every call is in the history exactly once. The pause is on a Redis server of
 * the test's own where {@code redis-server} is on the PATH (else on the shared one, kept
 * short).
 */
class RedisStallIntegrationTests {

	private static final Duration CALL = Duration.ofSeconds(30);

	private static final int CALLS = 24;

	private static final long PAUSE_MS = 6_000;

	private final History history = new History();

	@RegisterExtension
	final Closing closing = new Closing();

	private PrivateRedis redis;

	private Instance ringside;

	@BeforeEach
	void ringsideOnARedisOfItsOwn() {
		redis = closing.add(PrivateRedis.start());
		ringside = closing
			.add(QuickInstances.start(redis.settings("redis-stall", "--ringside.calls.redis-patience=PT2S")));
	}

	@Test
	void callsEndingWhileRedisIsStalledAreRecordedOnce() {
		PbxSimulator simulator = ringside.bean(PbxSimulator.class);
		InboundCall call = ringside.shortCallFromAClient();
		AtomicInteger ended = new AtomicInteger();

		CompletableFuture<List<CallSummary>> traffic = Flux.range(0, CALLS)
			.delayElements(Duration.ofMillis(400))
			.flatMap(i -> simulator.inboundCall(call).ended())
			.doOnNext(summary -> ended.incrementAndGet())
			.collectList()
			.toFuture();
		await().atMost(CALL).until(() -> ended.get() >= 3);
		// every client's commands wait until it ends
		redis.pause(Duration.ofMillis(PAUSE_MS), "ALL");
		List<String> calls = traffic.join().stream().map(CallSummary::linkedid).toList();

		assertThat(calls).hasSize(CALLS);
		await().atMost(CALL).until(() -> history.everyCallOnce(calls));
		await().atMost(CALL).until(() -> ringside.pending() == 0);
		history.assertEveryCallOnce(calls);
		assertThat(ringside.bean(MeterRegistry.class).counter("ringside.calls.written.directly").count())
			.as("calls written straight to PostgreSQL while Redis was stalled")
			.isPositive();
		assertThat(ringside.bean(MeterRegistry.class).counter("ringside.calls.lost").count()).isZero();
	}

}

package io.ringside.calls;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.support.Instance;
import io.ringside.support.TcpProxy;
import io.ringside.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis down, and Redis and PostgreSQL down together (issue 11, part 4), each cut by a
 * TCP proxy the test owns: with Redis gone the calls are written straight to PostgreSQL;
 * with both gone they are held in memory (and counted in {@code ringside.calls.pending})
 * until the stores are back. Every call is in the history exactly once.
 */
class StoresOutageIntegrationTests {

	private static final Duration CALL = Duration.ofSeconds(30);

	private static final int CALLS = 6;

	private final History history = new History();

	private TcpProxy postgres;

	private TcpProxy redis;

	private Instance ringside;

	private PbxSimulator simulator;

	private InboundCall call;

	@BeforeEach
	void ringsideReachesBothStoresThroughProxies() {
		postgres = TcpProxy.to(TestServices.postgres().server());
		redis = TcpProxy.to(URI.create(TestServices.redis()));
		ringside = QuickInstances
			.start("--spring.r2dbc.url=" + TestServices.postgres().r2dbcUrlThrough(postgres.port()),
					"--spring.data.redis.url=redis://127.0.0.1:" + redis.port(), "--ringside.redis.key-prefix="
							+ TestServices.REDIS_KEY_PREFIX + "stores-" + System.nanoTime() + ":",
					"--ringside.calls.redis-patience=PT1S");
		simulator = ringside.bean(PbxSimulator.class);
		call = ringside.shortCallFromAClient();
	}

	@AfterEach
	void stop() {
		if (ringside != null) {
			ringside.close();
		}
		postgres.close();
		redis.close();
	}

	@Test
	void withRedisDownCallsAreWrittenStraightToPostgres() {
		redis.cut();
		List<String> calls = calls();
		await().atMost(CALL).until(() -> history.everyCallOnce(calls));
		assertThat(meters().counter("ringside.calls.written.directly").count()).isGreaterThanOrEqualTo(CALLS);
		redis.restore();

		await().atMost(CALL).until(() -> ringside.pending() == 0);
		history.assertEveryCallOnce(calls);
	}

	@Test
	void withBothStoresDownCallsWaitInMemoryUntilOneIsBack() {
		redis.cut();
		postgres.cut();
		List<String> calls = calls();
		await().atMost(CALL).until(() -> ringside.pending() >= CALLS);
		assertThat(history.noneRecorded(calls)).isTrue();
		postgres.restore();
		redis.restore();

		await().atMost(CALL).until(() -> history.everyCallOnce(calls));
		await().atMost(CALL).until(() -> ringside.pending() == 0);
		history.assertEveryCallOnce(calls);
		assertThat(meters().counter("ringside.calls.lost").count()).isZero();
	}

	private List<String> calls() {
		return Flux.range(0, CALLS)
			.delayElements(Duration.ofMillis(300))
			.flatMap(i -> simulator.inboundCall(call).ended())
			.map(CallSummary::linkedid)
			.collectList()
			.block(CALL);
	}

	private MeterRegistry meters() {
		return ringside.bean(MeterRegistry.class);
	}

}

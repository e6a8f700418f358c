package io.ringside.calls;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.boot.health.contributor.Health;

import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.support.Closing;
import io.ringside.support.Instance;
import io.ringside.support.TcpProxy;
import io.ringside.support.TestServices;
import io.ringside.telephony.Pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL cut off for 30 s under call traffic (issue 11, part 6): Ringside reaches
 * PostgreSQL only through a proxy this test cuts. Routing keeps answering; the finished
 * calls wait in the Redis Stream; once PostgreSQL is back every call is in the history
 * exactly once and {@code ringside.calls.pending} is back to 0.
 */
class PostgresOutageIntegrationTests {

	private static final Duration OUTAGE = Duration.ofSeconds(30);

	private static final Duration CALL = Duration.ofSeconds(30);

	private final History history = new History();

	@RegisterExtension
	final Closing closing = new Closing();

	private TcpProxy proxy;

	private Instance ringside;

	@BeforeEach
	void ringsideReachesPostgresThroughAProxy() {
		proxy = closing.add(TcpProxy.to(TestServices.postgres().server()));
		ringside = closing
			.add(QuickInstances.start("--spring.r2dbc.url=" + TestServices.postgres().r2dbcUrlThrough(proxy.port()),
					"--ringside.redis.key-prefix=" + TestServices.REDIS_KEY_PREFIX + "pg-outage:"));
	}

	@Test
	void callsMadeWhilePostgresIsAwayAreRecordedOnceWhenItIsBack() {
		PbxSimulator simulator = ringside.bean(PbxSimulator.class);
		Pbx pbx = ringside.bean(Pbx.class);
		InboundCall call = ringside.shortCallFromAClient();
		CallSummary before = simulator.inboundCall(call).ended().block(CALL);

		proxy.cut();
		List<CallSummary> during = Flux.range(0, (int) OUTAGE.toSeconds())
			.delayElements(Duration.ofSeconds(1))
			.flatMap(i -> simulator.inboundCall(call).ended())
			.collectList()
			.block(OUTAGE.plus(CALL));
		assertThat(during).hasSize((int) OUTAGE.toSeconds()).allSatisfy(summary -> {
			assertThat(summary.variables()).as("routed to the owner, from the caller directory's last listing")
				.containsEntry("RINGSIDE_REASON", "OWNER");
			assertThat(summary.answered()).as("answered").isTrue();
		});
		List<String> waiting = during.stream().map(CallSummary::linkedid).toList();
		assertThat(history.noneRecorded(waiting)).isTrue();
		await().atMost(CALL).until(() -> ringside.pending() >= waiting.size());
		// Sign-in reads PostgreSQL, so while it is down the endpoint shows its status to
		// anyone and its details here.
		ringside.anonymous()
			.get()
			.uri("/actuator/health/recording")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		Health health = ringside.bean(RecordingHealthIndicator.class).health().block(CALL);
		assertThat((Long) health.getDetails().get("pending")).isGreaterThanOrEqualTo(waiting.size());
		assertThat(health.getDetails()).containsKey("failure");
		proxy.restore();

		CallSummary after = simulator.inboundCall(call).ended().block(CALL);
		List<String> all = Flux
			.concat(Flux.just(before.linkedid()), Flux.fromIterable(waiting), Flux.just(after.linkedid()))
			.collectList()
			.block();
		await().atMost(Duration.ofSeconds(60)).until(() -> history.everyCallOnce(all));
		await().atMost(CALL).until(() -> ringside.pending() == 0);
		history.assertEveryCallOnce(all);
	}

}

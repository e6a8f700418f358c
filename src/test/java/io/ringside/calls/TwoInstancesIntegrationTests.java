package io.ringside.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.SimulatedCall;
import io.ringside.support.Instance;
import io.ringside.support.TestServices;
import io.ringside.telephony.Pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances following the same PBX (issue 11, part 6): each records every call it
 * sees, so each call reaches the stream twice and is written once; the second instance is
 * stopped while a call is in progress, and that call, those before and those after are
 * each in the history exactly once.
 */
class TwoInstancesIntegrationTests {

	private static final Duration CALL = Duration.ofSeconds(30);

	private final History history = new History();

	private final String prefix = TestServices.REDIS_KEY_PREFIX + "two-" + System.nanoTime() + ":";

	private Instance first;

	private Instance second;

	@BeforeEach
	void twoInstancesOnOnePbx() {
		first = QuickInstances.start("--ringside.redis.key-prefix=" + prefix, "--ringside.calls.consumer=first");
		second = QuickInstances.start("--ringside.redis.key-prefix=" + prefix, "--ringside.calls.consumer=second",
				"--ringside.pbx.mode=asterisk", "--ringside.pbx.ami.host=127.0.0.1",
				"--ringside.pbx.ami.port=" + first.bean(PbxSimulator.class).amiPort());
	}

	@AfterEach
	void stop() {
		if (second != null) {
			second.close();
		}
		first.close();
	}

	@Test
	void aCallInProgressWhenOneInstanceStopsIsRecordedOnce() {
		PbxSimulator simulator = first.bean(PbxSimulator.class);
		InboundCall shortCall = first.shortCallFromAClient();
		await().atMost(CALL).until(() -> second.bean(Pbx.class).connected());
		List<String> calls = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			calls.add(simulator.inboundCall(shortCall).ended().block(CALL).linkedid());
		}

		SimulatedCall inProgress = simulator.inboundCall(shortCall.talkingFor(Duration.ofSeconds(3)));
		assertThat(inProgress.answered().block(CALL)).as("answered, so in progress").isNotNull();
		second.close();
		second = null;
		calls.add(inProgress.ended().block(CALL).linkedid());
		for (int i = 0; i < 3; i++) {
			calls.add(simulator.inboundCall(shortCall).ended().block(CALL).linkedid());
		}

		await().atMost(CALL).until(() -> history.everyCallOnce(calls));
		await().atMost(CALL).until(() -> first.pending() == 0);
		history.assertEveryCallOnce(calls);
	}

}

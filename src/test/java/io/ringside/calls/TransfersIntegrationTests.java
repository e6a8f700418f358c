package io.ringside.calls;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transfers through real sockets: the owner answers, then hands the call to the head of
 * sales blindly or after talking to them first; either way it stays one call, recorded
 * once with its transfer, and one history entry.
 */
class TransfersIntegrationTests extends IntegrationTest {

	private static final Duration CALL = Duration.ofSeconds(30);

	private static final Duration RING = Duration.ofMillis(300);

	@Autowired
	PbxSimulator simulator;

	@Autowired
	DatabaseClient db;

	private CallRows rows;

	@BeforeEach
	void readsThroughTheApplicationsDatabaseClient() {
		rows = new CallRows(db);
	}

	@Test
	void aBlindTransferIsOneCallWithItsTransferAndOneHistoryEntry() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(RING).headAnswersAfter(RING).ready();
		var call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofSeconds(2)));
		assertThat(call.answered().block(CALL)).isEqualTo(scene.owner().extension());

		assertThat(call.blindTransfer(scene.head().extension()).block(CALL)).isTrue();
		CallSummary ended = call.ended().block(CALL);

		Map<String, Object> row = rows.recorded(ended.linkedid());
		assertThat(String.valueOf(row.get("transfers"))).contains("BLIND");
		assertThat(rows.history(ended.linkedid())).containsExactly("CALL_IN");
		assertThat(rows.count("select count(*) as n from calls where client_id = " + scene.client().id())).isEqualTo(1);
	}

	@Test
	void anAttendedTransferMergesIntoOneCallWithOneHistoryEntry() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(RING).headAnswersAfter(RING).ready();
		var call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofSeconds(3)));
		assertThat(call.answered().block(CALL)).isEqualTo(scene.owner().extension());

		assertThat(call.attendedTransfer(scene.head().extension()).block(CALL)).isTrue();
		CallSummary ended = call.ended().block(CALL);

		Map<String, Object> row = rows.recorded(ended.linkedid());
		assertThat(String.valueOf(row.get("transfers"))).contains("ATTENDED");
		await().during(Duration.ofSeconds(1))
			.atMost(CALL)
			.untilAsserted(() -> assertThat(
					rows.count("select count(*) as n from calls where client_id = " + scene.client().id()))
				.isEqualTo(1));
		assertThat(rows.count(
				"select count(*) as n from interactions where kind = 'CALL_IN' and client_id = " + scene.client().id()))
			.isEqualTo(1);
	}

}

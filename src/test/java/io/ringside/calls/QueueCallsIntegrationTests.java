package io.ringside.calls;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.simulator.CallQueue;
import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls through a FreePBX queue, end to end over real sockets: the simulator plays them
 * as FreePBX 16 does (members behind {@code Local/<ext>@from-queue/n} pairs, new ones
 * each round, events of a Local half after its Hangup), and Ringside records each call
 * once, answered by the member's phone or missed. Issue 11.
 */
class QueueCallsIntegrationTests extends IntegrationTest {

	private static final Duration CALL = Duration.ofSeconds(30);

	@Autowired
	PbxSimulator simulator;

	@Autowired
	DatabaseClient db;

	private CallRows rows;

	private CallScene scene;

	private Employee colleague;

	@BeforeEach
	void aClientAndTwoManagersInTheSalesQueue() {
		rows = new CallRows(db);
		scene = scenes.aClient().ready();
		colleague = data.employeeWithPhone(Role.MANAGER);
	}

	@Test
	void aQueueCallAnsweredByAMemberIsRecordedOnceAsAnsweredByTheMembersPhone() {
		scene.phones()
			.set(scene.owner().extension(), PhoneBehaviour.unavailable())
			.set(colleague.extension(), PhoneBehaviour.answersAfter(Duration.ofMillis(300)));

		CallSummary call = simulator
			.queueCall(InboundCall.from(scene.number()).talkingFor(Duration.ofMillis(600)),
					sales().timing(Duration.ofMillis(800), Duration.ofMillis(200)))
			.ended()
			.block(CALL);

		assertThat(call.answeredBy()).isEqualTo(colleague.extension());
		Map<String, Object> row = rows.recorded(call.linkedid());
		assertThat(row).containsEntry("outcome", "ANSWERED")
			.containsEntry("answered_by", colleague.id())
			.containsEntry("client_id", scene.client().id())
			.containsEntry("answered_device", colleague.extension())
			.containsEntry("abandoned", false);
		assertOnceInHistory(call.linkedid(), "CALL_IN");
	}

	@Test
	void aCallerWhoAbandonsTheQueueAfterRoundsOfRingNoAnswerIsAMissedCallWithACallback() {
		CallSummary call = simulator
			.queueCall(InboundCall.from(scene.number()).hangingUpAfter(Duration.ofMillis(2_500)),
					sales().timing(Duration.ofMillis(700), Duration.ofMillis(100)))
			.ended()
			.block(CALL);

		assertThat(call.answered()).isFalse();
		Map<String, Object> row = rows.recorded(call.linkedid());
		assertThat(row).containsEntry("outcome", "MISSED")
			.containsEntry("client_id", scene.client().id())
			.containsEntry("abandoned", true);
		assertOnceInHistory(call.linkedid(), "CALL_MISSED");
		await().atMost(CALL)
			.until(() -> rows.count("select count(*) as n from callback_tasks where call_id = '" + call.linkedid()
					+ "' and client_id = " + scene.client().id()) == 1);
		await().during(Duration.ofSeconds(1))
			.atMost(CALL)
			.until(() -> rows.count("select count(*) as n from calls where client_id = " + scene.client().id()) == 1);
	}

	private void assertOnceInHistory(String callId, String kind) {
		await().during(Duration.ofSeconds(1))
			.atMost(CALL)
			.untilAsserted(() -> assertThat(rows.history(callId)).containsExactly(kind));
	}

	private CallQueue sales() {
		return CallQueue.ringAll("400", List.of(extensionOf(scene.owner()), extensionOf(colleague)));
	}

	private static String extensionOf(Employee employee) {
		return employee.extension().substring("PJSIP/".length());
	}

}

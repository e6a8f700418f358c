package io.ringside.calls;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;
import io.ringside.telephony.Pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole calls through real sockets: the PBX simulator speaks AMI to Ringside's
 * Asterisk-Java connection and asks Ringside's FastAGI server for routes; Ringside
 * records into PostgreSQL and reads presence from Redis.
 */
class TelephonyIntegrationTests extends IntegrationTest {

	private static final Duration CALL = Duration.ofSeconds(30);

	private static final Duration RING = Duration.ofMillis(300);

	private static final Duration TALK = Duration.ofMillis(400);

	@Autowired
	PbxSimulator simulator;

	@Autowired
	Pbx pbx;

	@Autowired
	DatabaseClient db;

	@Autowired
	MeterRegistry meters;

	private CallRows rows;

	@BeforeEach
	void readsThroughTheApplicationsDatabaseClient() {
		rows = new CallRows(db);
	}

	@Test
	void theOwnerWhoIsAvailableTakesTheCallAndItIsRecordedOnce() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(RING).ready();

		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(TALK)).ended().block(CALL);

		assertThat(call.answeredBy()).isEqualTo(scene.owner().extension());
		assertThat(call.variables()).containsEntry("RINGSIDE_REASON", "OWNER");
		Map<String, Object> row = rows.recorded(call.linkedid());
		assertThat(row).containsEntry("outcome", "ANSWERED")
			.containsEntry("answered_by", scene.owner().id())
			.containsEntry("client_id", scene.client().id())
			.containsEntry("direction", "INBOUND");
		rows.assertReasons(call.linkedid(), "OWNER");
		assertThat(rows.history(call.linkedid())).containsExactly("CALL_IN");
	}

	@Test
	void routesToHeadOfSalesWhenOwnerIsAway() {
		CallScene scene = scenes.aClient().ownerAway().ownerAnswersAfter(RING).headAnswersAfter(RING).ready();

		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(TALK)).ended().block(CALL);

		assertThat(call.answeredBy()).isEqualTo(scene.head().extension());
		assertThat(rows.recorded(call.linkedid())).containsEntry("answered_by", scene.head().id());
		rows.assertReasons(call.linkedid(), "OWNER_ABSENT");
		assertThat(rows.history(call.linkedid())).containsExactly("CALL_IN");
	}

	@Test
	void routesToHeadOfSalesWhenOwnerDoesNotAnswerInTime() {
		CallScene scene = scenes.aClient()
			.ownerAvailable()
			.ownersPhone(PhoneBehaviour.neverAnswers())
			.headAnswersAfter(RING)
			.ready();

		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(TALK)).ended().block(CALL);

		assertThat(call.answeredBy()).isEqualTo(scene.head().extension());
		assertThat(call.dialStatuses()).containsExactly("NOANSWER", "ANSWER");
		rows.assertReasons(call.linkedid(), "OWNER", "OWNER_NO_ANSWER");
		Map<String, Object> row = rows.recorded(call.linkedid());
		assertThat(row).containsEntry("answered_by", scene.head().id()).containsEntry("outcome", "ANSWERED");
		assertThat(String.valueOf(row.get("legs"))).contains(scene.owner().extension()).contains("NOANSWER");
		assertThat(rows.history(call.linkedid())).containsExactly("CALL_IN");
	}

	@Test
	void whenNobodyAnswersTheCallerLeavesAMessageAndTheOwnerOwesACallback() {
		CallScene scene = scenes.aClient().ownerAvailable().everyPhone(PhoneBehaviour.neverAnswers()).ready();

		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number())).ended().block(CALL);

		assertThat(call.answered()).isFalse();
		rows.assertReasons(call.linkedid(), "OWNER", "OWNER_NO_ANSWER", "NO_ANSWER");
		assertThat(rows.recorded(call.linkedid())).containsEntry("outcome", "MISSED")
			.containsEntry("client_id", scene.client().id());
		assertThat(rows.history(call.linkedid())).containsExactly("CALL_MISSED");
		assertThat(rows.count("select count(*) as n from callback_tasks where call_id = '" + call.linkedid()
				+ "' and owner_id = " + scene.owner().id()))
			.isEqualTo(1);
	}

	@Test
	void aBusyOwnerSendsTheCallToTheHeadOfSales() {
		CallScene scene = scenes.aClient()
			.ownerAvailable()
			.ownersPhone(PhoneBehaviour.busy())
			.headAnswersAfter(RING)
			.ready();

		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(TALK)).ended().block(CALL);

		assertThat(call.answeredBy()).isEqualTo(scene.head().extension());
		assertThat(call.dialStatuses()).containsExactly("BUSY", "ANSWER");
		assertThat(rows.recorded(call.linkedid())).containsEntry("answered_by", scene.head().id());
	}

	@Test
	void anUnknownCallerRingsTheLeadLineGroupWhereOneAnswersAndLeavesNoHistory() {
		List<Employee> lead = data.leadLine();
		scenes.phones(PhoneBehaviour.neverAnswers()).set(lead.get(1).extension(), PhoneBehaviour.answersAfter(RING));
		String stranger = data.uniqueMoscowNumber();

		CallSummary call = simulator.inboundCall(InboundCall.from(stranger).talkingFor(TALK)).ended().block(CALL);

		assertThat(call.answeredBy()).isEqualTo(lead.get(1).extension());
		rows.assertReasons(call.linkedid(), "UNKNOWN_CALLER");
		Map<String, Object> row = rows.recorded(call.linkedid());
		assertThat(row.get("client_id")).isNull();
		assertThat(row).containsEntry("caller_number", stranger).containsEntry("answered_by", lead.get(1).id());
		assertThat(String.valueOf(row.get("legs"))).contains(lead.get(0).extension())
			.contains(lead.get(2).extension())
			.contains("ANSWERED_ELSEWHERE");
		assertThat(rows.history(call.linkedid())).isEmpty();
	}

	@Test
	void aCallThroughAQueueIsAnsweredByTheMemberWhoPickedUp() {
		CallScene scene = scenes.aClient().ready();
		Employee colleague = data.employeeWithPhone(Role.MANAGER);
		scene.phones().set(colleague.extension(), PhoneBehaviour.answersAfter(RING));

		CallSummary call = simulator
			.queueCall(InboundCall.from(scene.number()).talkingFor(TALK), "sales",
					List.of(scene.owner().extension(), colleague.extension()))
			.ended()
			.block(CALL);

		assertThat(call.answeredBy()).isEqualTo(colleague.extension());
		assertThat(rows.recorded(call.linkedid())).containsEntry("answered_by", colleague.id())
			.containsEntry("outcome", "ANSWERED");
		assertThat(rows.history(call.linkedid())).containsExactly("CALL_IN");
	}

	@Test
	void aCallerWhoHangsUpWhileRingingIsAMissedCallWithACallbackForTheOwner() {
		CallScene scene = scenes.aClient().ownerAvailable().ownersPhone(PhoneBehaviour.neverAnswers()).ready();

		CallSummary call = simulator
			.inboundCall(InboundCall.from(scene.number()).hangingUpAfter(Duration.ofMillis(700)))
			.ended()
			.block(CALL);

		assertThat(call.answered()).isFalse();
		assertThat(rows.recorded(call.linkedid())).containsEntry("outcome", "MISSED");
		assertThat(rows.history(call.linkedid())).containsExactly("CALL_MISSED");
		as(scene.owner().login()).get()
			.uri("/api/callbacks")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.callId == '" + call.linkedid() + "')].clientId")
			.isEqualTo((int) scene.client().id())
			.jsonPath("$[?(@.callId == '" + call.linkedid() + "')].overdue")
			.isEqualTo(false);
	}

	@Test
	void garbageAndUnknownEventsOnTheManagerInterfaceAreSurvived() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(RING).ready();
		simulator.sendRaw("this is not AMI\r\n\r\nEvent: SomethingNew\r\nWeird: yes\r\n\r\n:::\r\n\r\n"
				+ "Event: Newchannel\r\nChannel: broken\r\n\r\n");

		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(TALK)).ended().block(CALL);

		assertThat(rows.recorded(call.linkedid())).containsEntry("answered_by", scene.owner().id());
		assertThat(pbx.connected()).isTrue();
	}

	@Test
	void aPbxRestartMidCallEndsWithRingsideReconnectedAndTheCallStillRecorded() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(RING).ready();
		var call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofSeconds(4)));
		assertThat(call.answered().block(CALL)).isEqualTo(scene.owner().extension());

		simulator.stop();
		try {
			await().atMost(CALL).until(() -> !pbx.connected());
			web.get()
				.uri("/actuator/health/pbx")
				.exchange()
				.expectStatus()
				.is5xxServerError()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("DOWN");
		}
		finally {
			simulator.start();
		}
		await().atMost(CALL).until(pbx::connected);
		web.get()
			.uri("/actuator/health/pbx")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");

		CallSummary ended = call.ended().block(CALL);
		Map<String, Object> row = rows.recorded(ended.linkedid());
		assertThat(row).containsEntry("outcome", "ANSWERED").containsEntry("client_id", scene.client().id());
		assertThat(rows.history(ended.linkedid())).containsExactly("CALL_IN");
	}

	@Test
	void clickToCallDialsFromTheEmployeesPhoneAndIsRecordedAsAnOutboundCall() {
		CallScene scene = scenes.aClient().everyPhone(PhoneBehaviour.answersAfter(RING, Duration.ofSeconds(1))).ready();
		long client = scene.client().id();

		as(scene.owner().login()).post()
			.uri("/api/calls/originate")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("number", "8" + scene.number().substring(2)))
			.exchange()
			.expectStatus()
			.isAccepted();

		await().atMost(CALL)
			.untilAsserted(() -> assertThat(rows
				.count("select count(*) as n from calls where direction = 'OUTBOUND' and client_id = " + client))
				.isEqualTo(1));
		await().atMost(CALL)
			.untilAsserted(() -> assertThat(rows
				.count("select count(*) as n from interactions where kind = 'CALL_OUT' and client_id = " + client))
				.isEqualTo(1));
	}

	/**
	 * Issue #11: a call whose Hangup never reaches Ringside (lost with a PBX's hiccup) is
	 * ended when the PBX no longer lists any of its channels, and recorded once as what
	 * Ringside knew of it, with an unknown hangup cause.
	 */
	@Test
	void aCallWhoseHangupIsLostIsEndedByTheNextReconcileAndRecordedOnce() {
		CallScene scene = scenes.aClient().ready();
		String callId = "1790000000." + Math.abs(data.unique().hashCode());
		double before = meters.counter("ringside.calls.reconciled").count();
		simulator.sendRaw("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/trunk-0000abcd\r\n"
				+ "ChannelState: 4\r\nChannelStateDesc: Ring\r\nCallerIDNum: " + scene.number()
				+ "\r\nCallerIDName: <unknown>\r\n" + "Context: from-trunk\r\nExten: 100\r\nPriority: 1\r\nUniqueid: "
				+ callId + "\r\nLinkedid: " + callId + "\r\n\r\n");

		Map<String, Object> row = rows.recorded(callId);

		assertThat(row).containsEntry("outcome", "MISSED")
			.containsEntry("hangup_cause", 0)
			.containsEntry("client_id", scene.client().id());
		assertThat(rows.history(callId)).containsExactly("CALL_MISSED");
		assertThat(meters.counter("ringside.calls.reconciled").count()).isGreaterThan(before);
	}

}

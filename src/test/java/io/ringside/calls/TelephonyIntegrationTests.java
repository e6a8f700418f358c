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

import io.ringside.clients.Client;
import io.ringside.presence.Availability;
import io.ringside.presence.Presence;
import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.ScriptedPhones;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.team.Employee;
import io.ringside.team.Role;
import io.ringside.telephony.Pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole calls through real sockets: the PBX simulator speaks AMI to Ringside's Asterisk-Java connection and asks
 * Ringside's FastAGI server for routes; Ringside records into PostgreSQL and reads presence from Redis.
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
	Presence presence;

	@Autowired
	DatabaseClient db;

	@Autowired
	MeterRegistry meters;

	private Employee owner;

	private Employee head;

	private String number;

	private Client client;

	private ScriptedPhones phones;

	@BeforeEach
	void aClientWhoseOwnerAndHeadOfSalesHavePhones() {
		CallScene scene = scenes.aClient().ready();
		owner = scene.owner();
		head = scene.head();
		number = scene.number();
		client = scene.client();
		phones = scene.phones();
	}

	@Test
	void theOwnerWhoIsAvailableTakesTheCallAndItIsRecordedOnce() {
		presence.set(owner.login(), Availability.AVAILABLE).block(CALL);
		phones.set(owner.extension(), PhoneBehaviour.answersAfter(RING));

		CallSummary call = simulator.inboundCall(InboundCall.from(number).talkingFor(TALK)).ended().block(CALL);

		assertThat(call.answeredBy()).isEqualTo(owner.extension());
		assertThat(call.variables()).containsEntry("RINGSIDE_REASON", "OWNER");
		Map<String, Object> row = recorded(call.linkedid());
		assertThat(row).containsEntry("outcome", "ANSWERED")
			.containsEntry("answered_by", owner.id())
			.containsEntry("client_id", client.id())
			.containsEntry("direction", "INBOUND");
		assertReasons(call.linkedid(), "OWNER");
		assertThat(history(call.linkedid())).containsExactly("CALL_IN");
	}

	@Test
	void routesToHeadOfSalesWhenOwnerIsAway() {
		presence.set(owner.login(), Availability.AWAY).block(CALL);
		phones.set(owner.extension(), PhoneBehaviour.answersAfter(RING)).set(head.extension(),
				PhoneBehaviour.answersAfter(RING));

		CallSummary call = simulator.inboundCall(InboundCall.from(number).talkingFor(TALK)).ended().block(CALL);

		assertThat(call.answeredBy()).isEqualTo(head.extension());
		assertThat(recorded(call.linkedid())).containsEntry("answered_by", head.id());
		assertReasons(call.linkedid(), "OWNER_ABSENT");
		assertThat(history(call.linkedid())).containsExactly("CALL_IN");
	}

	@Test
	void routesToHeadOfSalesWhenOwnerDoesNotAnswerInTime() {
		presence.set(owner.login(), Availability.AVAILABLE).block(CALL);
		phones.set(owner.extension(), PhoneBehaviour.neverAnswers()).set(head.extension(),
				PhoneBehaviour.answersAfter(RING));

		CallSummary call = simulator.inboundCall(InboundCall.from(number).talkingFor(TALK)).ended().block(CALL);

		assertThat(call.answeredBy()).isEqualTo(head.extension());
		assertThat(call.dialStatuses()).containsExactly("NOANSWER", "ANSWER");
		assertReasons(call.linkedid(), "OWNER", "OWNER_NO_ANSWER");
		Map<String, Object> row = recorded(call.linkedid());
		assertThat(row).containsEntry("answered_by", head.id()).containsEntry("outcome", "ANSWERED");
		assertThat(String.valueOf(row.get("legs"))).contains(owner.extension()).contains("NOANSWER");
		assertThat(history(call.linkedid())).containsExactly("CALL_IN");
	}

	@Test
	void whenNobodyAnswersTheCallerLeavesAMessageAndTheOwnerOwesACallback() {
		presence.set(owner.login(), Availability.AVAILABLE).block(CALL);
		phones.set(owner.extension(), PhoneBehaviour.neverAnswers()).set(head.extension(),
				PhoneBehaviour.neverAnswers());

		CallSummary call = simulator.inboundCall(InboundCall.from(number)).ended().block(CALL);

		assertThat(call.answered()).isFalse();
		assertReasons(call.linkedid(), "OWNER", "OWNER_NO_ANSWER", "NO_ANSWER");
		assertThat(recorded(call.linkedid())).containsEntry("outcome", "MISSED").containsEntry("client_id", client.id());
		assertThat(history(call.linkedid())).containsExactly("CALL_MISSED");
		assertThat(count("select count(*) as n from callback_tasks where call_id = '" + call.linkedid()
				+ "' and owner_id = " + owner.id())).isEqualTo(1);
	}

	@Test
	void aBusyOwnerSendsTheCallToTheHeadOfSales() {
		presence.set(owner.login(), Availability.AVAILABLE).block(CALL);
		phones.set(owner.extension(), PhoneBehaviour.busy()).set(head.extension(), PhoneBehaviour.answersAfter(RING));

		CallSummary call = simulator.inboundCall(InboundCall.from(number).talkingFor(TALK)).ended().block(CALL);

		assertThat(call.answeredBy()).isEqualTo(head.extension());
		assertThat(call.dialStatuses()).containsExactly("BUSY", "ANSWER");
		assertThat(recorded(call.linkedid())).containsEntry("answered_by", head.id());
	}

	@Test
	void anUnknownCallerRingsTheLeadLineGroupWhereOneAnswersAndLeavesNoHistory() {
		List<Employee> lead = data.leadLine();
		phones.set(lead.get(1).extension(), PhoneBehaviour.answersAfter(RING));
		String stranger = data.uniqueMoscowNumber();

		CallSummary call = simulator.inboundCall(InboundCall.from(stranger).talkingFor(TALK)).ended().block(CALL);

		assertThat(call.answeredBy()).isEqualTo(lead.get(1).extension());
		assertReasons(call.linkedid(), "UNKNOWN_CALLER");
		Map<String, Object> row = recorded(call.linkedid());
		assertThat(row.get("client_id")).isNull();
		assertThat(row).containsEntry("caller_number", stranger).containsEntry("answered_by", lead.get(1).id());
		assertThat(String.valueOf(row.get("legs"))).contains(lead.get(0).extension())
			.contains(lead.get(2).extension())
			.contains("ANSWERED_ELSEWHERE");
		assertThat(history(call.linkedid())).isEmpty();
	}

	@Test
	void aBlindTransferIsOneCallWithItsTransferAndOneHistoryEntry() {
		presence.set(owner.login(), Availability.AVAILABLE).block(CALL);
		phones.set(owner.extension(), PhoneBehaviour.answersAfter(RING)).set(head.extension(),
				PhoneBehaviour.answersAfter(RING));
		var call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofSeconds(2)));
		assertThat(call.answered().block(CALL)).isEqualTo(owner.extension());

		assertThat(call.blindTransfer(head.extension()).block(CALL)).isTrue();
		CallSummary ended = call.ended().block(CALL);

		Map<String, Object> row = recorded(ended.linkedid());
		assertThat(String.valueOf(row.get("transfers"))).contains("BLIND");
		assertThat(history(ended.linkedid())).containsExactly("CALL_IN");
		assertThat(count("select count(*) as n from calls where client_id = " + client.id())).isEqualTo(1);
	}

	@Test
	void anAttendedTransferMergesIntoOneCallWithOneHistoryEntry() {
		presence.set(owner.login(), Availability.AVAILABLE).block(CALL);
		phones.set(owner.extension(), PhoneBehaviour.answersAfter(RING)).set(head.extension(),
				PhoneBehaviour.answersAfter(RING));
		var call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofSeconds(3)));
		assertThat(call.answered().block(CALL)).isEqualTo(owner.extension());

		assertThat(call.attendedTransfer(head.extension()).block(CALL)).isTrue();
		CallSummary ended = call.ended().block(CALL);

		Map<String, Object> row = recorded(ended.linkedid());
		assertThat(String.valueOf(row.get("transfers"))).contains("ATTENDED");
		await().during(Duration.ofSeconds(1)).atMost(CALL).untilAsserted(() -> assertThat(
				count("select count(*) as n from calls where client_id = " + client.id())).isEqualTo(1));
		assertThat(count("select count(*) as n from interactions where kind = 'CALL_IN' and client_id = "
				+ client.id())).isEqualTo(1);
	}

	@Test
	void aCallThroughAQueueIsAnsweredByTheMemberWhoPickedUp() {
		Employee colleague = data.employeeWithPhone(Role.MANAGER);
		phones.set(owner.extension(), PhoneBehaviour.neverAnswers()).set(colleague.extension(),
				PhoneBehaviour.answersAfter(RING));

		CallSummary call = simulator
			.queueCall(InboundCall.from(number).talkingFor(TALK), "sales",
					List.of(owner.extension(), colleague.extension()))
			.ended()
			.block(CALL);

		assertThat(call.answeredBy()).isEqualTo(colleague.extension());
		assertThat(recorded(call.linkedid())).containsEntry("answered_by", colleague.id())
			.containsEntry("outcome", "ANSWERED");
		assertThat(history(call.linkedid())).containsExactly("CALL_IN");
	}

	@Test
	void aCallerWhoHangsUpWhileRingingIsAMissedCallWithACallbackForTheOwner() {
		presence.set(owner.login(), Availability.AVAILABLE).block(CALL);
		phones.set(owner.extension(), PhoneBehaviour.neverAnswers());

		CallSummary call = simulator.inboundCall(InboundCall.from(number).hangingUpAfter(Duration.ofMillis(700)))
			.ended()
			.block(CALL);

		assertThat(call.answered()).isFalse();
		assertThat(recorded(call.linkedid())).containsEntry("outcome", "MISSED");
		assertThat(history(call.linkedid())).containsExactly("CALL_MISSED");
		as(owner.login()).get()
			.uri("/api/callbacks")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$[?(@.callId == '" + call.linkedid() + "')].clientId").isEqualTo((int) client.id())
			.jsonPath("$[?(@.callId == '" + call.linkedid() + "')].overdue").isEqualTo(false);
	}

	@Test
	void garbageAndUnknownEventsOnTheManagerInterfaceAreSurvived() {
		simulator.sendRaw("this is not AMI\r\n\r\nEvent: SomethingNew\r\nWeird: yes\r\n\r\n:::\r\n\r\n"
				+ "Event: Newchannel\r\nChannel: broken\r\n\r\n");
		presence.set(owner.login(), Availability.AVAILABLE).block(CALL);
		phones.set(owner.extension(), PhoneBehaviour.answersAfter(RING));

		CallSummary call = simulator.inboundCall(InboundCall.from(number).talkingFor(TALK)).ended().block(CALL);

		assertThat(recorded(call.linkedid())).containsEntry("answered_by", owner.id());
		assertThat(pbx.connected()).isTrue();
	}

	@Test
	void aPbxRestartMidCallEndsWithRingsideReconnectedAndTheCallStillRecorded() {
		presence.set(owner.login(), Availability.AVAILABLE).block(CALL);
		phones.set(owner.extension(), PhoneBehaviour.answersAfter(RING));
		var call = simulator.inboundCall(InboundCall.from(number).talkingFor(Duration.ofSeconds(4)));
		assertThat(call.answered().block(CALL)).isEqualTo(owner.extension());

		simulator.stop();
		try {
			await().atMost(CALL).until(() -> !pbx.connected());
			web.get().uri("/actuator/health/pbx").exchange().expectStatus().is5xxServerError()
				.expectBody().jsonPath("$.status").isEqualTo("DOWN");
		}
		finally {
			simulator.start();
		}
		await().atMost(CALL).until(pbx::connected);
		web.get().uri("/actuator/health/pbx").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");

		CallSummary ended = call.ended().block(CALL);
		Map<String, Object> row = recorded(ended.linkedid());
		assertThat(row).containsEntry("outcome", "ANSWERED").containsEntry("client_id", client.id());
		assertThat(history(ended.linkedid())).containsExactly("CALL_IN");
	}

	@Test
	void clickToCallDialsFromTheEmployeesPhoneAndIsRecordedAsAnOutboundCall() {
		phones.set(owner.extension(), PhoneBehaviour.answersAfter(RING, Duration.ofSeconds(1))).otherwise(
				PhoneBehaviour.answersAfter(RING, Duration.ofSeconds(1)));

		as(owner.login()).post()
			.uri("/api/calls/originate")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("number", "8" + number.substring(2)))
			.exchange()
			.expectStatus().isAccepted();

		await().atMost(CALL).untilAsserted(() -> assertThat(count(
				"select count(*) as n from calls where direction = 'OUTBOUND' and client_id = " + client.id()))
			.isEqualTo(1));
		await().atMost(CALL).untilAsserted(() -> assertThat(count(
				"select count(*) as n from interactions where kind = 'CALL_OUT' and client_id = " + client.id()))
			.isEqualTo(1));
	}

	/**
	 * Issue #11: a call whose Hangup never reaches Ringside (lost with a PBX's hiccup) is ended when the PBX no longer
	 * lists any of its channels, and recorded once as what Ringside knew of it, with an unknown hangup cause.
	 */
	@Test
	void aCallWhoseHangupIsLostIsEndedByTheNextReconcileAndRecordedOnce() {
		String callId = "1790000000." + Math.abs(data.unique().hashCode());
		double before = meters.counter("ringside.calls.reconciled").count();
		simulator.sendRaw("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/trunk-0000abcd\r\n"
				+ "ChannelState: 4\r\nChannelStateDesc: Ring\r\nCallerIDNum: " + number + "\r\nCallerIDName: <unknown>\r\n"
				+ "Context: from-trunk\r\nExten: 100\r\nPriority: 1\r\nUniqueid: " + callId + "\r\nLinkedid: " + callId
				+ "\r\n\r\n");

		Map<String, Object> row = recorded(callId);

		assertThat(row).containsEntry("outcome", "MISSED").containsEntry("hangup_cause", 0)
			.containsEntry("client_id", client.id());
		assertThat(history(callId)).containsExactly("CALL_MISSED");
		assertThat(meters.counter("ringside.calls.reconciled").count()).isGreaterThan(before);
	}

	private Map<String, Object> recorded(String callId) {
		await().atMost(CALL).until(() -> count("select count(*) as n from calls where id = '" + callId + "'") == 1);
		return db.sql("select * from calls where id = :id").bind("id", callId).fetch().one().block(CALL);
	}

	/** Decisions are recorded once announced, which may be just after the call ended: wait for them. */
	private void assertReasons(String callId, String... expected) {
		await().atMost(CALL).untilAsserted(() -> assertThat(reasons(callId)).containsExactly(expected));
	}

	private List<String> reasons(String callId) {
		return db.sql("select reason from route_decisions where call_id = :id order by decided_at, id")
			.bind("id", callId)
			.map(row -> row.get("reason", String.class))
			.all()
			.collectList()
			.block(CALL);
	}

	private List<String> history(String callId) {
		return db.sql("select kind from interactions where call_id = :id")
			.bind("id", callId)
			.map(row -> row.get("kind", String.class))
			.all()
			.collectList()
			.block(CALL);
	}

	private long count(String sql) {
		return db.sql(sql).map(row -> row.get("n", Long.class)).one().block(CALL);
	}

}

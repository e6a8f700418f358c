package io.ringside.calls;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.ringside.presence.DeviceState;
import io.ringside.presence.Presence;
import io.ringside.simulator.CallSummary;
import io.ringside.simulator.InboundCall;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.SimulatedCall;
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;
import io.ringside.telephony.Pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A phone whose end of call never reached Ringside (the PBX dropped a connection that
 * read too slowly, or restarted) is freed once the PBX's channel list shows it without a
 * channel, so its owner gets their clients' calls again instead of the head of sales for
 * good; one that went on a call while Ringside was not connected is known busy from the
 * PBX's list of device states once it is.
 */
class LostPhoneStatesIntegrationTests extends IntegrationTest {

	private static final Duration CALL = Duration.ofSeconds(30);

	private static final Duration RING = Duration.ofMillis(300);

	@Autowired
	PbxSimulator simulator;

	@Autowired
	Presence presence;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Pbx pbx;

	@Test
	void aPhoneLeftTalkingByALostEventIsFreedByTheNextReconcileAndTakesItsCallsAgain() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(RING).headAnswersAfter(RING).ready();
		String phone = scene.owner().extension();
		double freedBefore = meters.counter("ringside.phones.freed").count();
		// The PBX said the phone went on a call; that it hung up was lost.
		simulator.sendRaw(
				"Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: " + phone + "\r\nState: INUSE\r\n\r\n");

		// Busy until the next reconcile (every second in tests), which may come at once:
		// how long it shows INUSE is not for the test to catch, that it was freed is.
		await().atMost(CALL).until(() -> meters.counter("ringside.phones.freed").count() > freedBefore);
		await().atMost(CALL).until(() -> presence.deviceState(phone).block(CALL) == DeviceState.NOT_INUSE);

		CallSummary call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(RING)).ended().block(CALL);
		assertThat(call.answeredBy()).isEqualTo(phone);
		assertThat(call.variables()).containsEntry("RINGSIDE_REASON", "OWNER");
	}

	@Test
	void aPhoneThatWentOnACallWhileRingsideWasNotConnectedIsKnownBusyOnceItIs() {
		CallScene scene = scenes.aClient()
			.ownerAvailable()
			.everyPhone(PhoneBehaviour.answersAfter(RING, Duration.ofMinutes(2)))
			.ready();
		String phone = scene.owner().extension();
		SimulatedCall call;
		simulator.stop();
		try {
			await().atMost(CALL).until(() -> !pbx.connected());
			// The PBX goes on without Ringside: the phone's DeviceStateChange reaches
			// nobody.
			call = simulator.outboundCall(phone, "84951234567", Duration.ofMinutes(2));
			assertThat(call.answered().block(CALL)).isNotNull();
		}
		finally {
			simulator.start();
		}
		await().atMost(CALL).until(pbx::connected);

		// The reconciles would free it (no channel, no ledger entry): only the PBX's
		// list of device states tells it is on a call.
		await().atMost(CALL).until(() -> presence.deviceState(phone).block(CALL) == DeviceState.INUSE);
		call.hangup().block(CALL);
		await().atMost(CALL).until(() -> presence.deviceState(phone).block(CALL) == DeviceState.NOT_INUSE);
	}

	@Test
	void ringsideAsksThePbxForOnlyTheEventsItReads() {
		await().atMost(CALL).until(() -> simulator.filteredClients() >= 1);
	}

	@Test
	void aPhoneTalkingOnAChannelThePbxListsStaysBusy() {
		CallScene scene = scenes.aClient().ownerAvailable().ownerAnswersAfter(RING).ready();
		String phone = scene.owner().extension();
		var call = simulator.inboundCall(InboundCall.from(scene.number()).talkingFor(Duration.ofSeconds(4)));
		assertThat(call.answered().block(CALL)).isEqualTo(phone);
		await().atMost(CALL).until(() -> presence.deviceState(phone).block(CALL) == DeviceState.INUSE);

		// Reconciles run every second in tests: across three of them, the phone stays
		// busy.
		await().during(Duration.ofMillis(2500))
			.atMost(Duration.ofSeconds(3))
			.until(() -> presence.deviceState(phone).block(CALL) == DeviceState.INUSE);
		call.ended().block(CALL);
	}

}

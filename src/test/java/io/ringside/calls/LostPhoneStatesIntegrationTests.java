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
import io.ringside.support.CallScene;
import io.ringside.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A phone whose end of call never reached Ringside (the PBX dropped a connection that
 * read too slowly, or restarted) is freed once the PBX's channel list shows it without a
 * channel, so its owner gets their clients' calls again instead of the head of sales for
 * good.
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

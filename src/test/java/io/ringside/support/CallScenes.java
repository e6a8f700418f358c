package io.ringside.support;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestComponent;

import io.ringside.presence.Presence;
import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.ScriptedPhones;
import io.ringside.team.Employees;
import io.ringside.telephony.Pbx;

import static org.awaitility.Awaitility.await;

/**
 * Where integration tests get their {@link CallScene}s: the application's own services
 * and the PBX simulator, as one bean of the test's context ({@link IntegrationTest}
 * imports it). Called from the test thread.
 */
@TestComponent
public class CallScenes {

	final TestData data;

	final Employees employees;

	private final ObjectProvider<PbxSimulator> simulators;

	final Pbx pbx;

	final Presence presence;

	/**
	 * An instance connected to another's PBX ({@code ringside.pbx.mode=asterisk}) has no
	 * simulator of its own.
	 */
	CallScenes(TestData data, Employees employees, ObjectProvider<PbxSimulator> simulators, Pbx pbx,
			Presence presence) {
		this.data = data;
		this.employees = employees;
		this.simulators = simulators;
		this.pbx = pbx;
		this.presence = presence;
	}

	/**
	 * A client with a number of their own, owned by a manager with a phone, and by
	 * default a head of sales with a phone too; say what else the scene needs, then
	 * {@link CallScene.Builder#ready()}.
	 */
	public CallScene.Builder aClient() {
		return new CallScene.Builder(this);
	}

	/**
	 * Only phones: the simulator's phones all behave so (change them on the result), and
	 * the PBX connection is up when this returns.
	 */
	public ScriptedPhones phones(PhoneBehaviour everyPhone) {
		ScriptedPhones phones = new ScriptedPhones(everyPhone);
		simulator().phones(phones);
		await().atMost(CallScene.WAIT).until(pbx::connected);
		return phones;
	}

	PbxSimulator simulator() {
		return simulators.getObject();
	}

}

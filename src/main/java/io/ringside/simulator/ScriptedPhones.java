package io.ringside.simulator;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phones whose behaviour a test or the demo sets device by device; any other device
 * behaves as the default. Safe to change from any thread while calls run.
 */
public final class ScriptedPhones implements SimulatedPhones {

	private final Map<String, PhoneBehaviour> scripted = new ConcurrentHashMap<>();

	private volatile PhoneBehaviour otherwise;

	public ScriptedPhones(PhoneBehaviour otherwise) {
		this.otherwise = Objects.requireNonNull(otherwise, "otherwise");
	}

	public ScriptedPhones set(String device, PhoneBehaviour behaviour) {
		scripted.put(device, Objects.requireNonNull(behaviour, "behaviour"));
		return this;
	}

	public ScriptedPhones otherwise(PhoneBehaviour behaviour) {
		this.otherwise = Objects.requireNonNull(behaviour, "behaviour");
		return this;
	}

	public ScriptedPhones reset(String device) {
		scripted.remove(device);
		return this;
	}

	@Override
	public PhoneBehaviour behaviourOf(String device) {
		return scripted.getOrDefault(device, otherwise);
	}

}

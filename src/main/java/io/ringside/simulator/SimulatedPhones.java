package io.ringside.simulator;

import java.time.Duration;

/**
 * Decides how each simulated device behaves when the PBX calls it. A device is what a
 * dial string names: {@code PJSIP/101} for an extension, {@code PJSIP/+4930123456@trunk}
 * for an outside number.
 * <p>
 * Called on the PBX core thread, once per call attempt; it must return at once and never
 * block.
 */
@FunctionalInterface
public interface SimulatedPhones {

	PhoneBehaviour behaviourOf(String device);

	/** Every phone answers after the same ring time. */
	static SimulatedPhones answeringAfter(Duration ringTime) {
		PhoneBehaviour behaviour = PhoneBehaviour.answersAfter(ringTime);
		return device -> behaviour;
	}

}

package io.ringside.rules;

import java.time.Duration;

/**
 * One step of a tier's routing chain: who rings, and for how long before the next step.
 */
public record ChainStep(Step step, Duration ringTime) {

	/** Whom a step rings. */
	public enum Step {

		/** The client's owner. */
		OWNER,
		/** The owner's deputy. */
		DEPUTY,
		/** The head of sales. */
		HEAD_OF_SALES,
		/** The lead line ({@code ringside.routing.lead-line}). */
		LEAD_LINE

	}

}

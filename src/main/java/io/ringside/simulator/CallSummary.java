package io.ringside.simulator;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How a simulated call ended.
 *
 * @param linkedid the call's Linkedid (the first channel's Uniqueid)
 * @param answeredBy the device that answered last (after a transfer, the transfer
 * target), or null
 * @param dialStatuses every DIALSTATUS in order, e.g. [NOANSWER, ANSWER]
 * @param variables the first channel's variables when it hung up (RINGSIDE_TARGET,
 * RINGSIDE_REASON, AGISTATUS...)
 */
public record CallSummary(String linkedid, @Nullable String answeredBy, List<String> dialStatuses,
		Map<String, String> variables) {

	public boolean answered() {
		return answeredBy != null;
	}

}

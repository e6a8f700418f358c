package io.ringside.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * What the core knows about one scenario run: its channels, answers and outcome. Owned by
 * the PBX core thread.
 */
final class CallRecord {

	final String linkedid;

	final CompletableFuture<String> answered = new CompletableFuture<>();

	final CompletableFuture<CallSummary> ended = new CompletableFuture<>();

	final List<String> dialStatuses = new ArrayList<>();

	final Set<SimulatedChannel> live = new HashSet<>();

	@Nullable SimulatedChannel caller;

	@Nullable SimulatedChannel agent;

	boolean fallbackUsed;

	/** The file the call is recorded into, once {@link MixMonitor} started; else null. */
	@Nullable String recordingFile;

	CallRecord(String linkedid) {
		this.linkedid = linkedid;
	}

	void joined(SimulatedChannel channel) {
		live.add(channel);
	}

	void left(SimulatedChannel channel) {
		live.remove(channel);
		if (live.isEmpty() && !ended.isDone()) {
			Map<String, String> vars = caller == null ? Map.of() : Map.copyOf(caller.vars);
			String by = agent == null ? null : agent.device;
			answered.complete(by);
			ended.complete(new CallSummary(linkedid, by, List.copyOf(dialStatuses), vars));
		}
	}

}

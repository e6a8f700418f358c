package io.ringside.simulator;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.BaseAgiScript;

/**
 * A stand-in for Ringside's router, run by Asterisk-Java's own DefaultAgiServer: each
 * request takes the next target from a list, sets RINGSIDE_TARGET and RINGSIDE_REASON,
 * and reads back what the channel says (on the AGI server's worker threads, hence the
 * concurrent collections).
 */
final class RoutingScript extends BaseAgiScript {

	final Queue<String> targets = new ConcurrentLinkedQueue<>();

	final List<AgiRequest> requests = new CopyOnWriteArrayList<>();

	final List<Map<String, String>> readBack = new CopyOnWriteArrayList<>();

	RoutingScript(String... targets) {
		this.targets.addAll(List.of(targets));
	}

	@Override
	public void service(AgiRequest request, AgiChannel channel) throws AgiException {
		requests.add(request);
		String target = targets.poll();
		if (target != null) {
			channel.setVariable("RINGSIDE_TARGET", target);
			channel.setVariable("RINGSIDE_REASON", request.getArguments().length > 0 ? "NEXT_IN_LINE" : "OWNER");
		}
		String linkedid = channel.getFullVariable("${CHANNEL(linkedid)}");
		String routed = channel.getVariable("RINGSIDE_TARGET");
		String missing = channel.getVariable("NOT_SET_ANYWHERE");
		channel.verbose("routed to " + routed, 1);
		readBack.add(Map.of("linkedid", String.valueOf(linkedid), "target", String.valueOf(routed), "missing",
				String.valueOf(missing)));
	}

}

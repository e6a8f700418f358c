package io.ringside.routing.agi;

import java.time.Duration;
import java.util.Arrays;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.BaseAgiScript;

import io.ringside.routing.RouteDecision;
import io.ringside.routing.RouteReason;
import io.ringside.routing.RouteRequest;
import io.ringside.routing.RouteRequest.Attempt;
import io.ringside.routing.Router;

/**
 * {@code AGI(agi://ringside:4573/route)} and {@code AGI(agi://ringside:4573/route,noanswer)}: asks the
 * {@link Router} where the call goes and answers by setting {@code RINGSIDE_TARGET}, {@code RINGSIDE_REASON} and
 * {@code RINGSIDE_RING_TIMEOUT} on the channel.
 * <p>
 * Runs on Asterisk-Java's FastAGI worker threads, which exist to block: waiting for the router's answer here is
 * their purpose, and the router itself answers within {@code ringside.routing.answer-within}.
 */
class RouteScript extends BaseAgiScript {

	private static final Log log = LogFactory.getLog(RouteScript.class);

	static final String TARGET = "RINGSIDE_TARGET";

	static final String REASON = "RINGSIDE_REASON";

	static final String RING_TIMEOUT = "RINGSIDE_RING_TIMEOUT";

	private final Router router;

	private final Duration wait;

	private final Duration ringTimeout;

	RouteScript(Router router, Duration answerWithin, Duration ringTimeout) {
		this.router = router;
		this.wait = answerWithin.plusSeconds(1);
		this.ringTimeout = ringTimeout;
	}

	@Override
	public void service(AgiRequest request, AgiChannel channel) throws AgiException {
		Attempt attempt = Arrays.asList(request.getArguments()).contains("noanswer") ? Attempt.NO_ANSWER : Attempt.FIRST;
		RouteReason previous = attempt == Attempt.NO_ANSWER ? reason(channel.getVariable(REASON)) : null;
		String linkedId = channel.getFullVariable("${CHANNEL(linkedid)}");
		String callId = linkedId == null || linkedId.isBlank() ? request.getUniqueId() : linkedId;
		String dialed = request.getDnid() == null || request.getDnid().isBlank() || "unknown".equals(request.getDnid())
				? request.getExtension() : request.getDnid();
		RouteRequest routeRequest = new RouteRequest(callId, request.getCallerIdNumber(), dialed, attempt, previous);
		RouteDecision decision = router.route(routeRequest).block(wait);
		if (decision == null) {
			log.warn("No route for call " + callId + "; the dialplan's safety path takes it");
			return;
		}
		channel.setVariable(TARGET, decision.target());
		channel.setVariable(REASON, decision.reason().name());
		channel.setVariable(RING_TIMEOUT, Long.toString(ringTimeout.toSeconds()));
	}

	private static RouteReason reason(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return RouteReason.valueOf(value.trim());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}

package io.ringside.routing.agi;

import java.time.Duration;
import java.util.Arrays;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.BaseAgiScript;
import org.jspecify.annotations.Nullable;

import io.ringside.routing.RouteDecision;
import io.ringside.routing.RouteReason;
import io.ringside.routing.RouteRequest;
import io.ringside.routing.RouteRequest.Attempt;
import io.ringside.routing.Router;

/**
 * {@code AGI(agi://ringside:4573/route)} and
 * {@code AGI(agi://ringside:4573/route,noanswer)}: asks the {@link Router} where the call
 * goes and answers by setting {@code RINGSIDE_TARGET}, {@code RINGSIDE_REASON} and
 * {@code RINGSIDE_RING_TIMEOUT} on the channel.
 * <p>
 * Every AGI command is a round trip the caller waits for, so a request costs two: one
 * {@code GET FULL VARIABLE} for the Linkedid (and, on {@code noanswer}, the previous
 * {@code RINGSIDE_REASON} in the same expression), one {@code EXEC MSet} for the three
 * variables. The router's reads start before the first (the caller's number is in the
 * request's headers), and the decision is announced to the rest of Ringside after the
 * second.
 * <p>
 * Runs on Asterisk-Java's FastAGI worker threads, which exist to block: waiting for the
 * router's answer here is their purpose, and the router itself answers within
 * {@code ringside.routing.answer-within}.
 */
class RouteScript extends BaseAgiScript {

	private static final Log log = LogFactory.getLog(RouteScript.class);

	static final String TARGET = "RINGSIDE_TARGET";

	static final String REASON = "RINGSIDE_REASON";

	static final String RING_TIMEOUT = "RINGSIDE_RING_TIMEOUT";

	/**
	 * The caller's priority for {@code QUEUE_PRIO}: 10 for a HIGH tier, 0 for NORMAL.
	 */
	static final String PRIORITY = "RINGSIDE_PRIORITY";

	/**
	 * Between the Linkedid and the previous reason in one GET FULL VARIABLE; neither can
	 * contain it.
	 */
	private static final String SEPARATOR = "|";

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
		Attempt attempt = Arrays.asList(request.getArguments()).contains("noanswer") ? Attempt.NO_ANSWER
				: Attempt.FIRST;
		// The caller's number is in the request's headers: the reads start now, while the
		// channel is asked the rest.
		Router.Lookup lookup = router.lookUp(request.getCallerIdNumber(), attempt);
		// One round trip for what the channel knows: its Linkedid and, on a retry, the
		// reason of the last answer.
		String[] known = split(channel.getFullVariable(attempt == Attempt.NO_ANSWER
				? "${CHANNEL(linkedid)}" + SEPARATOR + "${" + REASON + "}" : "${CHANNEL(linkedid)}"));
		RouteReason previous = attempt == Attempt.NO_ANSWER ? reason(known[1]) : null;
		String linkedId = known[0];
		String callId = linkedId == null || linkedId.isBlank() ? request.getUniqueId() : linkedId;
		String dialed = request.getDnid() == null || request.getDnid().isBlank() || "unknown".equals(request.getDnid())
				? request.getExtension() : request.getDnid();
		RouteRequest routeRequest = new RouteRequest(callId, request.getCallerIdNumber(), dialed, attempt, previous);
		Router.Decided decided = router.decide(routeRequest, lookup).block(wait);
		if (decided == null) {
			log.warn("No route for call " + callId + "; the dialplan's safety path takes it");
			return;
		}
		RouteDecision decision = decided.decision();
		try {
			answer(channel, decision.target(), decision.reason().name(), Long.toString(ringTimeout.toSeconds()),
					Integer.toString(decided.rule().priority().queuePriority()));
		}
		finally {
			// Only now: the pop, the recording and the board it sets off no longer
			// compete with the answer.
			decided.announce();
		}
	}

	/**
	 * Sets the four variables in one round trip ({@code EXEC MSet}, which Asterisk
	 * documents since 13.8) when their values are {@link #plain}, otherwise (an empty
	 * target, an odd lead line) one {@code SET VARIABLE} each.
	 */
	static void answer(AgiChannel channel, String target, String reason, String ringTimeout, String priority)
			throws AgiException {
		if (plain(target) && plain(reason) && plain(ringTimeout) && plain(priority)) {
			channel.exec("MSet", TARGET + "=" + target + "," + REASON + "=" + reason + "," + RING_TIMEOUT + "="
					+ ringTimeout + "," + PRIORITY + "=" + priority);
		}
		else {
			channel.setVariable(TARGET, target);
			channel.setVariable(REASON, reason);
			channel.setVariable(RING_TIMEOUT, ringTimeout);
			channel.setVariable(PRIORITY, priority);
		}
	}

	/**
	 * Whether MSet takes the value as it is: not empty, and no separator, quote, escape
	 * or white space for it to interpret.
	 */
	static boolean plain(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ',' || c == '|' || c == '"' || c == '\\' || c == '$' || c == '=' || Character.isWhitespace(c)
					|| Character.isISOControl(c)) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable String[] split(@Nullable String values) {
		@Nullable String[] known = { null, null };
		if (values != null) {
			int at = values.indexOf(SEPARATOR);
			known[0] = at < 0 ? values : values.substring(0, at);
			known[1] = at < 0 ? null : values.substring(at + SEPARATOR.length());
		}
		return known;
	}

	private static @Nullable RouteReason reason(@Nullable String value) {
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

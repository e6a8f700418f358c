package io.ringside.routing.agi;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

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
import io.ringside.rules.ChainStep.Step;

/**
 * {@code AGI(agi://ringside:4573/route)} and
 * {@code AGI(agi://ringside:4573/route,noanswer)}: asks the {@link Router} where the call
 * goes and answers by setting {@code RINGSIDE_TARGET}, {@code RINGSIDE_REASON},
 * {@code RINGSIDE_RING_TIMEOUT} (the chain step's ring time), {@code RINGSIDE_PRIORITY}
 * and {@code RINGSIDE_STEP} (the chain's step, {@code NONE} outside a chain) on the
 * channel.
 * <p>
 * Every AGI command is a round trip the caller (and the pop, announced after the last)
 * waits for, so a first request costs one: {@code EXEC MSet} for the variables, the
 * Linkedid coming in the request's URL ({@code route?linkedid=${CHANNEL(linkedid)}}, as
 * the shipped dialplans write it). A dialplan without it costs one more, a
 * {@code GET FULL VARIABLE} for the Linkedid first, and so does {@code noanswer}, which
 * reads the previous {@code RINGSIDE_REASON} and {@code RINGSIDE_STEP} in the same
 * expression. The router's reads start before either (the caller's number is in the
 * request's headers), and the decision is announced to the rest of Ringside after the
 * variables are set.
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
	 * The step of the chain the target is, read back on {@code noanswer} to go on after
	 * it.
	 */
	static final String STEP = "RINGSIDE_STEP";

	/** {@link #STEP} of a decision outside the chain (MSet takes no empty value). */
	static final String NO_STEP = "NONE";

	/**
	 * The request URL's parameter that carries the call's Linkedid
	 * ({@code route?linkedid=${CHANNEL(linkedid)}}), sparing the round trip that asks for
	 * it.
	 */
	static final String LINKEDID = "linkedid";

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
		// The dialplan gives the Linkedid in the request's URL (route?linkedid=...); an
		// older one does not, and the channel is asked: one round trip for what it knows,
		// its Linkedid and, on a retry, the reason and step of the last answer.
		String given = attempt == Attempt.FIRST ? linkedIdParameter(request) : null;
		String[] known = given != null ? new String[] { given, null, null }
				: split(channel.getFullVariable(attempt == Attempt.NO_ANSWER
						? "${CHANNEL(linkedid)}" + SEPARATOR + "${" + REASON + "}" + SEPARATOR + "${" + STEP + "}"
						: "${CHANNEL(linkedid)}"));
		RouteReason previous = attempt == Attempt.NO_ANSWER ? reason(known[1]) : null;
		Step previousStep = attempt == Attempt.NO_ANSWER ? step(known[2]) : null;
		String linkedId = known[0];
		String callId = linkedId == null || linkedId.isBlank() ? request.getUniqueId() : linkedId;
		String dialed = request.getDnid() == null || request.getDnid().isBlank() || "unknown".equals(request.getDnid())
				? request.getExtension() : request.getDnid();
		RouteRequest routeRequest = new RouteRequest(callId, request.getCallerIdNumber(), dialed, attempt, previous,
				previousStep);
		Router.Decided decided = router.decide(routeRequest, lookup).block(wait);
		if (decided == null) {
			log.warn("No route for call " + callId + "; the dialplan's safety path takes it");
			return;
		}
		RouteDecision decision = decided.decision();
		try {
			Duration ring = decision.ringTime() == null ? ringTimeout : decision.ringTime();
			Map<String, String> variables = new LinkedHashMap<>();
			variables.put(TARGET, decision.target());
			variables.put(REASON, decision.reason().name());
			variables.put(RING_TIMEOUT, Long.toString(ring.toSeconds()));
			variables.put(PRIORITY, Integer.toString(decided.rule().priority().queuePriority()));
			variables.put(STEP, decision.step() == null ? NO_STEP : decision.step().name());
			answer(channel, variables);
		}
		finally {
			// Only now: the pop, the recording and the board it sets off no longer
			// compete with the answer.
			decided.announce();
		}
	}

	/**
	 * Sets the variables, in their order, in one round trip ({@code EXEC MSet}, which
	 * Asterisk documents since 13.8) when their values are {@link #plain}, otherwise (an
	 * empty target, an odd lead line) one {@code SET VARIABLE} each.
	 */
	static void answer(AgiChannel channel, Map<String, String> variables) throws AgiException {
		if (variables.values().stream().allMatch(RouteScript::plain)) {
			StringJoiner pairs = new StringJoiner(",");
			variables.forEach((name, value) -> pairs.add(name + "=" + value));
			channel.exec("MSet", pairs.toString());
		}
		else {
			for (Map.Entry<String, String> variable : variables.entrySet()) {
				channel.setVariable(variable.getKey(), variable.getValue());
			}
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

	/**
	 * The {@code linkedid} parameter of the request's URL, when it looks like one (a
	 * call's id fits 64 characters of letters, digits, dots, dashes and underscores);
	 * null otherwise, and the channel is asked.
	 */
	static @Nullable String linkedIdParameter(AgiRequest request) {
		String value = request.getParameter(LINKEDID);
		if (value == null || value.isEmpty() || value.length() > 64) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(Character.isLetterOrDigit(c) && c < 128) && c != '.' && c != '-' && c != '_') {
				return null;
			}
		}
		return value;
	}

	private static @Nullable String[] split(@Nullable String values) {
		@Nullable String[] known = { null, null, null };
		if (values != null) {
			String[] parts = values.split(Pattern.quote(SEPARATOR), -1);
			for (int i = 0; i < known.length && i < parts.length; i++) {
				known[i] = parts[i];
			}
		}
		return known;
	}

	private static @Nullable Step step(@Nullable String value) {
		if (value == null || value.isBlank() || NO_STEP.equals(value.trim())) {
			return null;
		}
		try {
			return Step.valueOf(value.trim());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
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

package io.ringside.simulator;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The inbound context of Ringside's Asterisk, as in
 * {@code asterisk-config/extensions.conf}:
 *
 * <pre>
 * [from-trunk]
 * exten => _X.,1,AGI(agi://ringside:4573/route?linkedid=${CHANNEL(linkedid)})
 *  same => n(dial),Dial(${RINGSIDE_TARGET},${RINGSIDE_RING_TIMEOUT}) ; a ring group when the target has '&amp;'
 *  same => n,GotoIf($["${DIALSTATUS}" = "ANSWER"]?done)
 *  same => n,Set(RINGSIDE_TARGET=)
 *  same => n,AGI(agi://ringside:4573/route,noanswer)
 *  same => n,Goto(dial)
 * ; safety path: AGISTATUS=FAILURE or no RINGSIDE_TARGET -> Dial(${FALLBACK_GROUP}) once, then Hangup()
 * ; RINGSIDE_REASON=NO_ANSWER and no target -> VoiceMail
 * </pre>
 *
 * Core thread only; the AGI conversations themselves run on FastAGI threads
 * ({@link AgiApplication}).
 */
final class InboundRouting {

	/**
	 * Dial rounds before the safety path takes over, so a router that keeps naming absent
	 * phones cannot loop.
	 */
	private static final int MAX_ROUTES = 6;

	private static final Duration VOICEMAIL_MESSAGE = Duration.ofSeconds(2);

	private final SimulatedExchange exchange;

	private final Callers callers;

	private final AgiApplication agi;

	private final Conversations conversations;

	InboundRouting(SimulatedExchange exchange, Callers callers, AgiApplication agi, Conversations conversations) {
		this.exchange = exchange;
		this.callers = callers;
		this.agi = agi;
		this.conversations = conversations;
	}

	/** The call arrives on the trunk and enters [from-trunk]. */
	void enter(CallRecord call, InboundCall spec) {
		route(call, callers.arrive(call, spec), spec, null, 0);
	}

	private void route(CallRecord call, SimulatedChannel trunk, InboundCall spec, @Nullable String argument,
			int round) {
		if (trunk.hungUp) {
			return;
		}
		if (argument != null) {
			exchange.channels.setVariable(trunk, "RINGSIDE_TARGET", "");
		}
		agi.agi(trunk, argument).thenAccept(reached -> {
			if (trunk.hungUp) {
				return;
			}
			String target = trunk.vars.getOrDefault("RINGSIDE_TARGET", "");
			if (reached && target.isBlank() && "NO_ANSWER".equals(trunk.vars.get("RINGSIDE_REASON"))) {
				voicemail(trunk);
				return;
			}
			if (!reached || target.isBlank() || round >= MAX_ROUTES) {
				safetyPath(call, trunk, spec);
				return;
			}
			Duration timeout = ringTimeout(trunk);
			exchange.channels.enterApplication(trunk, "Dial", target + "," + timeout.toSeconds());
			exchange.dialing.dial(trunk, target, timeout, null).thenAccept(result -> {
				switch (result.status()) {
					case "ANSWER" -> conversations.connect(call, trunk, result.winner(), spec.talkTime());
					case "CANCEL" -> {
					}
					default -> route(call, trunk, spec, "noanswer", round + 1);
				}
			});
		});
	}

	/**
	 * {@code Dial(${RINGSIDE_TARGET},${RINGSIDE_RING_TIMEOUT})}: the ring time Ringside
	 * set, in seconds; the configured one when it set none Dial could read.
	 */
	private Duration ringTimeout(SimulatedChannel trunk) {
		String seconds = trunk.vars.get("RINGSIDE_RING_TIMEOUT");
		try {
			return seconds == null ? exchange.config.ringTimeout() : Duration.ofSeconds(Long.parseLong(seconds.trim()));
		}
		catch (NumberFormatException notSeconds) {
			return exchange.config.ringTimeout();
		}
	}

	/**
	 * No lost calls: when routing fails the fallback group rings once, then the call
	 * ends.
	 */
	private void safetyPath(CallRecord call, SimulatedChannel trunk, InboundCall spec) {
		String group = exchange.config.fallbackGroup();
		if (call.fallbackUsed || group.isBlank()) {
			exchange.channels.hangupApplication(trunk);
			return;
		}
		call.fallbackUsed = true;
		Duration timeout = exchange.config.ringTimeout();
		exchange.channels.setVariable(trunk, "RINGSIDE_REASON", "FALLBACK");
		exchange.channels.enterApplication(trunk, "Dial", group + "," + timeout.toSeconds());
		exchange.dialing.dial(trunk, group, timeout, null).thenAccept(result -> {
			if ("ANSWER".equals(result.status())) {
				conversations.connect(call, trunk, result.winner(), spec.talkTime());
			}
			else if (!"CANCEL".equals(result.status())) {
				exchange.channels.hangupApplication(trunk);
			}
		});
	}

	/**
	 * Nobody is left to ring ({@code RINGSIDE_REASON=NO_ANSWER}): as in asterisk-config's
	 * {@code [ringside-voicemail]}, VoiceMail answers the caller itself (the channel goes
	 * Up without a person answering) and the caller hangs up after leaving a message.
	 */
	private void voicemail(SimulatedChannel trunk) {
		exchange.channels.enterApplication(trunk, "VoiceMail", "sales@ringside,u");
		exchange.channels.setState(trunk, SimulatedChannel.UP);
		exchange.time.after(VOICEMAIL_MESSAGE, () -> exchange.channels.hangupApplication(trunk));
	}

}

package io.ringside.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Dial(): rings one leg per target of a dial string, first to answer wins, the others are
 * cancelled; busy and unregistered phones fail the way chan_pjsip reports them. It does
 * not bridge: what happens after an answer is the dialplan's business. Core thread only;
 * results complete there too.
 */
final class Dialing {

	/**
	 * How long after Dial() a reachable phone reports ringing, and a busy one reports
	 * busy.
	 */
	static final Duration SIGNALLING_DELAY = Duration.ofMillis(60);

	private final CoreTime time;

	private final CoreEvents events;

	private final Channels channels;

	private final Supplier<SimulatedPhones> phones;

	Dialing(CoreTime time, CoreEvents events, Channels channels, Supplier<SimulatedPhones> phones) {
		this.time = time;
		this.events = events;
		this.channels = channels;
		this.phones = phones;
	}

	/**
	 * @param answered the channel that answered, null unless the status is ANSWER
	 */
	record DialResult(String status, @Nullable SimulatedChannel answered) {

		/** The channel that answered, for a result whose status is ANSWER. */
		SimulatedChannel winner() {
			// Dial.answer is the one place that finishes with ANSWER, and it passes the
			// leg that won
			return Objects.requireNonNull(answered, () -> "no channel answered: " + status);
		}

	}

	/**
	 * Dial(dialString, timeout) from the caller's channel: one leg per
	 * {@code &}-separated target, first to answer wins and the others are cancelled with
	 * cause 26. The future completes on the core thread, so continuations attached with
	 * thenAccept run there too.
	 * @param onLegCreated sees each new outgoing channel before DialBegin (Queue() raises
	 * AgentCalled there)
	 */
	CompletableFuture<DialResult> dial(SimulatedChannel caller, String dialString, Duration timeout,
			@Nullable Consumer<SimulatedChannel> onLegCreated) {
		Dial dial = new Dial(caller);
		caller.dialing = dial;
		boolean sawUnavailable = false;
		for (String part : dialString.split("&")) {
			if (part.isBlank()) {
				continue;
			}
			Target target = Target.parse(part);
			PhoneBehaviour behaviour = phones.get().behaviourOf(target.dialString());
			if (behaviour.kind() == PhoneBehaviour.Kind.UNAVAILABLE) {
				// An unregistered endpoint cannot be requested: no channel, no DialBegin,
				// just CHANUNAVAIL.
				sawUnavailable = true;
				channels.refreshDevice(target.device());
				continue;
			}
			SimulatedChannel callee = channels.newChannel(channels.nextName(target.device()), channels.nextUniqueid(),
					caller.linkedid, target.device(), caller.call, SimulatedChannel.DOWN, target.number(), null,
					"from-internal", target.number());
			callee.behaviour = behaviour;
			callee.application = "AppDial";
			callee.appData = "(Outgoing Line)";
			channels.setConnectedLine(callee, caller.callerNum, caller.callerName);
			if (onLegCreated != null) {
				onLegCreated.accept(callee);
			}
			events.emit(events.dialEvent("DialBegin", caller, callee).add("DialString", target.resource()));
			// The endpoint reports its own caller id once requested, as chan_pjsip does
			// (capture 01).
			events.emit(events.channelEvent("NewCallerid", callee)
				.add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
			Leg leg = new Leg(callee, behaviour);
			dial.legs.add(leg);
			alert(dial, leg);
		}
		if (dial.legs.isEmpty()) {
			dial.finish(sawUnavailable ? "CHANUNAVAIL" : "CONGESTION", null);
		}
		else {
			dial.timer = time.after(timeout, dial::timeout);
		}
		return dial.result;
	}

	private void alert(Dial dial, Leg leg) {
		if (leg.behaviour.kind() == PhoneBehaviour.Kind.BUSY) {
			time.after(SIGNALLING_DELAY, () -> dial.failed(leg, "BUSY", 17));
			return;
		}
		time.after(SIGNALLING_DELAY, () -> {
			if (!dial.alive(leg)) {
				return;
			}
			channels.setState(leg.channel, SimulatedChannel.RINGING);
			events.dialState(dial.caller, leg.channel);
			if (leg.behaviour.kind() == PhoneBehaviour.Kind.ANSWERS) {
				time.after(leg.behaviour.ringTime(), () -> dial.answer(leg));
			}
		});
	}

	/** One Dial() in progress, ringing one or several legs. */
	final class Dial {

		final SimulatedChannel caller;

		final List<Leg> legs = new ArrayList<>();

		final CompletableFuture<DialResult> result = new CompletableFuture<>();

		boolean done;

		boolean sawBusy;

		CoreLoop.@Nullable Timer timer;

		Dial(SimulatedChannel caller) {
			this.caller = caller;
		}

		boolean alive(Leg leg) {
			return !done && leg.status == null && !leg.channel.hungUp;
		}

		void answer(Leg winner) {
			if (!alive(winner)) {
				return;
			}
			winner.status = "ANSWER";
			channels.setState(winner.channel, SimulatedChannel.UP);
			events.emit(events.dialEvent("DialEnd", caller, winner.channel).add("DialStatus", "ANSWER"));
			for (Leg other : legs) {
				if (other != winner && other.status == null) {
					other.status = "CANCEL";
					events.emit(events.dialEvent("DialEnd", caller, other.channel).add("DialStatus", "CANCEL"));
					channels.hangup(other.channel, 26);
				}
			}
			channels.setState(caller, SimulatedChannel.UP);
			finish("ANSWER", winner.channel);
		}

		void failed(Leg leg, String status, int cause) {
			if (!alive(leg)) {
				return;
			}
			leg.status = status;
			sawBusy |= "BUSY".equals(status);
			events.emit(events.dialEvent("DialEnd", caller, leg.channel).add("DialStatus", status));
			channels.hangup(leg.channel, cause);
			if (legs.stream().allMatch(l -> l.status != null)) {
				finish(sawBusy ? "BUSY" : "CHANUNAVAIL", null);
			}
		}

		void timeout() {
			endRinging("NOANSWER");
		}

		/** The caller hung up while the legs rang. */
		void cancel() {
			endRinging("CANCEL");
		}

		private void endRinging(String status) {
			if (done) {
				return;
			}
			for (Leg leg : legs) {
				if (leg.status == null) {
					leg.status = status;
					events.emit(events.dialEvent("DialEnd", caller, leg.channel).add("DialStatus", status));
					channels.hangup(leg.channel, 16);
				}
			}
			finish(status, null);
		}

		void finish(String status, @Nullable SimulatedChannel answered) {
			if (done) {
				return;
			}
			done = true;
			if (timer != null) {
				timer.cancel();
			}
			caller.dialing = null;
			if (caller.call != null) {
				caller.call.dialStatuses.add(status);
			}
			if (!caller.hungUp) {
				channels.setVariable(caller, "DIALSTATUS", status);
			}
			result.complete(new DialResult(status, answered));
		}

	}

	/** One outgoing channel of a Dial() and how it ended (null while it rings). */
	static final class Leg {

		final SimulatedChannel channel;

		final PhoneBehaviour behaviour;

		@Nullable String status;

		Leg(SimulatedChannel channel, PhoneBehaviour behaviour) {
			this.channel = channel;
			this.behaviour = behaviour;
		}

	}

}

package io.ringside.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * Transfers by the answering party, blind and attended, with the events and Linkedid
 * changes of captures 05 and 07. Core thread only; the futures complete there.
 */
final class Transfers {

	/** How long the transferer talks to the target before joining the caller to it. */
	private static final Duration CONSULTATION = Duration.ofMillis(500);

	private final SimulatedExchange exchange;

	private final Channels channels;

	private final Bridges bridges;

	private final Conversations conversations;

	Transfers(SimulatedExchange exchange, Conversations conversations) {
		this.exchange = exchange;
		this.channels = exchange.channels;
		this.bridges = exchange.bridges;
		this.conversations = conversations;
	}

	/**
	 * The answering party hands the caller to another target without talking to it first:
	 * BlindTransfer, the transferer hangs up, the caller dials the target. Completes with
	 * whether the target answered.
	 */
	void blind(CallRecord call, String destination, CompletableFuture<Boolean> done) {
		SimulatedChannel caller = call.caller;
		SimulatedChannel transferer = call.agent;
		if (!bridgedTogether(caller, transferer)) {
			done.completeExceptionally(new IllegalStateException("the call is not connected to anyone"));
			return;
		}
		Target target = destination.contains("/") ? Target.parse(destination) : Target.forExtension(destination);
		Bridge bridge = Objects.requireNonNull(transferer.bridge, "bridged together, so in a bridge");
		CoreEvents events = exchange.events;
		events.emit(AmiMessage.event("BlindTransfer", "call,all")
			.add("Result", "Success")
			.addAll(transferer.snapshot("Transferer"))
			.addAll(caller.snapshot("Transferee"))
			.addAll(bridge.fields(""))
			.add("IsExternal", "Yes")
			.add("Context", "from-internal")
			.add("Extension", target.number()));
		events.emit(events.channelEvent("HangupRequest", transferer));
		channels.hangup(transferer, 16);
		bridges.leave(caller);
		call.agent = null;
		caller.context = "from-internal";
		caller.exten = target.number();
		caller.priority = 1;
		caller.application = "";
		Duration timeout = exchange.config.ringTimeout();
		channels.enterApplication(caller, "Dial", target.dialString() + "," + timeout.toSeconds());
		exchange.dialing.dial(caller, target.dialString(), timeout, null).thenAccept(result -> {
			if ("ANSWER".equals(result.status())) {
				conversations.connect(call, caller, result.winner(), null);
				done.complete(true);
			}
			else {
				if (!"CANCEL".equals(result.status())) {
					channels.hangupApplication(caller);
				}
				done.complete(false);
			}
		});
	}

	/**
	 * The answering party calls the target on a second channel (a call of its own, with
	 * its own Linkedid), talks, then joins the caller to the target: AttendedTransfer,
	 * both transferer channels hang up, the caller enters the second bridge and the
	 * target takes the caller's older Linkedid. Completes with whether the transfer
	 * happened.
	 */
	void attended(CallRecord call, String destination, CompletableFuture<Boolean> done) {
		SimulatedChannel caller = call.caller;
		SimulatedChannel transferer = call.agent;
		if (!bridgedTogether(caller, transferer)) {
			done.completeExceptionally(new IllegalStateException("the call is not connected to anyone"));
			return;
		}
		Target target = destination.contains("/") ? Target.parse(destination) : Target.forExtension(destination);
		// the agent is the phone that answered the call: a phone channel has a device
		String device = Objects.requireNonNull(transferer.device, "the agent's device");
		SimulatedChannel consulting = channels.newChannel(channels.nextName(device), channels.nextUniqueid(), null,
				device, call, SimulatedChannel.RING, transferer.callerNum, transferer.callerName, "from-internal",
				target.number());
		Duration timeout = exchange.config.ringTimeout();
		channels.enterApplication(consulting, "Dial", target.dialString() + "," + timeout.toSeconds());
		exchange.dialing.dial(consulting, target.dialString(), timeout, null).thenAccept(result -> {
			if (!"ANSWER".equals(result.status())) {
				channels.hangupFrom(consulting);
				done.complete(false);
				return;
			}
			SimulatedChannel transferTarget = result.winner();
			Bridge second = bridges.bridge(transferTarget, consulting);
			exchange.time.after(CONSULTATION, () -> {
				if (!bridgedTogether(caller, transferer) || transferTarget.bridge != second || consulting.hungUp) {
					done.complete(false);
					return;
				}
				join(call, caller, transferer, consulting, transferTarget, second);
				done.complete(true);
			});
		});
	}

	/**
	 * The attended transfer completes: the transferer's two channels go, the caller joins
	 * the target's bridge.
	 */
	private void join(CallRecord call, SimulatedChannel caller, SimulatedChannel transferer,
			SimulatedChannel consulting, SimulatedChannel transferTarget, Bridge second) {
		Bridge first = Objects.requireNonNull(transferer.bridge, "bridged together with the caller, so in a bridge");
		AmiMessage event = AmiMessage.event("AttendedTransfer", "call,all")
			.add("Result", "Success")
			.addAll(transferer.snapshot("OrigTransferer"))
			.addAll(first.fields("Orig"))
			.addAll(consulting.snapshot("SecondTransferer"))
			.addAll(second.fields("Second"))
			.addAll(caller.snapshot("Transferee"))
			.addAll(transferTarget.snapshot("TransferTarget"))
			.add("IsExternal", "No")
			.add("DestType", "Bridge")
			.add("DestBridgeUniqueid", second.id);
		CoreEvents events = exchange.events;
		events.emit(events.channelEvent("HangupRequest", transferer));
		channels.hangup(transferer, 16);
		bridges.leave(caller);
		bridges.leave(consulting);
		channels.hangup(consulting, 16);
		bridges.enter(second, caller);
		events.emit(event);
		call.agent = transferTarget;
		call.answered.complete(transferTarget.device);
		conversations.hangUpWhenPhoneUserDoes(transferTarget);
	}

	@Contract("null, _ -> false; _, null -> false")
	private static boolean bridgedTogether(@Nullable SimulatedChannel caller, @Nullable SimulatedChannel agent) {
		return caller != null && agent != null && !caller.hungUp && !agent.hungUp && caller.bridge != null
				&& caller.bridge == agent.bridge;
	}

}

package io.ringside.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The dialplan Ringside's Asterisk runs, played on the simulated core:
 *
 * <pre>
 * [from-trunk]
 * exten => _X.,1,AGI(agi://ringside:4573/route)
 *  same => n(dial),Dial(${RINGSIDE_TARGET},${RING_TIMEOUT})      ; ring group when the target has '&amp;'
 *  same => n,GotoIf($["${DIALSTATUS}" = "ANSWER"]?done)
 *  same => n,Set(RINGSIDE_TARGET=)
 *  same => n,AGI(agi://ringside:4573/route,noanswer)
 *  same => n,Goto(dial)
 * ; safety path: AGISTATUS=FAILURE or no RINGSIDE_TARGET -> Dial(${FALLBACK_GROUP}) once, then Hangup()
 * </pre>
 *
 * plus Queue() (members dialed directly, or FreePBX's, see {@link FreePbxQueue}), transfers and Originate. All methods run on the core thread unless they say otherwise.
 */
final class Dialplan {

	/** Dial rounds before the safety path takes over, so a router that keeps naming absent phones cannot loop. */
	private static final int MAX_ROUTES = 6;

	private static final Duration CONSULTATION = Duration.ofMillis(500);

	private static final Duration APPLICATION_TIME = Duration.ofSeconds(3);

	private final SimulatedExchange exchange;

	private final ThreadPoolExecutor agiThreads;

	private final FreePbxQueue freePbxQueue;

	Dialplan(SimulatedExchange exchange) {
		this.exchange = exchange;
		this.freePbxQueue = new FreePbxQueue(exchange);
		AtomicInteger count = new AtomicInteger();
		this.agiThreads = new ThreadPoolExecutor(0, 64, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
			Thread thread = new Thread(runnable, "pbx-agi-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	void shutdown() {
		agiThreads.shutdownNow();
	}

	private static final Duration VOICEMAIL_MESSAGE = Duration.ofSeconds(2);

	// ---- inbound

	void inbound(CallRecord call, InboundCall spec) {
		SimulatedChannel trunk = trunkChannel(call, spec);
		route(call, trunk, spec, null, 0);
	}

	SimulatedChannel trunkChannel(CallRecord call, InboundCall spec) {
		exchange.devices.trunk(spec.trunk());
		SimulatedChannel trunk = exchange.channels.newChannel(exchange.channels.nextName(spec.trunk()), call.linkedid, null, spec.trunk(), call,
				SimulatedChannel.RING, spec.callerNumber(), spec.callerName(), "from-trunk", spec.dialedNumber());
		call.caller = trunk;
		if (spec.hangUpAfter() != null) {
			exchange.time.after(spec.hangUpAfter(), () -> exchange.channels.hangupFrom(trunk));
		}
		return trunk;
	}

	private void route(CallRecord call, SimulatedChannel trunk, InboundCall spec, String argument, int round) {
		if (trunk.hungUp) {
			return;
		}
		if (argument != null) {
			exchange.channels.setVariable(trunk, "RINGSIDE_TARGET", "");
		}
		agi(trunk, argument).thenAccept(reached -> {
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
			exchange.channels.enterApplication(trunk, "Dial", target + "," + exchange.config.ringTimeout().toSeconds());
			exchange.dialing.dial(trunk, target, exchange.config.ringTimeout(), null).thenAccept(result -> {
				switch (result.status()) {
					case "ANSWER" -> connect(call, trunk, result.answered(), spec.talkTime());
					case "CANCEL" -> {
					}
					default -> route(call, trunk, spec, "noanswer", round + 1);
				}
			});
		});
	}

	/** No lost calls: when routing fails the fallback group rings once, then the call ends. */
	private void safetyPath(CallRecord call, SimulatedChannel trunk, InboundCall spec) {
		String group = exchange.config.fallbackGroup();
		if (call.fallbackUsed || group.isBlank()) {
			giveUp(trunk);
			return;
		}
		call.fallbackUsed = true;
		exchange.channels.setVariable(trunk, "RINGSIDE_REASON", "FALLBACK");
		exchange.channels.enterApplication(trunk, "Dial", group + "," + exchange.config.ringTimeout().toSeconds());
		exchange.dialing.dial(trunk, group, exchange.config.ringTimeout(), null).thenAccept(result -> {
			if ("ANSWER".equals(result.status())) {
				connect(call, trunk, result.answered(), spec.talkTime());
			}
			else if (!"CANCEL".equals(result.status())) {
				giveUp(trunk);
			}
		});
	}

	/**
	 * Nobody is left to ring ({@code RINGSIDE_REASON=NO_ANSWER}): as in asterisk-config's {@code [ringside-voicemail]},
	 * VoiceMail answers the caller itself (the channel goes Up without a person answering) and the caller hangs up
	 * after leaving a message.
	 */
	private void voicemail(SimulatedChannel trunk) {
		exchange.channels.enterApplication(trunk, "VoiceMail", "sales@ringside,u");
		exchange.channels.setState(trunk, SimulatedChannel.UP);
		exchange.time.after(VOICEMAIL_MESSAGE, () -> giveUp(trunk));
	}

	private void giveUp(SimulatedChannel channel) {
		if (channel.hungUp) {
			return;
		}
		exchange.channels.enterApplication(channel, "Hangup", "");
		exchange.channels.hangup(channel, 16);
	}

	/** Bridges the answered leg with the caller; the talk timers decide who hangs up. */
	private void connect(CallRecord call, SimulatedChannel caller, SimulatedChannel answered, Duration callerTalkTime) {
		call.agent = answered;
		call.answered.complete(answered.device);
		exchange.bridges.bridge(answered, caller);
		if (callerTalkTime != null) {
			exchange.time.after(callerTalkTime, () -> {
				if (caller.bridge != null) {
					exchange.channels.hangupFrom(caller);
				}
			});
		}
		hangUpWhenPhoneUserDoes(answered);
	}

	private void hangUpWhenPhoneUserDoes(SimulatedChannel answered) {
		PhoneBehaviour behaviour = answered.behaviour;
		if (behaviour != null && behaviour.talkTime() != null) {
			exchange.time.after(behaviour.talkTime(), () -> {
				if (answered.bridge != null) {
					exchange.channels.hangupFrom(answered);
				}
			});
		}
	}

	// ---- FastAGI

	/**
	 * AGI(agi://host:port/route[,argument]): the conversation runs on a FastAGI thread; the future completes on the
	 * core thread, after the VarSet events of what the script set, with false when the server could not be reached.
	 */
	CompletableFuture<Boolean> agi(SimulatedChannel channel, String argument) {
		SimulatorConfig config = exchange.config;
		String url = "agi://" + config.fastAgiHost() + ":" + config.fastAgiPort() + "/route";
		exchange.channels.enterApplication(channel, "AGI", argument == null ? url : url + "," + argument);
		List<String> headers = agiHeaders(channel, url, argument);
		Map<String, String> functions = new HashMap<>();
		functions.put("CHANNEL(linkedid)", channel.linkedid);
		functions.put("CHANNEL(uniqueid)", channel.uniqueid);
		functions.put("CHANNEL(name)", channel.name);
		functions.put("CHANNEL", channel.name);
		functions.put("UNIQUEID", channel.uniqueid);
		functions.put("CALLERID(num)", channel.callerNum == null ? "" : channel.callerNum);
		functions.put("CALLERID(name)", channel.callerName == null ? "" : channel.callerName);
		functions.put("EXTEN", channel.exten);
		functions.put("CONTEXT", channel.context);
		AtomicBoolean hangupRequested = new AtomicBoolean();
		FastAgiSession session = new FastAgiSession(
				config.fastAgiHost(), config.fastAgiPort(), headers, channel.vars,
				functions, channel.state, (name, value) -> exchange.time.run(() -> exchange.channels.setVariable(channel, name, value)),
				() -> hangupRequested.set(true));
		CompletableFuture<Boolean> done = new CompletableFuture<>();
		Consumer<Boolean> finish = reached -> exchange.time.run(() -> {
			if (!channel.hungUp) {
				exchange.channels.setVariable(channel, "AGISTATUS", reached ? "SUCCESS" : "FAILURE");
			}
			if (hangupRequested.get()) {
				exchange.channels.hangupFrom(channel);
			}
			done.complete(reached);
		});
		try {
			agiThreads.execute(() -> finish.accept(session.run()));
		}
		catch (RejectedExecutionException tooMany) {
			finish.accept(false);
		}
		return done;
	}

	/** The request block in res_agi.c's order (capture 10, section 3). */
	private List<String> agiHeaders(SimulatedChannel channel, String url, String argument) {
		List<String> headers = new ArrayList<>();
		headers.add("agi_network: yes");
		headers.add("agi_network_script: route");
		headers.add("agi_request: " + url);
		headers.add("agi_channel: " + channel.name);
		headers.add("agi_language: en");
		headers.add("agi_type: " + channel.technology());
		headers.add("agi_uniqueid: " + channel.uniqueid);
		headers.add("agi_version: " + exchange.config.asteriskVersion());
		headers.add("agi_callerid: " + orUnknown(channel.callerNum));
		headers.add("agi_calleridname: " + orUnknown(channel.callerName));
		headers.add("agi_callingpres: 0");
		headers.add("agi_callingani2: 0");
		headers.add("agi_callington: 0");
		headers.add("agi_callingtns: 0");
		headers.add("agi_dnid: " + orUnknown(channel.exten));
		headers.add("agi_rdnis: unknown");
		headers.add("agi_context: " + channel.context);
		headers.add("agi_extension: " + channel.exten);
		headers.add("agi_priority: " + channel.priority);
		headers.add("agi_enhanced: 0.0");
		headers.add("agi_accountcode: ");
		headers.add("agi_threadid: " + (139_800_000_000_000L + Math.abs(channel.uniqueid.hashCode())));
		if (argument != null) {
			headers.add("agi_arg_1: " + argument);
		}
		return headers;
	}

	private static String orUnknown(String value) {
		return value == null || value.isEmpty() ? "unknown" : value;
	}

	// ---- Queue()

	/** An inbound route straight to a FreePBX queue (members behind Local channels); see {@link FreePbxQueue}. */
	void freePbxQueue(CallRecord call, InboundCall spec, CallQueue queue) {
		freePbxQueue.enter(call, trunkChannel(call, spec), queue, spec.talkTime());
	}

	void queue(CallRecord call, InboundCall spec, String queue, List<String> members) {
		SimulatedChannel trunk = trunkChannel(call, spec);
		exchange.channels.enterApplication(trunk, "Answer", "");
		exchange.channels.setState(trunk, SimulatedChannel.UP);
		exchange.channels.enterApplication(trunk, "Queue", queue + ",t");
		Instant joined = exchange.time.now();
		exchange.events.emit(queueEvent("QueueCallerJoin", trunk, queue).add("Position", 1).add("Count", 1));
		ringMember(call, trunk, spec, queue, members, 0, joined);
	}

	private void ringMember(CallRecord call, SimulatedChannel trunk, InboundCall spec, String queue, List<String> members,
			int index, Instant joined) {
		if (trunk.hungUp) {
			return;
		}
		if (index >= members.size()) {
			exchange.events.emit(queueEvent("QueueCallerLeave", trunk, queue).add("Position", 1).add("Count", 0));
			giveUp(trunk);
			return;
		}
		String member = members.get(index);
		Instant ringStart = exchange.time.now();
		SimulatedChannel[] leg = new SimulatedChannel[1];
		exchange.dialing.dial(trunk, member, exchange.config.ringTimeout(), callee -> {
			leg[0] = callee;
			exchange.events.emit(exchange.events.dialEvent("AgentCalled", trunk, callee).add("Queue", queue)
				.add("Interface", member)
				.add("MemberName", member));
		}).thenAccept(result -> {
			switch (result.status()) {
				case "ANSWER" -> {
					SimulatedChannel agent = result.answered();
					long holdTime = Duration.between(joined, exchange.time.now()).toSeconds();
					long ringTime = Duration.between(ringStart, exchange.time.now()).toSeconds();
					exchange.events.emit(queueEvent("QueueCallerLeave", trunk, queue).add("Position", 1).add("Count", 0));
					exchange.events.emit(exchange.events.dialEvent("AgentConnect", trunk, agent).add("Queue", queue)
						.add("MemberName", member)
						.add("Interface", member)
						.add("RingTime", ringTime)
						.add("HoldTime", holdTime));
					Instant connected = exchange.time.now();
					agent.onTeardown = hungUpBy -> exchange.events.emit(exchange.events.dialEvent("AgentComplete", trunk, agent)
						.add("Queue", queue)
						.add("MemberName", member)
						.add("Interface", member)
						.add("HoldTime", holdTime)
						.add("TalkTime", Duration.between(connected, exchange.time.now()).toSeconds())
						.add("Reason", hungUpBy == agent ? "agent" : "caller"));
					trunk.onTeardown = agent.onTeardown;
					connect(call, trunk, agent, spec.talkTime());
				}
				case "NOANSWER" -> {
					exchange.events.emit(exchange.events.dialEvent("AgentRingNoAnswer", trunk, leg[0]).add("Queue", queue)
						.add("MemberName", member)
						.add("Interface", member)
						.add("RingTime", exchange.config.ringTimeout().toMillis()));
					ringMember(call, trunk, spec, queue, members, index + 1, joined);
				}
				case "CANCEL" -> exchange.events.emit(queueEvent("QueueCallerAbandon", trunk, queue).add("Position", 1)
					.add("OriginalPosition", 1)
					.add("HoldTime", Duration.between(joined, exchange.time.now()).toSeconds()));
				default -> ringMember(call, trunk, spec, queue, members, index + 1, joined);
			}
		});
	}

	private AmiMessage queueEvent(String name, SimulatedChannel channel, String queue) {
		return exchange.events.channelEvent(name, channel, "agent,all").add("Queue", queue);
	}

	// ---- transfers

	/**
	 * The answering party hands the caller to another target without talking to it first: BlindTransfer, the
	 * transferer hangs up, the caller dials the target. Completes with whether the target answered.
	 */
	void blindTransfer(CallRecord call, String destination, CompletableFuture<Boolean> done) {
		SimulatedChannel caller = call.caller;
		SimulatedChannel transferer = call.agent;
		if (!bridgedTogether(caller, transferer)) {
			done.completeExceptionally(new IllegalStateException("the call is not connected to anyone"));
			return;
		}
		Target target = destination.contains("/") ? Target.parse(destination) : Target.forExtension(destination);
		Bridge bridge = transferer.bridge;
		exchange.events.emit(AmiMessage.event("BlindTransfer", "call,all")
			.add("Result", "Success")
			.addAll(transferer.snapshot("Transferer"))
			.addAll(caller.snapshot("Transferee"))
			.addAll(bridge.fields(""))
			.add("IsExternal", "Yes")
			.add("Context", "from-internal")
			.add("Extension", target.number()));
		exchange.events.emit(exchange.events.channelEvent("HangupRequest", transferer));
		exchange.channels.hangup(transferer, 16);
		exchange.bridges.leave(caller);
		call.agent = null;
		caller.context = "from-internal";
		caller.exten = target.number();
		caller.priority = 1;
		caller.application = "";
		exchange.channels.enterApplication(caller, "Dial", target.dialString() + "," + exchange.config.ringTimeout().toSeconds());
		exchange.dialing.dial(caller, target.dialString(), exchange.config.ringTimeout(), null).thenAccept(result -> {
			if ("ANSWER".equals(result.status())) {
				connect(call, caller, result.answered(), null);
				done.complete(true);
			}
			else {
				if (!"CANCEL".equals(result.status())) {
					giveUp(caller);
				}
				done.complete(false);
			}
		});
	}

	/**
	 * The answering party calls the target on a second channel (a call of its own, with its own Linkedid), talks, then
	 * joins the caller to the target: AttendedTransfer, both transferer channels hang up, the caller enters the second
	 * bridge and the target takes the caller's older Linkedid. Completes with whether the transfer happened.
	 */
	void attendedTransfer(CallRecord call, String destination, CompletableFuture<Boolean> done) {
		SimulatedChannel caller = call.caller;
		SimulatedChannel transferer = call.agent;
		if (!bridgedTogether(caller, transferer)) {
			done.completeExceptionally(new IllegalStateException("the call is not connected to anyone"));
			return;
		}
		Target target = destination.contains("/") ? Target.parse(destination) : Target.forExtension(destination);
		SimulatedChannel consulting = exchange.channels.newChannel(exchange.channels.nextName(transferer.device), exchange.channels.nextUniqueid(), null,
				transferer.device, call, SimulatedChannel.RING, transferer.callerNum, transferer.callerName, "from-internal",
				target.number());
		exchange.channels.enterApplication(consulting, "Dial", target.dialString() + "," + exchange.config.ringTimeout().toSeconds());
		exchange.dialing.dial(consulting, target.dialString(), exchange.config.ringTimeout(), null).thenAccept(result -> {
			if (!"ANSWER".equals(result.status())) {
				exchange.channels.hangupFrom(consulting);
				done.complete(false);
				return;
			}
			SimulatedChannel transferTarget = result.answered();
			Bridge second = exchange.bridges.bridge(transferTarget, consulting);
			exchange.time.after(CONSULTATION, () -> {
				if (!bridgedTogether(caller, transferer) || transferTarget.bridge != second || consulting.hungUp) {
					done.complete(false);
					return;
				}
				Bridge first = transferer.bridge;
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
				exchange.events.emit(exchange.events.channelEvent("HangupRequest", transferer));
				exchange.channels.hangup(transferer, 16);
				exchange.bridges.leave(caller);
				exchange.bridges.leave(consulting);
				exchange.channels.hangup(consulting, 16);
				exchange.bridges.enter(second, caller);
				exchange.events.emit(event);
				call.agent = transferTarget;
				call.answered.complete(transferTarget.device);
				hangUpWhenPhoneUserDoes(transferTarget);
				done.complete(true);
			});
		});
	}

	private static boolean bridgedTogether(SimulatedChannel caller, SimulatedChannel agent) {
		return caller != null && agent != null && !caller.hungUp && !agent.hungUp && caller.bridge != null
				&& caller.bridge == agent.bridge;
	}

	// ---- Originate

	/** What Originate was asked to do. */
	record Origination(String actionId, String channel, String context, String exten, String application,
			String data, String callerNum, String callerName, Duration timeout, boolean async) {
	}

	/**
	 * Originate: rings the first party (a phone directly, or a Local channel pair whose ;2 half dials the phone), then
	 * sends the answered channel to Context/Exten (dialing out) or to an application. The outcome is reported through
	 * {@code outcome} (success, reason, channel, uniqueid) on the core thread.
	 */
	void originate(Origination request, OriginateOutcome outcome) {
		CallRecord call = new CallRecord(exchange.channels.nextUniqueid());
		if (request.channel().regionMatches(true, 0, "Local/", 0, 6)) {
			originateLocal(call, request, outcome);
		}
		else {
			originateDirect(call, request, outcome);
		}
	}

	@FunctionalInterface
	interface OriginateOutcome {

		void report(boolean success, int reason, String channel, String uniqueid);

	}

	private void originateLocal(CallRecord call, Origination request, OriginateOutcome outcome) {
		String resource = request.channel().substring(6);
		int at = resource.indexOf('@');
		String localExten = at < 0 ? resource : resource.substring(0, at);
		String localContext = at < 0 ? "default" : resource.substring(at + 1);
		String base = exchange.channels.nextName(request.channel());
		SimulatedChannel one = exchange.channels.newChannel(base + ";1", call.linkedid, null, null, call, SimulatedChannel.DOWN, request.callerNum(),
				request.callerName(), request.context(), request.exten() == null ? "s" : request.exten());
		SimulatedChannel two = exchange.channels.newChannel(base + ";2", exchange.channels.nextUniqueid(), one.linkedid, null, call, SimulatedChannel.RING,
				request.callerNum(), request.callerName(), localContext, localExten);
		one.peerLocal = two;
		two.peerLocal = one;
		call.caller = one;
		Target phone = Target.forExtension(localExten);
		exchange.channels.enterApplication(two, "Dial", phone.dialString());
		exchange.dialing.dial(two, phone.dialString(), request.timeout(), null).thenAccept(result -> {
			if (!"ANSWER".equals(result.status())) {
				outcome.report(false, failureReason(result.status()), one.name, one.uniqueid);
				exchange.channels.hangup(two, 16);
				exchange.channels.hangup(one, 16);
				return;
			}
			exchange.bridges.bridge(result.answered(), two);
			call.agent = result.answered();
			exchange.channels.setState(one, SimulatedChannel.UP);
			outcome.report(true, 4, one.name, one.uniqueid);
			continueOriginated(call, one, request);
		});
	}

	private void originateDirect(CallRecord call, Origination request, OriginateOutcome outcome) {
		Target phone = Target.parse(request.channel());
		PhoneBehaviour behaviour = exchange.phones.behaviourOf(phone.dialString());
		if (behaviour.kind() == PhoneBehaviour.Kind.UNAVAILABLE) {
			outcome.report(false, 0, request.channel(), "<null>");
			return;
		}
		SimulatedChannel channel = exchange.channels.newChannel(exchange.channels.nextName(phone.device()), call.linkedid, null, phone.device(), call,
				SimulatedChannel.DOWN, request.callerNum(), request.callerName(), request.context(),
				request.exten() == null ? "s" : request.exten());
		channel.behaviour = behaviour;
		call.caller = channel;
		call.agent = channel;
		if (behaviour.kind() == PhoneBehaviour.Kind.BUSY) {
			exchange.time.after(Dialing.SIGNALLING_DELAY, () -> {
				exchange.channels.hangup(channel, 17);
				outcome.report(false, 5, channel.name, channel.uniqueid);
			});
			return;
		}
		AtomicBoolean settled = new AtomicBoolean();
		exchange.time.after(Dialing.SIGNALLING_DELAY, () -> {
			if (channel.hungUp) {
				return;
			}
			exchange.channels.setState(channel, SimulatedChannel.RINGING);
			if (behaviour.kind() == PhoneBehaviour.Kind.ANSWERS) {
				exchange.time.after(behaviour.ringTime(), () -> {
					if (channel.hungUp || !settled.compareAndSet(false, true)) {
						return;
					}
					exchange.channels.setState(channel, SimulatedChannel.UP);
					outcome.report(true, 4, channel.name, channel.uniqueid);
					continueOriginated(call, channel, request);
				});
			}
		});
		exchange.time.after(request.timeout(), () -> {
			if (channel.hungUp || !settled.compareAndSet(false, true)) {
				return;
			}
			exchange.channels.hangup(channel, 19);
			outcome.report(false, 3, channel.name, channel.uniqueid);
		});
	}

	/** The originated channel is answered and runs the application, or dials Exten from Context. */
	private void continueOriginated(CallRecord call, SimulatedChannel channel, Origination request) {
		if (request.application() != null) {
			exchange.channels.enterApplication(channel, request.application(), request.data() == null ? "" : request.data());
			exchange.time.after(APPLICATION_TIME, () -> exchange.channels.hangupFrom(channel));
			return;
		}
		Target destination = Target.forExtension(request.exten());
		exchange.channels.enterApplication(channel, "Dial", destination.dialString() + "," + exchange.config.ringTimeout().toSeconds());
		exchange.dialing.dial(channel, destination.dialString(), exchange.config.ringTimeout(), null).thenAccept(result -> {
			if ("ANSWER".equals(result.status())) {
				exchange.bridges.bridge(result.answered(), channel);
				hangUpWhenPhoneUserDoes(result.answered());
				if (channel.peerLocal == null) {
					hangUpWhenPhoneUserDoes(channel);
				}
				else if (call.agent != null) {
					hangUpWhenPhoneUserDoes(call.agent);
				}
			}
			else if (!"CANCEL".equals(result.status())) {
				exchange.channels.hangupFrom(channel);
			}
		});
	}

	private static int failureReason(String dialStatus) {
		return switch (dialStatus) {
			case "NOANSWER" -> 3;
			case "BUSY" -> 5;
			case "CONGESTION" -> 8;
			default -> 0;
		};
	}

	// ---- hangup from outside

	void hangup(CallRecord call) {
		if (call.caller != null && !call.caller.hungUp) {
			exchange.channels.hangupFrom(call.caller);
			return;
		}
		new ArrayList<>(call.live).forEach(exchange.channels::hangupFrom);
	}

}

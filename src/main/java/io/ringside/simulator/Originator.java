package io.ringside.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * AMI Originate: rings the first party (a phone directly, or a Local channel pair whose
 * {@code ;2} half dials the phone), then sends the answered channel to Context/Exten
 * (dialing out) or to an application, as in capture 07's click-to-call. Core thread only;
 * the outcome is reported there.
 */
final class Originator {

	/** How long an originated channel stays in the application it was sent to. */
	private static final Duration APPLICATION_TIME = Duration.ofSeconds(3);

	private final SimulatedExchange exchange;

	private final Channels channels;

	private final Conversations conversations;

	Originator(SimulatedExchange exchange, Conversations conversations) {
		this.exchange = exchange;
		this.channels = exchange.channels;
		this.conversations = conversations;
	}

	/** What Originate was asked to do. */
	record Request(@Nullable String actionId, String channel, String context, @Nullable String exten,
			@Nullable String application, @Nullable String data, @Nullable String callerNum,
			@Nullable String callerName, Duration timeout, boolean async) {
	}

	/**
	 * How an Originate ended, with Asterisk's reason code (4 answered, 3 no answer, 5
	 * busy, 8 congestion, 0 failed).
	 */
	@FunctionalInterface
	interface Outcome {

		void report(boolean success, int reason, String channel, String uniqueid);

	}

	void originate(Request request, Outcome outcome) {
		CallRecord call = new CallRecord(channels.nextUniqueid());
		if (request.channel().regionMatches(true, 0, "Local/", 0, 6)) {
			originateLocal(call, request, outcome);
		}
		else {
			originateDirect(call, request, outcome);
		}
	}

	private void originateLocal(CallRecord call, Request request, Outcome outcome) {
		String resource = request.channel().substring(6);
		int at = resource.indexOf('@');
		String localExten = at < 0 ? resource : resource.substring(0, at);
		String localContext = at < 0 ? "default" : resource.substring(at + 1);
		String base = channels.nextName(request.channel());
		SimulatedChannel one = channels.newChannel(base + ";1", call.linkedid, null, null, call, SimulatedChannel.DOWN,
				request.callerNum(), request.callerName(), request.context(),
				request.exten() == null ? "s" : request.exten());
		SimulatedChannel two = channels.newChannel(base + ";2", channels.nextUniqueid(), one.linkedid, null, call,
				SimulatedChannel.RING, request.callerNum(), request.callerName(), localContext, localExten);
		one.peerLocal = two;
		two.peerLocal = one;
		call.caller = one;
		Target phone = Target.forExtension(localExten);
		channels.enterApplication(two, "Dial", phone.dialString());
		exchange.dialing.dial(two, phone.dialString(), request.timeout(), null).thenAccept(result -> {
			if (!"ANSWER".equals(result.status())) {
				outcome.report(false, failureReason(result.status()), one.name, one.uniqueid);
				channels.hangup(two, 16);
				channels.hangup(one, 16);
				return;
			}
			exchange.bridges.bridge(result.winner(), two);
			call.agent = result.winner();
			channels.setState(one, SimulatedChannel.UP);
			outcome.report(true, 4, one.name, one.uniqueid);
			continueOriginated(call, one, request);
		});
	}

	private void originateDirect(CallRecord call, Request request, Outcome outcome) {
		Target phone = Target.parse(request.channel());
		PhoneBehaviour behaviour = exchange.phones.behaviourOf(phone.dialString());
		if (behaviour.kind() == PhoneBehaviour.Kind.UNAVAILABLE) {
			outcome.report(false, 0, request.channel(), "<null>");
			return;
		}
		SimulatedChannel channel = channels.newChannel(channels.nextName(phone.device()), call.linkedid, null,
				phone.device(), call, SimulatedChannel.DOWN, request.callerNum(), request.callerName(),
				request.context(), request.exten() == null ? "s" : request.exten());
		channel.behaviour = behaviour;
		call.caller = channel;
		call.agent = channel;
		CoreTime time = exchange.time;
		if (behaviour.kind() == PhoneBehaviour.Kind.BUSY) {
			time.after(Dialing.SIGNALLING_DELAY, () -> {
				channels.hangup(channel, 17);
				outcome.report(false, 5, channel.name, channel.uniqueid);
			});
			return;
		}
		AtomicBoolean settled = new AtomicBoolean();
		time.after(Dialing.SIGNALLING_DELAY, () -> {
			if (channel.hungUp) {
				return;
			}
			channels.setState(channel, SimulatedChannel.RINGING);
			if (behaviour.kind() == PhoneBehaviour.Kind.ANSWERS) {
				time.after(behaviour.ringTime(), () -> {
					if (channel.hungUp || !settled.compareAndSet(false, true)) {
						return;
					}
					channels.setState(channel, SimulatedChannel.UP);
					outcome.report(true, 4, channel.name, channel.uniqueid);
					continueOriginated(call, channel, request);
				});
			}
		});
		time.after(request.timeout(), () -> {
			if (channel.hungUp || !settled.compareAndSet(false, true)) {
				return;
			}
			channels.hangup(channel, 19);
			outcome.report(false, 3, channel.name, channel.uniqueid);
		});
	}

	/**
	 * The originated channel is answered and runs the application, or dials Exten from
	 * Context.
	 */
	private void continueOriginated(CallRecord call, SimulatedChannel channel, Request request) {
		if (request.application() != null) {
			channels.enterApplication(channel, request.application(), request.data() == null ? "" : request.data());
			exchange.time.after(APPLICATION_TIME, () -> channels.hangupFrom(channel));
			return;
		}
		// AmiActions refuses an Originate that has neither an Application nor an Exten
		Target destination = Target.forExtension(Objects.requireNonNull(request.exten(), "exten"));
		Duration timeout = exchange.config.ringTimeout();
		channels.enterApplication(channel, "Dial", destination.dialString() + "," + timeout.toSeconds());
		exchange.dialing.dial(channel, destination.dialString(), timeout, null).thenAccept(result -> {
			if ("ANSWER".equals(result.status())) {
				exchange.mixMonitor.start(call, channel);
				exchange.bridges.bridge(result.winner(), channel);
				conversations.hangUpWhenPhoneUserDoes(result.winner());
				if (channel.peerLocal == null) {
					conversations.hangUpWhenPhoneUserDoes(channel);
				}
				else if (call.agent != null) {
					conversations.hangUpWhenPhoneUserDoes(call.agent);
				}
			}
			else if (!"CANCEL".equals(result.status())) {
				channels.hangupFrom(channel);
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

}

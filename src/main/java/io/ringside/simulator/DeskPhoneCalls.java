package io.ringside.simulator;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A number dialled by hand on one of our phones, as FreePBX's {@code from-internal} runs
 * it: the phone's channel appears ringing with the phone's number as its CallerID and the
 * dialled number as its Exten, then Dial() reaches the number on the trunk; once answered
 * the two are bridged and the phone's user hangs up after the talk time. The outside
 * party behaves as the phones say for that number. Core thread only.
 */
final class DeskPhoneCalls {

	private final SimulatedExchange exchange;

	private final Conversations conversations;

	DeskPhoneCalls(SimulatedExchange exchange, Conversations conversations) {
		this.exchange = exchange;
		this.conversations = conversations;
	}

	/**
	 * @param device the phone that dials, e.g. {@code PJSIP/101}
	 * @param number the number dialled, as the user keyed it
	 * @param talkTime how long the phone's user talks once answered; null: until the
	 * other side hangs up
	 */
	void dial(CallRecord call, String device, String number, @Nullable Duration talkTime) {
		Channels channels = exchange.channels;
		String own = device.substring(device.indexOf('/') + 1);
		SimulatedChannel phone = channels.newChannel(channels.nextName(device), call.linkedid, null, device, call,
				SimulatedChannel.RING, own, null, "from-internal", number);
		call.caller = phone;
		Target destination = Target.forExtension(number);
		Duration timeout = exchange.config.ringTimeout();
		channels.enterApplication(phone, "Dial", destination.dialString() + "," + timeout.toSeconds());
		exchange.dialing.dial(phone, destination.dialString(), timeout, null).thenAccept(result -> {
			if ("ANSWER".equals(result.status())) {
				conversations.connect(call, phone, result.winner(), talkTime);
			}
			else if (!"CANCEL".equals(result.status())) {
				channels.hangupFrom(phone);
			}
		});
	}

}

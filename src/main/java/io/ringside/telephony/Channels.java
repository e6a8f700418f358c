package io.ringside.telephony;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.ringside.telephony.Call.Channel;

/**
 * The channels of a call as the PBX reports them: which it has (a channel counts once an
 * event of its own is seen), their state, names and bridges, the caller's number and the
 * file the call is recorded into. The rules are {@link CallReducer}'s; these are its
 * steps on a call's channels, each returning the new call. A channel going to state
 * Ringing that is not the caller's rings a leg ({@link Legs}). Pure and stateless.
 */
final class Channels {

	private Channels() {
	}

	/**
	 * Makes sure the event's own channel is part of the call (Ringside may have connected
	 * after it appeared).
	 */
	static Call known(Call call, AmiEvent event) {
		String uniqueid = event.get("Uniqueid");
		String name = event.get("Channel");
		if (uniqueid == null || name == null || call.channels().containsKey(uniqueid)) {
			return call;
		}
		return call.withChannel(new Channel(uniqueid, name, event.number("ChannelState"), null));
	}

	static Call newState(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		Call next = known(call, event);
		String uniqueid = event.get("Uniqueid");
		Channel channel = (uniqueid != null) ? next.channels().get(uniqueid) : null;
		if (uniqueid == null || channel == null) {
			return next;
		}
		int state = event.number("ChannelState");
		next = next.withChannel(channel.withState(state));
		if (state == Channel.RINGING && !uniqueid.equals(next.callerUniqueid())) {
			next = Legs.ring(next, uniqueid, channel.name(), null, null, at, out);
		}
		return next;
	}

	static Call newCallerId(Call call, AmiEvent event) {
		String number = event.text("CallerIDNum");
		boolean ofCaller = call.callerUniqueid().equals(event.get("Uniqueid"));
		return (ofCaller && number != null) ? known(call, event).withCallerNumber(number) : known(call, event);
	}

	static Call rename(Call call, AmiEvent event) {
		Channel channel = call.channels().get(event.get("Uniqueid"));
		String newName = event.get("Newname");
		return (channel == null || newName == null) ? call : call.withChannel(channel.withName(newName));
	}

	static Call inBridge(Call call, @Nullable String uniqueid, @Nullable String bridgeId) {
		Channel channel = (uniqueid != null) ? call.channels().get(uniqueid) : null;
		return (channel == null) ? call : call.withChannel(channel.inBridge(bridgeId));
	}

	/**
	 * A channel of the call set a variable: the one that names the recording's file
	 * ({@link Pbx#isRecordingVariable}) is kept; an empty value changes nothing.
	 */
	static Call variable(Call call, AmiEvent event) {
		String file = event.text("Value");
		return (file != null && Pbx.isRecordingVariable(event.get("Variable"))) ? call.withRecordingFile(file.strip())
				: call;
	}

}

package io.ringside.telephony;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The PBX as the rest of Ringside sees it: what happens to calls and phones, and the one
 * thing Ringside asks of it (dial a number from an employee's phone).
 */
public interface Pbx {

	/**
	 * How long a call Ringside has routed may take to appear in the PBX's events: one
	 * that has not by then never reached this connection (the caller hung up during the
	 * route, or the events were lost), and views that showed it from its routing alone
	 * let it go.
	 */
	Duration SHOWS_A_ROUTED_CALL_WITHIN = Duration.ofSeconds(10);

	/**
	 * The channel variable in which the dialplan names the file it records a call into
	 * with MixMonitor, relative to the recordings' folder (e.g. the call's Linkedid and
	 * {@code .wav}); Asterisk reports it in a VarSet event.
	 */
	String RECORDING_VARIABLE = "RINGSIDE_RECORDING";

	/**
	 * Whether a variable's name, as a VarSet reports it, is {@link #RECORDING_VARIABLE}:
	 * in any case, also with the {@code _} or {@code __} that make it inherited by the
	 * channels a channel creates.
	 */
	static boolean isRecordingVariable(@Nullable String name) {
		return name != null && RECORDING_VARIABLE.equalsIgnoreCase(name.replaceFirst("^_{1,2}", ""));
	}

	/**
	 * Call lifecycle and device state events as the tracker derives them from AMI, in
	 * order, emitted on the tracker's own thread. Hot: a subscriber sees what happens
	 * after it subscribes. No buffer: each event is delivered on the tracker's thread as
	 * it is made, so a subscriber must take it at once (never block, keep demand); one
	 * that is not ready misses it. Consumers that do slower work use
	 * {@link #events(String, int)}.
	 */
	Flux<TelephonyEvent> events();

	/**
	 * {@link #events()} through a bounded buffer of this consumer's own, so that a slow
	 * consumer never makes another one drop: past {@code bufferSize} waiting events the
	 * newest are dropped for this consumer alone, counted as
	 * {@code ringside.call.events.dropped{consumer=...}} and logged a line a second at
	 * most.
	 */
	Flux<TelephonyEvent> events(String consumer, int bufferSize);

	/**
	 * Click-to-call: rings the employee's own phone and, when they pick up, dials the
	 * number (AMI Originate, asynchronous). Completes when the PBX has accepted the
	 * request.
	 */
	Mono<Void> originate(String fromDevice, String number, String callerId);

	/** Whether Ringside is connected and logged in to the PBX's manager interface now. */
	boolean connected();

}

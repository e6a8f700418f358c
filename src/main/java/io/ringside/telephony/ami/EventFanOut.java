package io.ringside.telephony.ami;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import io.ringside.shared.OncePerSecond;
import io.ringside.telephony.LastFour;
import io.ringside.telephony.TelephonyEvent;

/**
 * Hands the tracker's events to every consumer without letting one consumer hold back
 * another. A Reactor multicast sink with a shared buffer serves all subscribers at the
 * pace of the slowest, so one slow consumer made every other one drop; here the sink is
 * best-effort and each consumer that asks for it gets a bounded buffer of its own
 * ({@link #events(String, int)}): when that buffer is full the newest events are dropped
 * for that consumer alone, counted in {@code ringside.call.events.dropped{consumer}} and
 * logged a line a second at most. {@link #publish} is called on the tracker's thread, one
 * event at a time, and never waits.
 */
final class EventFanOut {

	private static final Log log = LogFactory.getLog(EventFanOut.class);

	private final Sinks.Many<TelephonyEvent> sink = Sinks.many().multicast().directBestEffort();

	private final MeterRegistry meters;

	private final Clock clock;

	private final Counter undelivered;

	EventFanOut(MeterRegistry meters, Clock clock) {
		this.meters = meters;
		this.clock = clock;
		this.undelivered = Counter.builder("ringside.call.events.undelivered")
			.description("Call events not delivered because a subscriber without a buffer of its own was not ready")
			.register(meters);
	}

	/**
	 * Every event, delivered on the tracker's thread as it is published; a subscriber
	 * must keep up (not block).
	 */
	Flux<TelephonyEvent> events() {
		return sink.asFlux();
	}

	/**
	 * Every event, through a buffer of {@code bufferSize} events of this consumer's own.
	 */
	Flux<TelephonyEvent> events(String consumer, int bufferSize) {
		Counter dropped = Counter.builder("ringside.call.events.dropped")
			.description("Call events a consumer missed because its own buffer was full")
			.tag("consumer", consumer)
			.register(meters);
		OncePerSecond logged = new OncePerSecond(clock);
		return sink.asFlux().onBackpressureBuffer(bufferSize, event -> {
			dropped.increment();
			if (logged.now()) {
				log.error("Call events dropped for " + consumer + ", which is behind by " + bufferSize + " events; "
						+ (long) dropped.count() + " dropped so far");
			}
		}, BufferOverflowStrategy.DROP_LATEST);
	}

	/**
	 * The tracker's thread: hands the event to each subscriber that has room, never
	 * waiting.
	 */
	void publish(TelephonyEvent event) {
		Sinks.EmitResult result = sink.tryEmitNext(event);
		if (result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
			return;
		}
		if (result.isFailure()) {
			undelivered.increment();
			log.error(
					"Call event " + LastFour.in(event) + " not delivered (" + result + "): a subscriber is not ready");
		}
	}

}

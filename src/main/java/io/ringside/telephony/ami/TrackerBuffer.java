package io.ringside.telephony.ami;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import io.ringside.shared.OncePerSecond;

/**
 * The bounded buffer between Asterisk-Java's reader thread and the call tracker
 * ({@code ringside.pbx.ami.buffer-size}): an input is offered and never waited for; when
 * the buffer is full it is counted ({@code ringside.ami.events.dropped}) and logged, a
 * line a second at most, so a slow tracker cannot stall the reader. What waits is
 * {@code ringside.ami.events.buffered}.
 * <p>
 * Threads: offered from Asterisk-Java's reader thread and from bounded-elastic threads
 * (serialised here); drained on the tracker's thread.
 */
final class TrackerBuffer {

	/**
	 * Logged under the connection's name, as before the split: operators filter on it.
	 */
	private static final Log log = LogFactory.getLog(AmiConnection.class);

	private final int size;

	private final Counter dropped;

	private final AtomicLong buffered = new AtomicLong();

	private final OncePerSecond dropLogged;

	/**
	 * Made anew at every start: a unicast sink takes one subscriber in its life, and the
	 * context may restart. Null until the first start: what is offered before is dropped.
	 */
	private volatile Sinks.@Nullable Many<TrackerInput> input;

	TrackerBuffer(int size, MeterRegistry meters, Clock clock) {
		this.size = size;
		this.dropLogged = new OncePerSecond(clock);
		this.dropped = Counter.builder("ringside.ami.events.dropped")
			.description("AMI events dropped because the buffer before the call tracker was full")
			.register(meters);
		Gauge.builder("ringside.ami.events.buffered", buffered, AtomicLong::get)
			.description("AMI events waiting for the call tracker")
			.register(meters);
	}

	/** A new, empty buffer, and what it lets through, for one subscriber. */
	Flux<TrackerInput> open() {
		input = Sinks.many().unicast().onBackpressureBuffer(Queues.<TrackerInput>get(size).get());
		buffered.set(0);
		return input.asFlux().doOnNext(item -> buffered.decrementAndGet());
	}

	/**
	 * Called from Asterisk-Java's reader thread and from the rebuild; the sink needs its
	 * emissions serialised.
	 */
	void offer(TrackerInput item) {
		Sinks.Many<TrackerInput> current = input;
		if (current == null) {
			return;
		}
		Sinks.EmitResult result;
		synchronized (current) {
			result = current.tryEmitNext(item);
		}
		if (result.isSuccess()) {
			buffered.incrementAndGet();
		}
		else {
			dropped.increment();
			// One line a second at most: a line per event would slow this reader-thread
			// listener so much that Asterisk-Java's own queue overflows too, losing
			// events that no metric of ours counts.
			if (dropLogged.now()) {
				log.error("AMI events dropped (" + result + "): the call tracker is behind by " + size + " events; "
						+ (long) dropped.count() + " dropped so far");
			}
		}
	}

}

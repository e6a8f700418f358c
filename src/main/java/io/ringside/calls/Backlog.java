package io.ringside.calls;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The calls (and route decisions) waiting to be written: entries of the stream not
 * acknowledged yet (pending or not yet delivered, as last read from Redis, shared by
 * every instance) plus those this instance holds in memory because Redis has not taken
 * them. Published as the gauge {@code ringside.calls.pending}.
 */
@Component
class Backlog {

	private final AtomicLong inStream = new AtomicLong();

	private final AtomicLong inMemory = new AtomicLong();

	Backlog(MeterRegistry meters) {
		Gauge.builder("ringside.calls.pending", this, Backlog::pending)
			.description("Finished calls and route decisions not written to PostgreSQL yet")
			.register(meters);
	}

	AtomicLong inStream() {
		return inStream;
	}

	AtomicLong inMemory() {
		return inMemory;
	}

	long pending() {
		return inStream.get() + inMemory.get();
	}

}

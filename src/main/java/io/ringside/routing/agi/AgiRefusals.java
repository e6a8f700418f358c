package io.ringside.routing.agi;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * FastAGI connections closed before any script ran, counted in
 * {@code ringside.pbx.agi.refused} with a {@code reason} tag per {@link Reason}. Every
 * counter is registered up front, so a dashboard shows zero rather than nothing.
 * Thread-safe.
 */
final class AgiRefusals {

	static final String METRIC = "ringside.pbx.agi.refused";

	/** Why a connection was closed unserved. */
	enum Reason {

		/**
		 * The peer is not in {@code ringside.pbx.agi.allowed-clients}; closed at once.
		 */
		NOT_ALLOWED("not-allowed"),
		/**
		 * The request did not arrive whole within
		 * {@code ringside.pbx.agi.request-timeout}.
		 */
		TIMEOUT("timeout"),
		/** A request line was longer than {@code ringside.pbx.agi.max-header-line}. */
		HEADER_LINE("header-line"),
		/** The request had more lines than {@code ringside.pbx.agi.max-headers}. */
		HEADER_COUNT("header-count"),
		/** Too many requests arriving or waiting for a worker at once. */
		BUSY("busy");

		final String tag;

		Reason(String tag) {
			this.tag = tag;
		}

	}

	private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

	AgiRefusals(MeterRegistry meters) {
		for (Reason reason : Reason.values()) {
			counters.put(reason,
					Counter.builder(METRIC)
						.description("FastAGI connections closed before any script ran")
						.tag("reason", reason.tag)
						.register(meters));
		}
	}

	void count(Reason reason) {
		// Every reason has its counter from the constructor on.
		Objects.requireNonNull(counters.get(reason), reason.tag).increment();
	}

}

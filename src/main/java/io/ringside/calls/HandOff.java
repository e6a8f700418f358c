package io.ringside.calls;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;

import io.ringside.shared.Deadline;
import io.ringside.shared.OncePerSecond;

/**
 * Hands finished calls and route decisions to the Redis Stream. {@link #offer} never
 * waits: it puts the entry in a bounded queue ({@code ringside.calls.queue-size}) that
 * {@link #run()} drains, adding each entry to the stream and retrying with backoff while
 * Redis fails or stalls. An entry Redis has not taken within
 * {@code ringside.calls.redis-patience} is written straight to PostgreSQL (idempotent:
 * the same entry arriving later through the stream changes nothing); while PostgreSQL
 * fails too, both are tried again, with backoff, for as long as it takes. Only when both
 * stores stay away long enough to fill the queue is an entry refused; it is counted
 * ({@code ringside.calls.lost}) and logged.
 */
@Component
class HandOff {

	private static final Log log = LogFactory.getLog(HandOff.class);

	private static final int AT_ONCE = 64;

	private static final Duration REDIS_RETRY_MIN = Duration.ofMillis(100);

	private static final Duration REDIS_RETRY_MAX = Duration.ofSeconds(1);

	private final CallStream stream;

	private final StreamEntries format;

	private final CallRecorder recorder;

	private final RecordingSettings settings;

	private final Clock clock;

	private final Backlog backlog;

	private final Counter lost;

	private final Counter direct;

	private final OncePerSecond lossLogged;

	private final OncePerSecond heldLogged;

	/**
	 * When Redis started failing, or 0 while it takes entries: once it has failed for
	 * longer than the patience, each entry gives it a short try only.
	 */
	private final AtomicLong redisFailingSince = new AtomicLong();

	private volatile Sinks.@Nullable Many<Recordable> queue;

	HandOff(CallStream stream, StreamEntries format, CallRecorder recorder, RecordingSettings settings, Clock clock,
			Backlog backlog, MeterRegistry meters) {
		this.stream = stream;
		this.format = format;
		this.recorder = recorder;
		this.settings = settings;
		this.clock = clock;
		this.lossLogged = new OncePerSecond(clock);
		this.heldLogged = new OncePerSecond(clock);
		this.backlog = backlog;
		this.lost = Counter.builder("ringside.calls.lost")
			.description("Calls and route decisions refused because Redis and PostgreSQL stayed away until the "
					+ "hand-off queue was full")
			.register(meters);
		this.direct = Counter.builder("ringside.calls.written.directly")
			.description("Calls and route decisions written straight to PostgreSQL because Redis did not take them")
			.register(meters);
	}

	/**
	 * Queues the entry for the stream; any thread (the tracker's, the router's), never
	 * waits. False when the queue is full: the entry is then lost, counted and logged.
	 */
	boolean offer(Recordable entry) {
		Sinks.Many<Recordable> current = queue;
		Sinks.EmitResult result;
		if (current == null) {
			result = Sinks.EmitResult.FAIL_TERMINATED;
		}
		else {
			synchronized (current) {
				result = current.tryEmitNext(entry);
			}
		}
		if (result.isSuccess()) {
			backlog.inMemory().incrementAndGet();
			return true;
		}
		lost.increment();
		if (lossLogged.now()) {
			log.error("Call " + entry.callId() + " not recorded (" + result + "): Redis and PostgreSQL have not taken "
					+ "the last " + settings.queueSize() + " entries; " + (long) lost.count() + " lost so far");
		}
		return false;
	}

	/**
	 * Takes no more entries; {@link #run()} completes once those queued have been
	 * delivered.
	 */
	void finish() {
		Sinks.Many<Recordable> current = queue;
		if (current != null) {
			synchronized (current) {
				current.tryEmitComplete();
			}
		}
	}

	/** The drain: subscribed once by {@link CallPipeline}; a new queue for every run. */
	Flux<Void> run() {
		Sinks.Many<Recordable> fresh = Sinks.many()
			.unicast()
			.onBackpressureBuffer(Queues.<Recordable>get(settings.queueSize()).get());
		queue = fresh;
		return fresh.asFlux()
			.flatMap(entry -> deliver(entry).doFinally(signal -> backlog.inMemory().decrementAndGet()), AT_ONCE)
			.doFinally(signal -> queue = null);
	}

	private Mono<Void> deliver(Recordable entry) {
		return Mono.defer(() -> toStream(entry).onErrorResume(redisError -> toDatabase(entry, redisError)))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, settings.retryMin())
				.maxBackoff(settings.retryMax())
				.doBeforeRetry(signal -> {
					if (heldLogged.now()) {
						log.warn("Calls held in memory (" + backlog.inMemory().get() + "): neither Redis nor "
								+ "PostgreSQL takes them (" + signal.failure() + "); trying again");
					}
				}));
	}

	private Mono<Void> toStream(Recordable entry) {
		Duration patience = remainingPatience();
		return Mono.defer(() -> stream.add(format.encode(entry)))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, REDIS_RETRY_MIN).maxBackoff(REDIS_RETRY_MAX))
			.timeout(patience, Deadline.passed(patience))
			.doOnNext(id -> {
				format.added(id, entry);
				if (redisFailingSince.getAndSet(0) != 0) {
					log.info("Redis takes finished calls again");
				}
			})
			.doOnError(error -> {
				if (redisFailingSince.compareAndSet(0, clock.millis())) {
					log.warn("Redis did not take call " + entry.callId() + " within " + patience + " (" + error
							+ "); calls go straight to PostgreSQL until it does");
				}
			})
			.then();
	}

	/**
	 * The patience left: all of it while Redis takes entries, a short try once it has
	 * been failing longer.
	 */
	private Duration remainingPatience() {
		long since = redisFailingSince.get();
		Duration full = settings.redisPatience();
		if (since == 0) {
			return full;
		}
		Duration left = full.minusMillis(clock.millis() - since);
		return left.compareTo(REDIS_RETRY_MAX) > 0 ? left : REDIS_RETRY_MAX;
	}

	private Mono<Void> toDatabase(Recordable entry, Throwable redisError) {
		return recorder.write(entry).doOnSuccess(done -> {
			direct.increment();
			if (log.isDebugEnabled()) {
				log.debug("Call " + entry.callId() + " written straight to PostgreSQL (" + redisError + ")");
			}
		});
	}

}

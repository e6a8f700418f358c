package io.ringside.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.audit.AuditTrail.CardOpening;
import io.ringside.shared.OncePerSecond;
import io.ringside.shared.RunningSubscription;

/**
 * Records the openings of client cards without slowing them down: a card is opened on
 * every screen pop. {@link #opened} never waits; it puts the opening in a bounded queue
 * ({@code ringside.audit.card-queue-size}) that is written in batches, one statement
 * each, at least every {@code ringside.audit.card-flush-every}. A batch that PostgreSQL
 * refuses is tried twice more, then left out, counted ({@code ringside.audit.cards.lost})
 * and logged; so is an opening that finds the queue full. Either way the next batches go
 * on.
 */
@Component
public class CardOpenings implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(CardOpenings.class);

	private static final int BATCH = 256;

	private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

	private final AuditTrail trail;

	private final AuditSettings settings;

	private final Clock clock;

	private final Counter lost;

	private final OncePerSecond lossLogged;

	private volatile Sinks.@Nullable Many<CardOpening> queue;

	private final RunningSubscription running = new RunningSubscription();

	private volatile CountDownLatch drained = new CountDownLatch(0);

	CardOpenings(AuditTrail trail, AuditSettings settings, Clock clock, MeterRegistry meters) {
		this.trail = trail;
		this.settings = settings;
		this.clock = clock;
		this.lossLogged = new OncePerSecond(clock);
		this.lost = Counter.builder("ringside.audit.cards.lost")
			.description("Openings of client cards left out of the audit trail: the queue was full or the database "
					+ "refused them")
			.register(meters);
	}

	/**
	 * Queues the opening of the client's card by this login, at this moment; any thread,
	 * never waits. False when it is not recorded (the queue is full or the application is
	 * stopping).
	 */
	public boolean opened(String login, long clientId) {
		CardOpening opening = new CardOpening(clock.instant(), login, clientId);
		Sinks.Many<CardOpening> current = queue;
		Sinks.EmitResult result;
		if (current == null) {
			result = Sinks.EmitResult.FAIL_TERMINATED;
		}
		else {
			// Several event loops open cards at once; the sink takes one emitter at a
			// time.
			synchronized (current) {
				result = current.tryEmitNext(opening);
			}
		}
		if (result.isSuccess()) {
			return true;
		}
		lose(1, "(" + result + ")");
		return false;
	}

	@Override
	public synchronized void start() {
		if (running.isRunning()) {
			return;
		}
		Sinks.Many<CardOpening> fresh = Sinks.many()
			.unicast()
			.onBackpressureBuffer(Queues.<CardOpening>get(settings.cardQueueSize()).get());
		CountDownLatch done = new CountDownLatch(1);
		drained = done;
		queue = fresh;
		running.start(fresh.asFlux()
			.bufferTimeout(BATCH, settings.cardFlushEvery(), true)
			.concatMap(this::write)
			.doFinally(signal -> done.countDown())
			.subscribe(null, error -> log.error("Card openings are no longer recorded", error)));
	}

	private Mono<Void> write(List<CardOpening> batch) {
		return Mono.defer(() -> trail.appendOpenings(batch))
			.retryWhen(Retry.backoff(2, Duration.ofMillis(200)))
			.onErrorResume(error -> {
				lose(batch.size(), "(" + (Exceptions.isRetryExhausted(error) ? error.getCause() : error) + ")");
				return Mono.empty();
			});
	}

	private void lose(int openings, String why) {
		lost.increment(openings);
		if (lossLogged.now()) {
			log.warn(openings + " card openings not recorded in the audit trail " + why + "; " + (long) lost.count()
					+ " so far");
		}
	}

	/** Takes no more openings and waits briefly for those queued to be written. */
	@Override
	public synchronized void stop() {
		Sinks.Many<CardOpening> current = queue;
		if (current == null) {
			return;
		}
		queue = null;
		synchronized (current) {
			current.tryEmitComplete();
		}
		try {
			if (!drained.await(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Stopped with card openings not yet written to the audit trail");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// Drained, the pipeline has completed and disposing it does nothing; otherwise
		// this cuts it short.
		running.stop();
	}

	/**
	 * Started before the web server and stopped after it: no request finds the queue
	 * gone.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	@Override
	public boolean isRunning() {
		return running.isRunning();
	}

}

package io.ringside.calls;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.calls.RoutedCallEvent.Ended;
import io.ringside.routing.Router;
import io.ringside.shared.Failures;
import io.ringside.shared.RunningSubscription;

/**
 * The one place where the call pipelines are subscribed, started and stopped with the
 * application.
 * <ul>
 * <li>Finished calls: each call the routed-call projection ends ({@link RoutedCalls},
 * with its legs, transfers and outcome) is handed over ({@link HandOff}), on the thread
 * that ended it and with no buffer that could drop, to the Redis Stream, from which
 * {@link StreamRecorder} writes it to PostgreSQL (see {@code docs/recording.md}).</li>
 * <li>Route decisions: handed over the same way, as they are made.</li>
 * <li>Overdue callbacks: escalated to the head of sales every
 * {@code ringside.callbacks.escalation-check}.</li>
 * </ul>
 */
@Component
class CallPipeline implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(CallPipeline.class);

	private final RoutedCalls routedCalls;

	private final Router router;

	private final HandOff handOff;

	private final StreamRecorder streamRecorder;

	private final Callbacks callbacks;

	private final CallbackSettings settings;

	private static final Duration HAND_OFF_GRACE = Duration.ofSeconds(5);

	private final RunningSubscription producers = new RunningSubscription();

	private final RunningSubscription running = new RunningSubscription();

	private @Nullable CountDownLatch handOffDrained;

	CallPipeline(RoutedCalls routedCalls, Router router, HandOff handOff, StreamRecorder streamRecorder,
			Callbacks callbacks, CallbackSettings settings) {
		this.routedCalls = routedCalls;
		this.router = router;
		this.handOff = handOff;
		this.streamRecorder = streamRecorder;
		this.callbacks = callbacks;
		this.settings = settings;
	}

	@Override
	public synchronized void start() {
		// The hand-off runs before anything is handed to it.
		CountDownLatch drained = new CountDownLatch(1);
		handOffDrained = drained;
		Disposable handing = handOff.run()
			.doFinally(signal -> drained.countDown())
			.subscribe(null, error -> log.error("The hand-off stopped", error));
		Disposable writing = streamRecorder.run()
			.subscribe(null, error -> log.error("Writing finished calls stopped", error));
		// No buffer that could drop: each call the projection ends (on the thread that
		// ended it) is handed to a queue
		// that never waits (see HandOff).
		Disposable calls = routedCalls.events()
			.ofType(Ended.class)
			.map(FinishedCall::of)
			.subscribe(handOff::offer, error -> log.error("Finished calls are no longer handed over", error));
		Disposable routes = router.decisions()
			.map(RouteRow::of)
			.subscribe(handOff::offer, error -> log.error("Route decisions are no longer handed over", error));
		Disposable escalation = Flux.interval(settings.escalationCheck())
			.onBackpressureDrop()
			.concatMap(tick -> callbacks.escalateOverdue()
				.onErrorResume(Failures.skip(log, () -> "Could not escalate overdue callbacks")))
			.filter(Objects::nonNull)
			.subscribe(escalated -> {
				if (escalated > 0) {
					log.info(escalated + " overdue callbacks escalated to the head of sales");
				}
			});
		producers.start(Disposables.composite(calls, routes));
		running.start(Disposables.composite(handing, writing, escalation));
	}

	@Override
	public synchronized void stop() {
		if (!running.isRunning()) {
			return;
		}
		// What was handed over but not yet taken by Redis (or PostgreSQL) gets a moment
		// to get there: only a crash,
		// not a stop, should lose it. Called on the thread that closes the context, never
		// an event loop.
		producers.stop();
		handOff.finish();
		// Set by start(), and running means start() ran.
		CountDownLatch drained = Objects.requireNonNull(handOffDrained, "handOffDrained");
		try {
			if (!drained.await(HAND_OFF_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				log.error("Stopped with finished calls not handed over: neither Redis nor PostgreSQL took them within "
						+ HAND_OFF_GRACE);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		running.stop();
	}

	@Override
	public boolean isRunning() {
		return running.isRunning();
	}

}

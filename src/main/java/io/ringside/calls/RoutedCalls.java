package io.ringside.calls;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.routing.RouteDecided;
import io.ringside.routing.Router;
import io.ringside.shared.OncePerSecond;
import io.ringside.shared.RunningSubscription;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.LastFour;
import io.ringside.telephony.Pbx;

/**
 * Runs the {@link CallProjection} and publishes what it emits on {@link #events()}.
 * <p>
 * Threads: the tracker's call events, this instance's routing decisions and a tick every
 * second are each applied on the thread they arrive on (the tracker's, the router's
 * {@code route-decisions}, the tick's), one at a time under one lock, and what they emit
 * is published before the lock is let go, so every subscriber sees the projection's
 * order. There is no buffer before the projection: the recorder's path (an {@code Ended}
 * handed over to the Redis Stream) drops nothing, as the tracker's own events do not. The
 * projection is in-memory work of microseconds, so no producer waits on the lock
 * noticeably. Consumers that do slower work take {@link #events(String, int)}, a bounded
 * buffer of their own whose drops are counted and logged.
 */
@Component
public class RoutedCalls implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(RoutedCalls.class);

	private static final Duration TICK = Duration.ofSeconds(1);

	private final Pbx pbx;

	private final Router router;

	private final Clock clock;

	private final MeterRegistry meters;

	private final CallProjection projection = new CallProjection();

	/** Held while an input is applied and its events published. */
	private final Object projecting = new Object();

	private final Sinks.Many<RoutedCallEvent> output = Sinks.many().multicast().directBestEffort();

	private final Counter undelivered;

	private final RunningSubscription running = new RunningSubscription();

	RoutedCalls(Pbx pbx, Router router, Clock clock, MeterRegistry meters) {
		this.pbx = pbx;
		this.router = router;
		this.clock = clock;
		this.meters = meters;
		this.undelivered = Counter.builder("ringside.routed-calls.undelivered")
			.description("Routed-call events no subscriber was ready for")
			.register(meters);
	}

	/**
	 * Every routed-call event, in the projection's order, emitted while the projection
	 * holds its lock. Hot: a subscriber sees what happens after it subscribes. No buffer:
	 * a subscriber must take each event at once (never block, keep demand); one that is
	 * not ready misses it. Consumers that do slower work use
	 * {@link #events(String, int)}.
	 */
	public Flux<RoutedCallEvent> events() {
		return output.asFlux();
	}

	/**
	 * {@link #events()} through a bounded buffer of this consumer's own: past
	 * {@code bufferSize} waiting events the newest are dropped for this consumer alone,
	 * counted as {@code ringside.routed-calls.dropped{consumer=...}} and logged a line a
	 * second at most.
	 */
	public Flux<RoutedCallEvent> events(String consumer, int bufferSize) {
		Counter dropped = Counter.builder("ringside.routed-calls.dropped")
			.description("Routed-call events a consumer missed because its own buffer was full")
			.tag("consumer", consumer)
			.register(meters);
		OncePerSecond logged = new OncePerSecond(clock);
		return output.asFlux().onBackpressureBuffer(bufferSize, event -> {
			dropped.increment();
			if (logged.now()) {
				log.error("Routed-call events dropped for " + consumer + ", which is behind by " + bufferSize
						+ " events; " + (long) dropped.count() + " dropped so far");
			}
		}, BufferOverflowStrategy.DROP_LATEST);
	}

	@Override
	public synchronized void start() {
		Disposable calls = pbx.events()
			.ofType(CallEvent.class)
			.subscribe(this::take, error -> log.error("Call events no longer reach the projection", error));
		Disposable routings = router.decisions()
			.subscribe(this::take, error -> log.error("Routings no longer reach the projection", error));
		Disposable ticks = Flux.interval(TICK)
			.onBackpressureDrop()
			.subscribe(tick -> take(Tick.TICK), error -> log.error("The projection's clock stopped", error));
		running.start(Disposables.composite(calls, routings, ticks));
	}

	/**
	 * Any producer's thread: applies one input and publishes what it emits, one input at
	 * a time.
	 */
	private void take(Object input) {
		synchronized (projecting) {
			apply(input).forEach(this::publish);
		}
	}

	private List<RoutedCallEvent> apply(Object input) {
		try {
			if (input instanceof CallEvent event) {
				return projection.on(event);
			}
			if (input instanceof RouteDecided decided) {
				return projection.routed(decided);
			}
			return projection.tick(clock.instant());
		}
		catch (RuntimeException ex) {
			log.error("Could not project " + LastFour.in(input), ex);
			return List.of();
		}
	}

	private void publish(RoutedCallEvent event) {
		Sinks.EmitResult result = output.tryEmitNext(event);
		if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
			undelivered.increment();
			log.error("Routed-call event " + event.getClass().getSimpleName() + " of call " + event.callId()
					+ " not delivered (" + result + "): no subscriber was ready");
		}
	}

	@Override
	public void stop() {
		running.stop();
	}

	@Override
	public boolean isRunning() {
		return running.isRunning();
	}

	private enum Tick {

		TICK

	}

}

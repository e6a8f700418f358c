package io.ringside.calls;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.routing.RouteDecided;
import io.ringside.routing.Router;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.Pbx;

/**
 * Runs the {@link CallProjection}: the tracker's call events, this instance's routing decisions and a tick every
 * second meet in one bounded buffer (past it an input is dropped, counted in {@code ringside.routed-calls.dropped}
 * and logged) and are applied one at a time on a thread of its own ({@code routed-calls}); what the projection emits
 * is published on {@link #events()}.
 */
@Component
public class RoutedCalls implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(RoutedCalls.class);

	/** Inputs waiting for the projection, at most. */
	static final int BUFFER = 10_000;

	private static final Duration TICK = Duration.ofSeconds(1);

	private final Pbx pbx;

	private final Router router;

	private final Clock clock;

	private final CallProjection projection = new CallProjection();

	private final Sinks.Many<RoutedCallEvent> output = Sinks.many().multicast().directBestEffort();

	private final Counter dropped;

	private final Counter undelivered;

	private Scheduler thread;

	private Disposable running;

	RoutedCalls(Pbx pbx, Router router, Clock clock, MeterRegistry meters) {
		this.pbx = pbx;
		this.router = router;
		this.clock = clock;
		this.dropped = Counter.builder("ringside.routed-calls.dropped")
			.description("Call events and routings dropped because the routed-call projection was behind")
			.register(meters);
		this.undelivered = Counter.builder("ringside.routed-calls.undelivered")
			.description("Routed-call events a subscriber was not ready for")
			.register(meters);
	}

	/**
	 * Every routed-call event, in the projection's order, emitted on its thread. Hot: a subscriber sees what happens
	 * after it subscribes. Subscribers must not block, and should buffer (a subscriber not ready misses the event).
	 */
	public Flux<RoutedCallEvent> events() {
		return output.asFlux();
	}

	@Override
	public synchronized void start() {
		thread = Schedulers.newSingle("routed-calls");
		Flux<Object> calls = pbx.events().ofType(CallEvent.class).cast(Object.class);
		Flux<Object> routings = router.decisions().cast(Object.class);
		Flux<Object> ticks = Flux.interval(TICK).onBackpressureDrop().map(tick -> Tick.TICK);
		running = Flux.merge(calls, routings, ticks)
			.onBackpressureBuffer(BUFFER, this::dropped, BufferOverflowStrategy.DROP_LATEST)
			.publishOn(thread, 256)
			.concatMapIterable(this::apply)
			.subscribe(this::publish, error -> log.error("The routed-call projection stopped", error));
	}

	/** The projection's thread. */
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
			log.error("Could not project " + input, ex);
			return List.of();
		}
	}

	private void publish(RoutedCallEvent event) {
		Sinks.EmitResult result = output.tryEmitNext(event);
		if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
			undelivered.increment();
			log.error("Routed-call event " + event.getClass().getSimpleName() + " of call " + event.callId()
					+ " not delivered (" + result + "): a subscriber is too slow");
		}
	}

	private void dropped(Object input) {
		dropped.increment();
		log.error("Not projected, the routed-call projection is behind: " + input);
	}

	@Override
	public synchronized void stop() {
		if (running != null) {
			running.dispose();
			running = null;
		}
		if (thread != null) {
			thread.dispose();
			thread = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return running != null;
	}

	private enum Tick {
		TICK
	}

}

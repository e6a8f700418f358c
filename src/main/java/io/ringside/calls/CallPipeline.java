package io.ringside.calls;

import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.presence.DeviceState;
import io.ringside.presence.Presence;
import io.ringside.routing.Router;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.DeviceStateChanged;
import io.ringside.telephony.Pbx;

/**
 * The one place where the call pipelines are subscribed, started and stopped with the application.
 * <ul>
 * <li>Call events: collected per call in order (on the tracker's thread, where they arrive), then each finished call
 * is recorded, one at a time, in its own transaction. A call that fails to record is logged and the next one goes
 * on.</li>
 * <li>Device states: written to Redis for routing, a few at a time.</li>
 * <li>Route decisions: written as they are made.</li>
 * <li>Overdue callbacks: escalated to the head of sales every {@code ringside.callbacks.escalation-check}.</li>
 * </ul>
 */
@Component
class CallPipeline implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(CallPipeline.class);

	private final Pbx pbx;

	private final Router router;

	private final CallRecorder recorder;

	private final Presence presence;

	private final Callbacks callbacks;

	private final CallbackSettings settings;

	private final CallLog callLog = new CallLog();

	private Disposable.Composite running;

	CallPipeline(Pbx pbx, Router router, CallRecorder recorder, Presence presence, Callbacks callbacks,
			CallbackSettings settings) {
		this.pbx = pbx;
		this.router = router;
		this.recorder = recorder;
		this.presence = presence;
		this.callbacks = callbacks;
		this.settings = settings;
	}

	@Override
	public synchronized void start() {
		Disposable calls = pbx.events()
			.ofType(CallEvent.class)
			.mapNotNull(callLog::on)
			.onBackpressureBuffer(10_000, dropped -> log.error("Call not recorded, the recorder is behind: " + dropped),
					BufferOverflowStrategy.DROP_LATEST)
			.concatMap(call -> recorder.record(call)
				.onErrorResume(error -> {
					log.error("Could not record call " + call.ended().callId(), error);
					return Mono.empty();
				}), 32)
			.subscribe();
		Disposable devices = pbx.events("presence", 10_000)
			.ofType(DeviceStateChanged.class)
			.flatMap(change -> presence.setDeviceState(change.device(), DeviceState.parse(change.state().name()))
				.onErrorResume(error -> {
					log.warn("Could not store the state of " + change.device() + ": " + error);
					return Mono.empty();
				}), 4)
			.subscribe();
		Disposable routes = router.decisions()
			.onBackpressureBuffer(10_000, dropped -> log.error("Route decision not recorded: " + dropped),
					BufferOverflowStrategy.DROP_LATEST)
			.flatMap(decided -> recorder.record(decided).onErrorResume(error -> {
				log.error("Could not record the route of call " + decided.request().callId(), error);
				return Mono.empty();
			}), 8)
			.subscribe();
		Disposable escalation = Flux.interval(settings.escalationCheck())
			.onBackpressureDrop()
			.concatMap(tick -> callbacks.escalateOverdue().onErrorResume(error -> {
				log.warn("Could not escalate overdue callbacks: " + error);
				return Mono.empty();
			}))
			.filter(Objects::nonNull)
			.subscribe(escalated -> {
				if (escalated > 0) {
					log.info(escalated + " overdue callbacks escalated to the head of sales");
				}
			});
		running = Disposables.composite(calls, devices, routes, escalation);
	}

	@Override
	public synchronized void stop() {
		if (running != null) {
			running.dispose();
			running = null;
		}
	}

	@Override
	public boolean isRunning() {
		return running != null;
	}

}

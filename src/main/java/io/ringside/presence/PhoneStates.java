package io.ringside.presence;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.telephony.DeviceStateChanged;
import io.ringside.telephony.Pbx;

/**
 * Each phone's state as the PBX reports it, written to Redis
 * ({@link Presence#setDeviceState}) for routing: the one place the PBX's device-state
 * events are subscribed, started and stopped with the application.
 * <p>
 * The events come through a buffer of this consumer's own ({@code consumer=presence}, see
 * {@link Pbx#events(String, int)}); each is taken in at once, whatever Redis does (writes
 * are Presence's rounds, which wait for nobody): a state that waited for its write fell
 * behind the PBX when Redis slowed, and past the buffer the events were lost.
 * <p>
 * Threads: events arrive on the PBX tracker's thread; writes complete on Lettuce's
 * threads.
 */
@Component
class PhoneStates implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(PhoneStates.class);

	/**
	 * The metric's {@code consumer} tag:
	 * {@code ringside.call.events.dropped{consumer=presence}}.
	 */
	private static final String CONSUMER = "presence";

	private static final int BUFFER = 10_000;

	private final Pbx pbx;

	private final Presence presence;

	private @Nullable Disposable running;

	PhoneStates(Pbx pbx, Presence presence) {
		this.pbx = pbx;
		this.presence = presence;
	}

	@Override
	public synchronized void start() {
		running = pbx.events(CONSUMER, BUFFER)
			.ofType(DeviceStateChanged.class)
			.subscribe(change -> presence.deviceStateHeard(change.device(), DeviceState.parse(change.state().name())),
					error -> log.error("Phone states stopped", error));
	}

	@Override
	public synchronized void stop() {
		if (running != null) {
			running.dispose();
			running = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return running != null;
	}

}

package io.ringside.telephony.ami;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.RawEventConnection;
import org.asteriskjava.manager.response.ManagerError;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.shared.Failures;
import io.ringside.telephony.AmiEndpoint;
import io.ringside.telephony.AmiEvent;
import io.ringside.telephony.CallTracker;
import io.ringside.telephony.Pbx;
import io.ringside.telephony.PbxSettings;
import io.ringside.telephony.TelephonyEvent;

/**
 * The one Asterisk-Java manager connection, and the pipeline from its events to
 * {@link TelephonyEvent}s.
 * <ul>
 * <li>Login runs on the bounded-elastic scheduler, retried with exponential backoff
 * ({@code ringside.pbx.ami.reconnect-min} to {@code reconnect-max}) until the PBX
 * answers. Once logged in, Asterisk-Java reconnects by itself when the PBX goes
 * away.</li>
 * <li>After every (re)connect, the active channels are read with CoreShowChannels and
 * given to the tracker, so a call that started while Ringside was disconnected is still
 * followed, and one that ended meanwhile is closed; and the device states are listed
 * ({@link DeviceStateList}), so a phone that changed meanwhile is known as it is.</li>
 * <li>Every {@code ringside.pbx.ami.reconcile-interval} the channels are listed again,
 * and each call the tracker followed before the list was asked for and that has no
 * channel left in it is ended (its Hangup was lost): counted in
 * {@code ringside.calls.reconciled}. The tracker notes the calls it follows through the
 * same buffer as the events, so a call that starts while the list is on its way is never
 * among them.</li>
 * <li>The events of calls are read raw ({@link AmiEvents#RAW}) and handed over on
 * Asterisk-Java's reader thread; the few others come typed through its event pump. Either
 * way the listener only maps the event and offers it to a bounded buffer
 * ({@code ringside.pbx.ami.buffer-size}); when the buffer is full the event is counted
 * ({@code ringside.ami.events.dropped}) and logged (a line a second at most), never
 * waited for, so a slow consumer cannot stall the reader.</li>
 * <li>One thread of its own ({@code call-tracker}) drains the buffer into the
 * single-threaded {@link CallTracker}; an event that makes the tracker fail is logged and
 * skipped, the pipeline goes on.</li>
 * <li>The tracker's events reach each consumer through {@link EventFanOut}: a buffer per
 * consumer, so a slow one never makes another drop.</li>
 * </ul>
 */
@Component
class AmiConnection implements Pbx, SmartLifecycle {

	private static final Log log = LogFactory.getLog(AmiConnection.class);

	private static final long ACTION_TIMEOUT_MS = 5_000;

	private final PbxSettings settings;

	private final ObjectProvider<AmiEndpoint> endpoints;

	private final TrackerBuffer buffer;

	private final Tracking tracking;

	private final EventFanOut output;

	private @Nullable Scheduler trackerThread;

	private @Nullable Disposable pipeline;

	private @Nullable Disposable login;

	private @Nullable Disposable reconciling;

	private volatile @Nullable ManagerConnection connection;

	private volatile boolean running;

	AmiConnection(PbxSettings settings, ObjectProvider<AmiEndpoint> endpoints, Clock clock, MeterRegistry meters) {
		this.settings = settings;
		this.endpoints = endpoints;
		this.buffer = new TrackerBuffer(settings.ami().bufferSize(), meters, clock);
		this.tracking = new Tracking(new CallTracker(clock), clock, meters);
		this.output = new EventFanOut(meters, clock);
	}

	@Override
	public Flux<TelephonyEvent> events() {
		return output.events();
	}

	@Override
	public Flux<TelephonyEvent> events(String consumer, int bufferSize) {
		return output.events(consumer, bufferSize);
	}

	@Override
	public boolean connected() {
		ManagerConnection current = connection;
		return current != null && current.getState() == ManagerConnectionState.CONNECTED;
	}

	@Override
	public Mono<Void> originate(String fromDevice, String number, String callerId) {
		return Mono.fromCallable(() -> {
			ManagerConnection current = connection;
			if (current == null || current.getState() != ManagerConnectionState.CONNECTED) {
				throw new IllegalStateException("Not connected to the PBX");
			}
			OriginateAction originate = new OriginateAction();
			originate.setChannel(AmiValues.plain(fromDevice));
			originate.setContext("ringside-outbound");
			originate.setExten(AmiValues.plain(number));
			originate.setPriority(1);
			originate.setCallerId(AmiValues.plain(callerId));
			originate.setAsync(true);
			originate.setTimeout(30_000L);
			return current.sendAction(originate, ACTION_TIMEOUT_MS);
		})
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(response -> response instanceof ManagerError error
					? Mono.error(new IllegalStateException("The PBX refused to dial: " + error.getMessage()))
					: Mono.empty());
	}

	@Override
	public synchronized void start() {
		AmiEndpoint endpoint = endpoints.getIfAvailable(() -> new AmiEndpoint(settings.ami().host(),
				settings.ami().port(), settings.ami().username(), settings.ami().password()));
		trackerThread = Schedulers.newSingle("call-tracker");
		pipeline = buffer.open()
			.publishOn(trackerThread, 256)
			.concatMapIterable(tracking::track)
			.subscribe(output::publish, error -> log.error("The call pipeline stopped", error));
		ManagerConnection created = new RawEventConnection(endpoint.host(), endpoint.port(), endpoint.username(),
				endpoint.password(), AmiEvents.RAW, this::onRawEvent);
		created.addEventListener(this::onManagerEvent);
		connection = created;
		login = Mono.fromCallable(() -> {
			created.login();
			return created;
		})
			.subscribeOn(Schedulers.boundedElastic())
			.retryWhen(Retry.backoff(Long.MAX_VALUE, settings.ami().reconnectMin())
				.maxBackoff(settings.ami().reconnectMax())
				.doBeforeRetry(signal -> log.warn("PBX manager interface at " + endpoint.host() + ":" + endpoint.port()
						+ " not reachable (" + signal.failure() + "); trying again")))
			.subscribe(loggedIn -> log.info("Logged in to the PBX at " + endpoint.host() + ":" + endpoint.port()),
					error -> log.error("Gave up logging in to the PBX", error));
		Duration every = settings.ami().reconcileInterval();
		if (every != null && !every.isNegative() && !every.isZero()) {
			reconciling = Flux.interval(every, every)
				.onBackpressureDrop()
				.concatMap(tick -> reconcile(), 1)
				.subscribe();
		}
		running = true;
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (login != null) {
			login.dispose();
		}
		if (reconciling != null) {
			reconciling.dispose();
		}
		ManagerConnection current = connection;
		connection = null;
		if (current != null && current.getState() == ManagerConnectionState.CONNECTED) {
			try {
				current.logoff();
			}
			catch (RuntimeException ex) {
				log.debug("Logoff failed while stopping", ex);
			}
		}
		if (pipeline != null) {
			pipeline.dispose();
		}
		if (trackerThread != null) {
			trackerThread.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Asterisk-Java's reader thread: map, offer, return. */
	private void onRawEvent(String name, String[] names, String[] values, int count) {
		AmiEvent event = AmiEvents.raw(name, names, values, count);
		if (event != null) {
			buffer.offer(TrackerInput.event(event));
		}
	}

	/** Asterisk-Java's event pump: map, offer, return. */
	private void onManagerEvent(ManagerEvent event) {
		if (event instanceof ConnectEvent) {
			TrackerInput.Round round = new TrackerInput.Round();
			buffer.offer(TrackerInput.mark(round));
			rebuild(round);
			ManagerConnection current = connection;
			if (current != null) {
				AmiEventFilter.install(current, ACTION_TIMEOUT_MS)
					.subscribe(filtered -> log.debug("AMI event filter in place: " + filtered),
							error -> log.warn("Could not set the AMI event filter; every event is read: " + error));
				DeviceStateList.ask(current, ACTION_TIMEOUT_MS)
					.subscribe(listed -> log.debug("PBX device states listed: " + listed),
							error -> log.warn("Could not list the PBX's device states: " + error));
			}
			return;
		}
		AmiEvents.toAmi(event).ifPresent(ami -> buffer.offer(TrackerInput.event(ami)));
	}

	private void rebuild(TrackerInput.Round round) {
		ManagerConnection current = connection;
		if (current == null) {
			return;
		}
		Mono.fromCallable(() -> current.sendEventGeneratingAction(new CoreShowChannelsAction(), ACTION_TIMEOUT_MS))
			.subscribeOn(Schedulers.boundedElastic())
			.map(AmiConnection::channels)
			.subscribe(channels -> {
				log.info("Connected to the PBX; " + channels.size() + " channels active");
				buffer.offer(TrackerInput.seed(round, channels));
			}, error -> log.warn("Could not read the active channels after connecting", error));
	}

	/**
	 * One round of reconciliation: the tracker notes the calls it follows (a mark put in
	 * the buffer before the action is sent), then ends those the PBX's list does not
	 * have. A round whose list fails or times out ends nothing.
	 */
	private Mono<Void> reconcile() {
		ManagerConnection current = connection;
		if (current == null || current.getState() != ManagerConnectionState.CONNECTED) {
			return Mono.empty();
		}
		TrackerInput.Round round = new TrackerInput.Round();
		buffer.offer(TrackerInput.mark(round));
		return Mono
			.fromCallable(() -> current.sendEventGeneratingAction(new CoreShowChannelsAction(), ACTION_TIMEOUT_MS))
			.subscribeOn(Schedulers.boundedElastic())
			.filter(response -> !(response.getResponse() instanceof ManagerError))
			.map(AmiConnection::channels)
			.doOnNext(channels -> buffer.offer(TrackerInput.listed(round, channels)))
			.onErrorResume(Failures.skip(log, () -> "Could not list the PBX's channels to reconcile the calls"))
			.then();
	}

	private static List<AmiEvent> channels(ResponseEvents response) {
		List<AmiEvent> channels = new ArrayList<>();
		for (var event : response.getEvents()) {
			AmiEvents.toAmi(event).ifPresent(channels::add);
		}
		return channels;
	}

}

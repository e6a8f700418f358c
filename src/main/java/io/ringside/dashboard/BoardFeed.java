package io.ringside.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.calls.RoutedCallEvent.Routed;
import io.ringside.calls.RoutedCallEvent;
import io.ringside.calls.RoutedCalls;
import io.ringside.clients.CallerDirectory;
import io.ringside.presence.Presence;
import io.ringside.push.Push;
import io.ringside.shared.Deadline;
import io.ringside.shared.Failures;
import io.ringside.shared.RunningSubscription;
import io.ringside.telephony.DeviceStateChanged;
import io.ringside.telephony.Pbx;

/**
 * Keeps this instance's {@link Board} and sends its changes to the supervisors connected
 * to this instance. Calls come from the routed-call projection ({@link RoutedCalls}),
 * which owns merges, the order of routings and PBX events, and letting go of routed calls
 * the PBX never showed; phones' states come from the PBX.
 * <p>
 * <b>Several instances.</b> Every instance follows the same PBX, so every instance sees
 * every call and device event and keeps a board of its own; what only some instance knows
 * comes from the stores all of them share: routings made elsewhere from
 * {@code route_decisions} (read every {@code ringside.dashboard.tick} for inbound calls
 * in progress whose routing is unknown here), presence from Redis, and the team (when it
 * changed: {@link TeamRefresh}), today's recorded calls and the open callbacks from
 * PostgreSQL (every {@code ringside.dashboard.refresh}, and at start, so the figures are
 * right after a restart). Each instance therefore delivers its board's changes to <em>its
 * own</em> sessions only ({@link Push#toTopicOnThisInstance}): relayed through Redis like
 * other pushes, a supervisor would receive every change once per instance, with versions
 * from different boards mixed. A supervisor's snapshot and changes come from the same
 * board, so its versions are one sequence.
 * <p>
 * Threads: every input meets on one thread of its own ({@code dashboard}), where the
 * board is changed and read; the reads from the stores run on their drivers' threads and
 * hand their results to it. A failed read or an input that throws is logged and the next
 * one goes on. Inputs arriving within {@code ringside.dashboard.gather} of each other are
 * applied together and sent as one change.
 */
@Component
class BoardFeed implements Dashboard, SmartLifecycle {

	private static final Log log = LogFactory.getLog(BoardFeed.class);

	/** At most this many inputs go into one change. */
	private static final int GATHERED = 256;

	/** How long a routing waits for the name of someone new to the board. */
	private static final Duration NAME_TIMEOUT = Duration.ofSeconds(2);

	/** Changes waiting to be sent, at most. */
	private static final int CHANGES_WAITING = 1_000;

	private final Pbx pbx;

	private final RoutedCalls routedCalls;

	private final Presence presence;

	private final RecordedCalls records;

	private final Push push;

	private final DashboardSettings settings;

	private final Clock clock;

	private final RecordedToday recordedToday;

	private volatile @Nullable Board board;

	private final TeamRefresh team;

	/**
	 * Asks for a refresh before the next interval: a routing named someone the board does
	 * not know yet.
	 */
	private final Sinks.Many<Long> refreshNow = Sinks.many().multicast().directBestEffort();

	private @Nullable Scheduler thread;

	private final RunningSubscription running = new RunningSubscription();

	BoardFeed(Pbx pbx, RoutedCalls routedCalls, Presence presence, RecordedCalls records, CallerDirectory directory,
			Push push, DashboardSettings settings, Clock clock) {
		this.pbx = pbx;
		this.team = new TeamRefresh(records, directory, presence);
		this.routedCalls = routedCalls;
		this.presence = presence;
		this.records = records;
		this.push = push;
		this.settings = settings;
		this.clock = clock;
		this.recordedToday = new RecordedToday(records, settings.zone(), clock);
	}

	@Override
	public Mono<DashboardSnapshot> snapshot() {
		Scheduler on = thread;
		if (on == null) {
			return Mono.error(new IllegalStateException("The dashboard is not running"));
		}
		// Read and emitted in one task on the board's thread, when asked for (subscribeOn
		// moves the request there):
		// whoever sends it on at once (the STOMP subscription) has it queued before any
		// later change. A callable
		// would be read on subscribe and could be emitted later on the requester's
		// thread, after newer changes.
		return Mono.<DashboardSnapshot>create(sink -> sink.onRequest(n -> {
			try {
				sink.success(board().snapshot(clock.instant()));
			}
			catch (RuntimeException ex) {
				sink.error(ex);
			}
		})).subscribeOn(on);
	}

	@Override
	public synchronized void start() {
		Scheduler on = Schedulers.newSingle("dashboard");
		thread = on;
		board = new Board(settings.zone(), settings.serviceLevelThreshold(), clock.instant());
		Flux<Input> devices = pbx.events("board", 10_000)
			.ofType(DeviceStateChanged.class)
			.map(event -> b -> b.on(event));
		Flux<Input> calls = routedCalls.events("board", 10_000)
			// in order: a routing that names someone new waits for their name, and the
			// call's next events for it
			.concatMap(this::named, 256);
		Flux<Input> statuses = presence.changes()
			.map(change -> b -> b.availability(change.login(), change.availability(), change.at()));
		Flux<Input> ticks = Flux.interval(settings.tick())
			.onBackpressureDrop()
			.concatMap(tick -> Flux.<Input>just(b -> b.tick(clock.instant())).concatWith(routedElsewhere(on)));
		Flux<Input> refreshes = Flux.merge(Flux.interval(Duration.ZERO, settings.refresh()), refreshNow.asFlux())
			.onBackpressureDrop()
			.concatMap(tick -> refresh());
		running.start(Flux.merge(devices, calls, statuses, ticks, refreshes)
			.onBackpressureBuffer(10_000, dropped -> log.error("Dashboard input dropped, the board is behind"),
					BufferOverflowStrategy.DROP_LATEST)
			.publishOn(on, 256)
			// Not the fair-backpressure variant: in reactor-core 3.8.6 it can hold inputs
			// past their time until the
			// next input comes (see database.Batches). This one needs unbounded demand,
			// which the buffer below gives it.
			.bufferTimeout(GATHERED, settings.gather(), on)
			.mapNotNull(this::apply)
			// Changes the pushes cannot keep up with make way; a page that misses a
			// version subscribes again.
			.onBackpressureBuffer(CHANGES_WAITING,
					dropped -> log.warn("Dashboard change " + dropped.version() + " dropped, sending is behind"),
					BufferOverflowStrategy.DROP_OLDEST)
			.concatMap(change -> push.toTopicOnThisInstance(Push.DASHBOARD, change)
				.onErrorResume(Failures.skip(log, () -> "Dashboard change " + change.version() + " not sent")))
			.subscribe(null, error -> log.error("The dashboard stopped", error)));
	}

	/** The board's thread: the inputs gathered, as one change. */
	private @Nullable DashboardChange apply(List<Input> inputs) {
		try {
			Board current = board();
			return current.together(() -> inputs.forEach(input -> {
				try {
					input.apply(current);
				}
				catch (RuntimeException ex) {
					log.error("Could not update the dashboard", ex);
				}
			}));
		}
		catch (RuntimeException ex) {
			log.error("Could not compare the dashboard with what it showed", ex);
			return null;
		}
	}

	/**
	 * A call's event as an input; a routing that names someone the board's team does not
	 * have yet comes with their name, and asks for the team to be read again.
	 */
	private Mono<Input> named(RoutedCallEvent event) {
		String login = event instanceof Routed routed ? routed.decided().decision().employeeLogin() : null;
		if (login == null || team.knows(login)) {
			return Mono.just(b -> b.on(event));
		}
		team.want();
		refreshNow.tryEmitNext(0L);
		return records.fullName(login).timeout(NAME_TIMEOUT, Deadline.passed(NAME_TIMEOUT)).map(name -> (Input) b -> {
			b.named(login, name);
			return b.on(event);
		}).onErrorResume(error -> Mono.empty()).defaultIfEmpty(b -> b.on(event));
	}

	/**
	 * Routings made by other instances, for the calls in progress that have none here.
	 */
	private Flux<Input> routedElsewhere(Scheduler on) {
		return Mono.fromCallable(() -> board().unrouted(clock.instant()))
			.subscribeOn(on)
			.flatMapMany(records::routings)
			.map(routing -> (Input) b -> b.routedElsewhere(routing))
			.onErrorResume(Failures.skip(log, () -> "Could not read routings for the dashboard"));
	}

	/**
	 * The team (when it may have changed: {@link TeamRefresh}), presence, open callbacks
	 * and today's recorded calls, as the shared stores have them now.
	 */
	private Flux<Input> refresh() {
		Mono<Input> teamAndPresence = team.read().map(change -> change::apply);
		Mono<Input> callbacks = records.openCallbacks().collectList().map(open -> (Input) b -> b.callbacks(open));
		Mono<Input> recorded = recordedToday.read().map(outcomes -> (Input) b -> b.recorded(outcomes));
		return Flux.concat(quietly(teamAndPresence, "the team and presence"), quietly(callbacks, "open callbacks"),
				quietly(recorded, "today's calls"));
	}

	private static Mono<Input> quietly(Mono<Input> read, String what) {
		return read.onErrorResume(Failures.skip(log, () -> "Could not read " + what + " for the dashboard"));
	}

	/** The board, set by {@link #start()} before any input or request can reach it. */
	private Board board() {
		Board current = board;
		if (current == null) {
			throw new IllegalStateException("The dashboard is not running");
		}
		return current;
	}

	@Override
	public synchronized void stop() {
		running.stop();
		if (thread != null) {
			thread.dispose();
			thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		return running.isRunning();
	}

	/** Something that changes the board, applied on its thread. */
	private interface Input extends Function<Board, @Nullable DashboardChange> {

	}

}

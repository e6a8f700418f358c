package io.ringside.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.crm.CallerMatch;
import io.ringside.dashboard.Board.Member;
import io.ringside.dashboard.Board.Routing;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;
import io.ringside.presence.Presence;
import io.ringside.presence.Presence.Reachability;
import io.ringside.push.Push;
import io.ringside.routing.RouteDecided;
import io.ringside.routing.Router;
import io.ringside.telephony.Pbx;

/**
 * Keeps this instance's {@link Board} and sends its changes to the supervisors connected to this instance.
 * <p>
 * <b>Several instances.</b> Every instance follows the same PBX, so every instance sees every call and device event
 * and keeps a board of its own; what only some instance knows comes from the stores all of them share: routings made
 * elsewhere from {@code route_decisions} (read every {@code ringside.dashboard.tick} for inbound calls in progress
 * whose routing is unknown here), presence from Redis and the team, today's recorded calls and the open callbacks
 * from PostgreSQL (every {@code ringside.dashboard.refresh}, and at start, so the figures are right after a restart).
 * Each instance therefore delivers its board's changes to <em>its own</em> sessions only
 * ({@link Push#toTopicOnThisInstance}): relayed through Redis like other pushes, a supervisor would receive every
 * change once per instance, with versions from different boards mixed. A supervisor's snapshot and changes come from
 * the same board, so its versions are one sequence.
 * <p>
 * Threads: every input meets on one thread of its own ({@code dashboard}), where the board is changed and read; the
 * reads from the stores run on their drivers' threads and hand their results to it. A failed read or an input that
 * throws is logged and the next one goes on. Inputs arriving within {@code ringside.dashboard.gather} of each other
 * are applied together and sent as one change.
 */
@Component
class BoardFeed implements Dashboard, SmartLifecycle {

	private static final Log log = LogFactory.getLog(BoardFeed.class);

	/** At most this many inputs go into one change. */
	private static final int GATHERED = 256;

	/** Changes waiting to be sent, at most. */
	private static final int CHANGES_WAITING = 1_000;

	private final Pbx pbx;

	private final Router router;

	private final Presence presence;

	private final RecordedCalls records;

	private final Push push;

	private final DashboardSettings settings;

	private final Clock clock;

	private volatile Board board;

	private volatile List<Member> team = List.of();

	/** Asks for a refresh before the next interval: a routing named someone the board does not know yet. */
	private final Sinks.Many<Long> refreshNow = Sinks.many().multicast().directBestEffort();

	private Scheduler thread;

	private Disposable running;

	BoardFeed(Pbx pbx, Router router, Presence presence, RecordedCalls records, Push push, DashboardSettings settings,
			Clock clock) {
		this.pbx = pbx;
		this.router = router;
		this.presence = presence;
		this.records = records;
		this.push = push;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public Mono<DashboardSnapshot> snapshot() {
		Scheduler on = thread;
		if (on == null) {
			return Mono.error(new IllegalStateException("The dashboard is not running"));
		}
		// Read and emitted in one task on the board's thread, when asked for (subscribeOn moves the request there):
		// whoever sends it on at once (the STOMP subscription) has it queued before any later change. A callable
		// would be read on subscribe and could be emitted later on the requester's thread, after newer changes.
		return Mono.<DashboardSnapshot>create(sink -> sink.onRequest(n -> {
			try {
				sink.success(board.snapshot(clock.instant()));
			}
			catch (RuntimeException ex) {
				sink.error(ex);
			}
		})).subscribeOn(on);
	}

	@Override
	public synchronized void start() {
		thread = Schedulers.newSingle("dashboard");
		board = new Board(settings.zone(), settings.serviceLevelThreshold(), clock.instant());
		Flux<Input> events = pbx.events("board", 10_000).map(event -> b -> b.on(event));
		Flux<Input> routed = router.decisions()
			.onBackpressureBuffer(1_000, dropped -> log.warn("Routing not shown on the dashboard: " + dropped),
					BufferOverflowStrategy.DROP_LATEST)
			.flatMap(this::routing, 2)
			.map(routing -> b -> b.routed(routing, true));
		Flux<Input> statuses = presence.changes()
			.map(change -> b -> b.availability(change.login(), change.availability(), change.at()));
		Flux<Input> ticks = Flux.interval(settings.tick())
			.onBackpressureDrop()
			.concatMap(tick -> Flux.<Input>just(b -> b.tick(clock.instant())).concatWith(routedElsewhere()));
		Flux<Input> refreshes = Flux.merge(Flux.interval(Duration.ZERO, settings.refresh()), refreshNow.asFlux())
			.onBackpressureDrop()
			.concatMap(tick -> refresh());
		running = Flux.merge(events, routed, statuses, ticks, refreshes)
			.onBackpressureBuffer(10_000, dropped -> log.error("Dashboard input dropped, the board is behind"),
					BufferOverflowStrategy.DROP_LATEST)
			.publishOn(thread, 256)
			// Not the fair-backpressure variant: in reactor-core 3.8.6 it can hold inputs past their time until the
			// next input comes (see crm.Batches). This one needs unbounded demand, which the buffer below gives it.
			.bufferTimeout(GATHERED, settings.gather(), thread)
			.mapNotNull(this::apply)
			// Changes the pushes cannot keep up with make way; a page that misses a version subscribes again.
			.onBackpressureBuffer(CHANGES_WAITING,
					dropped -> log.warn("Dashboard change " + dropped.version() + " dropped, sending is behind"),
					BufferOverflowStrategy.DROP_OLDEST)
			.concatMap(change -> push.toTopicOnThisInstance(Push.DASHBOARD, change).onErrorResume(error -> {
				log.warn("Dashboard change " + change.version() + " not sent: " + error);
				return Mono.empty();
			}))
			.subscribe(null, error -> log.error("The dashboard stopped", error));
	}

	/** The board's thread: the inputs gathered, as one change. */
	private DashboardChange apply(List<Input> inputs) {
		try {
			return board.together(() -> inputs.forEach(input -> {
				try {
					input.apply(board);
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

	/** A routing made here, with the routed employee's name and the calling client's name and owner. */
	private Mono<Routing> routing(RouteDecided decided) {
		String login = decided.decision().employeeLogin();
		String known = team.stream().filter(member -> member.login().equals(login)).map(Member::name).findFirst()
			.orElse(null);
		Mono<Optional<String>> name = Mono.just(Optional.ofNullable(known));
		if (login != null && known == null) {
			// someone new to the board: named now, on the board at the refresh this asks for
			refreshNow.tryEmitNext(0L);
			name = records.fullName(login).map(Optional::of).onErrorResume(error -> Mono.empty())
				.defaultIfEmpty(Optional.empty());
		}
		return name.map(found -> routing(decided, found.orElse(null)));
	}

	/** The routing with the client's name and owner as the router read them: no query of its own. */
	private static Routing routing(RouteDecided decided, String name) {
		CallerMatch caller = decided.caller();
		return new Routing(decided.request().callId(), decided.at(), decided.request().callerNumber(),
				decided.decision().reason().name(), decided.decision().target(), decided.decision().employeeLogin(),
				name, decided.decision().clientId(), caller == null ? null : caller.clientName(),
				caller == null ? null : caller.owner().login());
	}

	/** Routings made by other instances, for the calls in progress that have none here. */
	private Flux<Input> routedElsewhere() {
		return Mono.fromCallable(() -> board.unrouted())
			.subscribeOn(thread)
			.flatMapMany(records::routings)
			.map(routing -> (Input) b -> b.routed(routing, false))
			.onErrorResume(error -> {
				log.warn("Could not read routings for the dashboard: " + error);
				return Flux.empty();
			});
	}

	/** The team, presence, open callbacks and today's recorded calls, as the shared stores have them now. */
	private Flux<Input> refresh() {
		Instant startOfDay = clock.instant().atZone(settings.zone()).toLocalDate().atStartOfDay(settings.zone())
			.toInstant();
		Mono<Input> teamAndPresence = records.team().collectList().flatMap(members -> {
			team = members;
			// one round trip for the whole team
			List<Presence.Person> people = new ArrayList<>(members.size());
			members.forEach(member -> people.add(new Presence.Person(member.login(), member.extension())));
			return presence.reachabilities(people).map(read -> (Input) b -> {
				Map<String, Availability> statuses = new HashMap<>();
				Map<String, DeviceState> devices = new HashMap<>();
				for (int i = 0; i < members.size(); i++) {
					Member member = members.get(i);
					Reachability reach = read.get(i);
					statuses.put(member.login(), reach.availability());
					if (member.extension() != null && reach.deviceState() != DeviceState.UNKNOWN) {
						devices.put(member.extension(), reach.deviceState());
					}
				}
				return b.team(members, statuses, devices);
			});
		});
		Mono<Input> callbacks = records.openCallbackDeadlines()
			.collectList()
			.map(deadlines -> (Input) b -> b.callbacks(deadlines));
		Mono<Input> recorded = records.inboundSince(startOfDay)
			.collectList()
			.map(outcomes -> (Input) b -> b.recorded(outcomes));
		return Flux.concat(quietly(teamAndPresence, "the team and presence"), quietly(callbacks, "open callbacks"),
				quietly(recorded, "today's calls"));
	}

	private static Mono<Input> quietly(Mono<Input> read, String what) {
		return read.onErrorResume(error -> {
			log.warn("Could not read " + what + " for the dashboard: " + error);
			return Mono.empty();
		});
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

	/** Something that changes the board, applied on its thread. */
	private interface Input extends Function<Board, DashboardChange> {
	}

}

package io.ringside.pops;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.calls.Callback;
import io.ringside.calls.Callbacks;
import io.ringside.crm.CallerMatch;
import io.ringside.crm.Cards;
import io.ringside.crm.ClientCard;
import io.ringside.crm.Employee;
import io.ringside.crm.Employees;
import io.ringside.push.Push;
import io.ringside.routing.RouteDecided;
import io.ringside.routing.Router;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallEvent.CallTransferred;
import io.ringside.telephony.Pbx;

/**
 * Sends the pops: when a call is routed to someone (or to a ring group, whose phones are resolved to people), the
 * calling client's card and open callbacks go to them on {@code /user/queue/pops} before their phone rings; as the
 * call is answered, withdrawn, transferred or ends, the same pop ({@code callId}) is sent again with its new state.
 * When someone else takes an absent owner's call, the owner is told on {@code /user/queue/notifications}, and again
 * with the outcome.
 * <p>
 * A card starts loading as soon as the router has found the calling client ({@link Router#callersFound()}), while
 * the route still talks to the PBX, and its decision takes it from there. Cards are loaded a few at a time; the
 * routing decisions with their cards and the call events then meet on one
 * thread of their own ({@code pops}), where the {@link PopBoard} and the {@link OwnerNotices} keep the state. Each pop
 * is stored in Redis ({@link ActivePops}, in order) before it is sent, so that a page reconnecting on any instance
 * finds it. A pop that cannot be loaded, stored or sent is logged and the next one goes on.
 */
@Component
class PopPipeline implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(PopPipeline.class);

	/** At most this many open callbacks ride along in a pop. */
	static final int CALLBACKS = 20;

	private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(2);

	private final Router router;

	private final Pbx pbx;

	private final Cards cards;

	private final Employees employees;

	private final Callbacks callbacks;

	private final ActivePops active;

	private final Push push;

	private final PopBoard board = new PopBoard();

	private final OwnerNotices notices = new OwnerNotices();

	/**
	 * Cards loaded at once, each a query with one more for the callbacks, on the pool that routes use while the
	 * caller directory does not serve: more at once made the next routes wait for a connection.
	 */
	private static final int LOADING_AT_ONCE = 2;

	private Scheduler thread;

	private Disposable running;

	private Disposable prefetching;

	/** Cards loading for calls being routed, by client, until their decision takes them. */
	private final Map<Long, Prefetch> prefetched = new ConcurrentHashMap<>();

	/** Past this many waiting, those older than {@link #PREFETCH_FRESH_NANOS} are let go. */
	private static final int PREFETCHED_AT_MOST = 256;

	/** How old a card loaded early may be for a pop to show it: a decision comes within the routing's 0.5 s. */
	private static final long PREFETCH_FRESH_NANOS = Duration.ofSeconds(2).toNanos();

	/** How often pops of calls the PBX never showed are looked for ({@link PopBoard#tick}). */
	private static final Duration TICK = Duration.ofSeconds(1);

	private final Clock clock;

	PopPipeline(Router router, Pbx pbx, Cards cards, Employees employees, Callbacks callbacks, ActivePops active,
			Push push, Clock clock) {
		this.clock = clock;
		this.router = router;
		this.pbx = pbx;
		this.cards = cards;
		this.employees = employees;
		this.callbacks = callbacks;
		this.active = active;
		this.push = push;
	}

	@Override
	public synchronized void start() {
		thread = Schedulers.newSingle("pops");
		prefetching = router.callersFound()
			.map(this::prefetch)
			// Past the buffer a card is not loaded early: its decision starts it, as it would without this.
			.onBackpressureBuffer(1_000, dropped -> log.debug("A card not loaded early: too many calls at once"),
					BufferOverflowStrategy.DROP_LATEST)
			.flatMap(Prefetch::load, LOADING_AT_ONCE)
			.subscribe(null, error -> log.error("Loading cards early stopped", error));
		Flux<Object> routed = router.decisions()
			.filter(decided -> decided.decision().hasTarget())
			// Past the buffer the newest pops are dropped, each logged; the pipeline itself goes on (without a strategy,
			// an overflow would end it: no pop would be sent again until a restart).
			.onBackpressureBuffer(1_000, dropped -> log.error("Pop not sent, too many calls routed at once: " + dropped),
					BufferOverflowStrategy.DROP_LATEST)
			.flatMap(this::loaded, LOADING_AT_ONCE);
		Flux<Object> calls = pbx.events("pops", 10_000)
			.ofType(CallEvent.class)
			.concatMap(event -> event instanceof CallTransferred transfer ? withTarget(transfer) : Mono.just(event),
					256);
		Flux<Object> ticks = Flux.interval(TICK).onBackpressureDrop().map(tick -> (Object) new Tick());
		running = Flux.merge(routed, calls, ticks)
			.publishOn(thread, 256)
			.concatMapIterable(this::apply)
			.concatMap(this::stored, 256)
			.flatMap(this::deliver, 16)
			.subscribe(null, error -> log.error("The pop pipeline stopped", error));
	}

	/**
	 * Registers the loading of a client's card and callbacks, found by the router before its decision, for the
	 * decision to take ({@link #loaded}); the loading starts when it is first subscribed, by the prefetching pipeline
	 * or by the decision, whichever comes first, and runs once.
	 */
	private Prefetch prefetch(CallerMatch caller) {
		long now = System.nanoTime();
		if (prefetched.size() > PREFETCHED_AT_MOST) {
			prefetched.values().removeIf(stale -> !stale.fresh(now));
		}
		Prefetch early = new Prefetch(now, card(caller.clientId(), "a call being routed").cache(),
				openCallbacks(caller.clientId(), "a call being routed").cache());
		prefetched.put(caller.clientId(), early);
		return early;
	}

	/** The decision with the card, the client's open callbacks and the people whose phones it rings. */
	private Mono<Object> loaded(RouteDecided decided) {
		Long clientId = decided.decision().clientId();
		String callId = decided.request().callId();
		Prefetch early = clientId == null ? null : prefetched.remove(clientId);
		boolean usable = early != null && early.fresh(System.nanoTime());
		Mono<Optional<ClientCard>> card = clientId == null ? Mono.just(Optional.empty())
				: usable ? early.card() : card(clientId, "the pop of call " + callId);
		Mono<List<Callback>> open = clientId == null ? Mono.just(List.of())
				: usable ? early.callbacks() : openCallbacks(clientId, "the pop of call " + callId);
		return Mono.zip(card, open, recipients(decided))
			.map(loaded -> (Object) new Routed(decided, loaded.getT1().orElse(null), loaded.getT2(), loaded.getT3()));
	}

	private Mono<Optional<ClientCard>> card(long clientId, String forWhat) {
		return cards.of(clientId).map(Optional::of).onErrorResume(error -> {
			log.warn("No card for client " + clientId + " in " + forWhat + ": " + error);
			return Mono.empty();
		}).defaultIfEmpty(Optional.empty());
	}

	private Mono<List<Callback>> openCallbacks(long clientId, String forWhat) {
		return callbacks.openForClient(clientId).take(CALLBACKS).collectList().onErrorResume(error -> {
			log.warn("No callbacks for client " + clientId + " in " + forWhat + ": " + error);
			return Mono.just(List.of());
		});
	}

	/**
	 * The people the decision rings: the employee it names, or, for a ring group ({@code PJSIP/1&PJSIP/2}), the
	 * employee of each phone; phones of nobody are left out.
	 */
	private Mono<List<Recipient>> recipients(RouteDecided decided) {
		String target = decided.decision().target();
		String login = decided.decision().employeeLogin();
		Mono<List<Recipient>> people;
		if (login != null && !OwnerNotices.takesOver(decided.decision().reason())) {
			// The name only goes into an owner's notification: spare the lookup on the way to the pop.
			people = Mono.just(List.of(new Recipient(login, login, target)));
		}
		else if (login != null) {
			people = employees.byLogin(login)
				.map(employee -> List.of(new Recipient(login, employee.fullName(), target)))
				.defaultIfEmpty(List.of(new Recipient(login, login, target)));
		}
		else {
			people = Flux.fromArray(target.split("&"))
				.map(String::trim)
				.filter(device -> !device.isEmpty())
				.flatMapSequential(device -> employees.byExtension(device).map(employee -> recipient(employee, device)),
						4)
				.collectList();
		}
		return people.timeout(LOOKUP_TIMEOUT).onErrorResume(error -> {
			log.warn("Could not tell who call " + decided.request().callId() + " rings: " + error);
			return Mono.just(login == null ? List.of() : List.of(new Recipient(login, login, target)));
		});
	}

	/** A transfer with its target resolved to an employee, when the target is one. */
	private Mono<Object> withTarget(CallTransferred transfer) {
		String to = transfer.to();
		Mono<Employee> employee = to == null || to.isBlank() ? Mono.empty()
				: to.contains("/") ? employees.byExtension(to) : employees.byPhoneNumber(to);
		return employee.map(found -> new Transferred(transfer, recipient(found, found.extension())))
			.timeout(LOOKUP_TIMEOUT)
			.onErrorResume(error -> {
				log.warn("Could not tell who call " + transfer.callId() + " was transferred to: " + error);
				return Mono.empty();
			})
			.defaultIfEmpty(new Transferred(transfer, null))
			.map(resolved -> (Object) resolved);
	}

	private static Recipient recipient(Employee employee, String device) {
		return new Recipient(employee.login(), employee.fullName(), device);
	}

	/** The pops thread: pops and notifications to send. */
	private List<Object> apply(Object input) {
		try {
			List<Object> out = new ArrayList<>();
			if (input instanceof Routed routed) {
				// A call that ended while its card loaded gets neither a pop nor a notice.
				if (!board.isOver(routed.decided().request().callId())) {
					out.addAll(board.routed(routed.decided(), routed.card(), routed.callbacks(), routed.recipients()));
					out.addAll(notices.routed(routed.decided(), routed.card(), routed.recipients()));
				}
			}
			else if (input instanceof Tick) {
				out.addAll(board.tick(clock.instant()));
				notices.keepOnly(board::knows);
			}
			else if (input instanceof Transferred transferred) {
				out.addAll(board.transferred(transferred.transfer(), transferred.target()));
				notices.transferTarget(transferred.transfer().callId(), transferred.target());
				out.addAll(notices.on(transferred.transfer()));
			}
			else {
				out.addAll(board.on((CallEvent) input));
				out.addAll(notices.on((CallEvent) input));
			}
			return out;
		}
		catch (RuntimeException ex) {
			log.error("Could not update the pops with " + input, ex);
			return List.of();
		}
	}

	/** Stores a pop for reconnecting pages before it is sent; one at a time, so that the newest state wins. */
	private Mono<Object> stored(Object item) {
		if (!(item instanceof Pop pop)) {
			return Mono.just(item);
		}
		return active.save(pop).timeout(LOOKUP_TIMEOUT).onErrorResume(error -> {
			log.warn("Pop of call " + pop.callId() + " for " + pop.routedTo() + " not stored in Redis: " + error);
			return Mono.empty();
		}).thenReturn(item);
	}

	private Mono<Void> deliver(Object item) {
		String login;
		String queue;
		String what;
		if (item instanceof Pop pop) {
			login = pop.routedTo();
			queue = Push.POPS;
			what = "Pop of call " + pop.callId();
		}
		else {
			Notification notification = (Notification) item;
			login = notification.owner();
			queue = Push.NOTIFICATIONS;
			what = "Notification of call " + notification.callId();
		}
		return push.toUser(login, queue, item).onErrorResume(error -> {
			log.warn(what + " not sent to " + login + ": " + error);
			return Mono.empty();
		});
	}

	@Override
	public synchronized void stop() {
		if (prefetching != null) {
			prefetching.dispose();
			prefetching = null;
		}
		if (running != null) {
			running.dispose();
			running = null;
		}
		if (thread != null) {
			thread.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return running != null;
	}

	/**
	 * A client's card and open callbacks loading for a call being routed, each read once however many subscribe.
	 *
	 * @param at when the router found the client ({@link System#nanoTime()})
	 */
	private record Prefetch(long at, Mono<Optional<ClientCard>> card, Mono<List<Callback>> callbacks) {

		Mono<Void> load() {
			return Mono.when(card, callbacks);
		}

		/** Young enough to show: a decision follows its lookup within the routing's deadline. */
		boolean fresh(long now) {
			return now - at < PREFETCH_FRESH_NANOS;
		}

	}

	/** Time passing, for the pops of calls the PBX never showed. */
	private record Tick() {
	}

	private record Routed(RouteDecided decided, ClientCard card, List<Callback> callbacks, List<Recipient> recipients) {
	}

	private record Transferred(CallTransferred transfer, Recipient target) {
	}

}

package io.ringside.pops;

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
import io.ringside.calls.RoutedCallEvent;
import io.ringside.calls.RoutedCallEvent.Routed;
import io.ringside.calls.RoutedCallEvent.Transferred;
import io.ringside.calls.RoutedCalls;
import io.ringside.crm.CallerMatch;
import io.ringside.crm.Cards;
import io.ringside.crm.ClientCard;
import io.ringside.crm.Employee;
import io.ringside.crm.Employees;
import io.ringside.push.Push;
import io.ringside.routing.RouteDecided;
import io.ringside.routing.Router;
import io.ringside.telephony.LastFour;

/**
 * Sends the pops: when a call is routed to someone (or to a ring group, whose phones are resolved to people), the
 * calling client's card and open callbacks go to them on {@code /user/queue/pops} before their phone rings; as the
 * call is answered, withdrawn, transferred or ends, the same pop ({@code callId}) is sent again with its new state.
 * When someone else takes an absent owner's call, the owner is told on {@code /user/queue/notifications}, and again
 * with the outcome.
 * <p>
 * The calls come from the routed-call projection ({@link RoutedCalls}), which has joined the routings with the PBX's
 * events, applied merges and withdrawn calls the PBX never showed, and they are taken <em>in its order</em>: a
 * {@code Routed} waits for its card, the client's open callbacks and its people, and the call's later events (and
 * other calls' events) wait behind it, so the pops need no rules of their own for what came first. The wait is short:
 * a card starts loading as soon as the router has found the calling client ({@link Router#callersFound()}), while the
 * route still talks to the PBX, so a {@code Routed} mostly finds its card loaded or nearly so; each lookup has a
 * deadline, past which the pop goes without it. The resolved events then reach one thread of their own
 * ({@code pops}), where the {@link PopBoard} and the {@link OwnerNotices} keep the state. Each pop
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

	private final RoutedCalls routedCalls;

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

	PopPipeline(Router router, RoutedCalls routedCalls, Cards cards, Employees employees, Callbacks callbacks,
			ActivePops active, Push push) {
		this.router = router;
		this.routedCalls = routedCalls;
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
		// Past its own buffer the newest events are dropped, counted and logged; the pipeline itself goes on.
		running = routedCalls.events("pops", 10_000)
			.concatMap(this::resolved, 256)
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

	/**
	 * A routed-call event with what the pops need to know besides: a routing with its card, open callbacks and
	 * people (a routing that rings nobody makes no pop and is left out); a transfer with its target.
	 */
	private Mono<Object> resolved(RoutedCallEvent event) {
		if (event instanceof Routed routed) {
			return routed.decided().decision().hasTarget() ? loaded(routed) : Mono.empty();
		}
		if (event instanceof Transferred transfer) {
			return withTarget(transfer);
		}
		return Mono.just(event);
	}

	/** The decision with the card, the client's open callbacks and the people whose phones it rings. */
	private Mono<Object> loaded(Routed routed) {
		RouteDecided decided = routed.decided();
		Long clientId = decided.decision().clientId();
		String callId = routed.callId();
		Prefetch early = clientId == null ? null : prefetched.remove(clientId);
		boolean usable = early != null && early.fresh(System.nanoTime());
		Mono<Optional<ClientCard>> card = clientId == null ? Mono.just(Optional.empty())
				: usable ? early.card() : card(clientId, "the pop of call " + callId);
		Mono<List<Callback>> open = clientId == null ? Mono.just(List.of())
				: usable ? early.callbacks() : openCallbacks(clientId, "the pop of call " + callId);
		return Mono.zip(card, open, recipients(decided))
			.map(loaded -> (Object) new Loaded(routed, loaded.getT1().orElse(null), loaded.getT2(), loaded.getT3()));
	}

	private Mono<Optional<ClientCard>> card(long clientId, String forWhat) {
		return cards.of(clientId).map(Optional::of).timeout(LOOKUP_TIMEOUT).onErrorResume(error -> {
			log.warn("No card for client " + clientId + " in " + forWhat + ": " + error);
			return Mono.empty();
		}).defaultIfEmpty(Optional.empty());
	}

	private Mono<List<Callback>> openCallbacks(long clientId, String forWhat) {
		return callbacks.openForClient(clientId).take(CALLBACKS).collectList().timeout(LOOKUP_TIMEOUT)
			.onErrorResume(error -> {
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
	private Mono<Object> withTarget(Transferred transfer) {
		String to = transfer.to();
		Mono<Employee> employee = to == null || to.isBlank() ? Mono.empty()
				: to.contains("/") ? employees.byExtension(to) : employees.byPhoneNumber(to);
		return employee.map(found -> new TransferredTo(transfer, recipient(found, found.extension())))
			.timeout(LOOKUP_TIMEOUT)
			.onErrorResume(error -> {
				log.warn("Could not tell who call " + transfer.callId() + " was transferred to: " + error);
				return Mono.empty();
			})
			.defaultIfEmpty(new TransferredTo(transfer, null))
			.map(resolved -> (Object) resolved);
	}

	private static Recipient recipient(Employee employee, String device) {
		return new Recipient(employee.login(), employee.fullName(), device);
	}

	/** The pops thread: pops and notifications to send. */
	private List<Object> apply(Object input) {
		try {
			List<Object> out = new ArrayList<>();
			if (input instanceof Loaded loaded) {
				out.addAll(board.routed(loaded.routed(), loaded.card(), loaded.callbacks(), loaded.recipients()));
				out.addAll(notices.routed(loaded.routed().callId(), loaded.routed().decided(), loaded.card(),
						loaded.recipients()));
			}
			else if (input instanceof TransferredTo transferred) {
				out.addAll(board.transferred(transferred.transfer(), transferred.target()));
				notices.transferTarget(transferred.transfer().callId(), transferred.target());
			}
			else {
				out.addAll(board.on((RoutedCallEvent) input));
				out.addAll(notices.on((RoutedCallEvent) input));
			}
			return out;
		}
		catch (RuntimeException ex) {
			log.error("Could not update the pops with " + LastFour.in(input), ex);
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

	private record Loaded(Routed routed, ClientCard card, List<Callback> callbacks, List<Recipient> recipients) {
	}

	private record TransferredTo(Transferred transfer, Recipient target) {
	}

}

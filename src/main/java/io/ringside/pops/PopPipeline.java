package io.ringside.pops;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.calls.Callbacks;
import io.ringside.calls.RoutedCalls;
import io.ringside.clients.Cards;
import io.ringside.pops.Outgoing.Written;
import io.ringside.push.Push;
import io.ringside.routing.Router;
import io.ringside.rules.Rules;
import io.ringside.shared.Deadline;
import io.ringside.shared.Failures;
import io.ringside.shared.RunningSubscription;
import io.ringside.team.Employees;
import io.ringside.telephony.LastFour;

/**
 * Sends the pops: when a call is routed to someone (or to a ring group, whose phones are
 * resolved to people), the calling client's card and open callbacks go to them on
 * {@code /user/queue/pops} before their phone rings; as the call is answered, withdrawn,
 * transferred or ends, the same pop ({@code callId}) is sent again with its new state.
 * When someone else takes an absent owner's call, the owner is told on
 * {@code /user/queue/notifications}, and again with the outcome.
 * <p>
 * The calls come from the routed-call projection ({@link RoutedCalls}), which has joined
 * the routings with the PBX's events, applied merges and withdrawn calls the PBX never
 * showed, and they are taken <em>in its order</em>: a {@code Routed} waits for its card,
 * the client's open callbacks and its people ({@link PopLookups}), and the call's later
 * events (and other calls' events) wait behind it, so the pops need no rules of their own
 * for what came first. The wait is short: a card starts loading as soon as the router has
 * found the calling client ({@link Router#callersFound()}, {@link PopCards}), while the
 * route still talks to the PBX. The resolved inputs ({@link PopInput}) then reach one
 * thread of their own ({@code pops}), where the {@link PopBoard} and the
 * {@link OwnerNotices} keep the state and what is sent is written as JSON
 * ({@link PopWriter}: each call's card once). Each pop's write to Redis
 * ({@link ActivePops}, in order) leaves before the pop is sent, so that a page
 * reconnecting on any instance finds it; the pop does not wait for Redis's answer, nor,
 * past 256 unanswered, for room ({@link PopWrites}). A pop that cannot be loaded, stored
 * or sent is logged and the next one goes on.
 */
@Component
class PopPipeline implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(PopPipeline.class);

	/**
	 * Cards loaded at once, each one statement with the client's open callbacks, on the
	 * pool that routes use while the caller directory does not serve: more at once made
	 * the next routes wait for a connection.
	 */
	private static final int LOADING_AT_ONCE = 2;

	/**
	 * Pops being sent at once, at most: to a page on this instance at once, to one on
	 * another through Redis.
	 */
	private static final int SENDING_AT_ONCE = 256;

	private final Router router;

	private final RoutedCalls routedCalls;

	private final PopCards popCards;

	private final PopLookups lookups;

	private final PopWrites writes;

	private final Push push;

	private final PopWriter writer;

	private final PopBoard board = new PopBoard();

	private final OwnerNotices notices = new OwnerNotices();

	private @Nullable Scheduler thread;

	private final RunningSubscription running = new RunningSubscription();

	private final RunningSubscription prefetching = new RunningSubscription();

	PopPipeline(Router router, RoutedCalls routedCalls, Cards cards, Employees employees, Callbacks callbacks,
			ActivePops active, Push push, Rules rules, JsonMapper json, MeterRegistry meters) {
		this.router = router;
		this.routedCalls = routedCalls;
		this.popCards = new PopCards(cards, callbacks);
		this.lookups = new PopLookups(popCards, employees, rules);
		this.writes = new PopWrites((pop, asJson, rang) -> stored(active, pop, asJson, rang),
				PopWrites.UNANSWERED_AT_MOST, PopWrites.WAITING_AT_MOST);
		Gauge.builder("ringside.pops.writes.waiting", writes, PopWrites::waiting)
			.description("Pops' writes waiting for Redis to answer the ones before them")
			.register(meters);
		FunctionCounter.builder("ringside.pops.writes.unkept", writes, PopWrites::dropped)
			.description("Pops sent without being kept in Redis: too many writes waited")
			.register(meters);
		this.push = push;
		this.writer = new PopWriter(json);
	}

	@Override
	public synchronized void start() {
		thread = Schedulers.newSingle("pops");
		prefetching.start(router.callersFound()
			.map(popCards::early)
			// Past the buffer a card is not loaded early: its decision starts it, as it
			// would without this.
			.onBackpressureBuffer(1_000, dropped -> log.debug("A card not loaded early: too many calls at once"),
					BufferOverflowStrategy.DROP_LATEST)
			.flatMap(loading -> loading, LOADING_AT_ONCE)
			.subscribe(null, error -> log.error("Loading cards early stopped", error)));
		// Past its own buffer the newest events are dropped, counted and logged; the
		// pipeline itself goes on.
		running.start(routedCalls.events("pops", 10_000)
			.concatMap(lookups::resolved, 256)
			.publishOn(thread, 256)
			// Applied as the pops thread hands each input on: fused with publishOn, the
			// flattening ran apply on whichever thread asked for more, most often
			// Lettuce's once a pop's write was answered, writing JSON on Redis's event
			// loop.
			.map(this::apply)
			.hide()
			.concatMapIterable(written -> written)
			// Each pop's write to Redis leaves first (or waits for room, past 256
			// unanswered), then the pop is sent, without waiting for Redis's answer: the
			// one connection applies the writes in the order they left, before any read
			// of them that leaves later (a page's snapshot on subscribing), and a page
			// that missed the pop reads it there. Waiting for the answer put a Redis
			// round trip, and the threads it crosses, in every pop's way, and in a stall
			// held the pops to 256 a second.
			.flatMap(written -> {
				written.out().keep(writes, written.json());
				return deliver(written);
			}, SENDING_AT_ONCE)
			.subscribe(null, error -> log.error("The pop pipeline stopped", error)));
	}

	/** The pops thread: pops and notifications to send, each written as JSON. */
	private List<Written> apply(PopInput input) {
		List<Outgoing> out;
		try {
			out = input.applyTo(board, notices);
		}
		catch (RuntimeException ex) {
			log.error("Could not update the pops with " + LastFour.in(input), ex);
			return List.of();
		}
		List<Written> written = new ArrayList<>(out.size());
		for (Outgoing each : out) {
			try {
				written.add(new Written(each, writer.write(each.payload())));
			}
			catch (RuntimeException ex) {
				log.error(each.what() + " for " + each.login() + " could not be written as JSON", ex);
			}
			if (each instanceof Outgoing.PopToSend sent && !sent.pop().state().active()) {
				writer.forget(sent.pop().client());
			}
		}
		return written;
	}

	/** Stores a pop for reconnecting pages; a failure is logged and the pop goes on. */
	private static Mono<Void> stored(ActivePops active, Pop pop, String json, boolean rang) {
		return active.save(pop, json, rang)
			.timeout(PopLookups.TIMEOUT, Deadline.passed(PopLookups.TIMEOUT))
			.onErrorResume(Failures.skip(log,
					() -> "Pop of call " + pop.callId() + " for " + pop.routedTo() + " not stored in Redis"));
	}

	private Mono<Void> deliver(Written written) {
		Outgoing out = written.out();
		return push.toUserAsJson(out.login(), out.queue(), written.json())
			.onErrorResume(Failures.skip(log, () -> out.what() + " not sent to " + out.login()));
	}

	@Override
	public synchronized void stop() {
		prefetching.stop();
		running.stop();
		if (thread != null) {
			thread.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return running.isRunning();
	}

}

package io.ringside.pops;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.crm.Cards;
import io.ringside.crm.ClientCard;
import io.ringside.push.Push;
import io.ringside.routing.RouteDecided;
import io.ringside.routing.Router;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.Pbx;

/**
 * Sends the pops: when a call is routed to someone, the calling client's card goes to them on
 * {@code /user/queue/pops} before their phone rings; as the call is answered, withdrawn or ends, the same pop
 * ({@code callId}) is sent again with its new state.
 * <p>
 * Cards are loaded a few at a time; the routing decisions with their cards and the call events then meet on one
 * thread of their own ({@code pops}), where the {@link PopBoard} keeps the state. A pop that cannot be loaded or
 * sent is logged and the next one goes on.
 */
@Component
class PopPipeline implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(PopPipeline.class);

	private final Router router;

	private final Pbx pbx;

	private final Cards cards;

	private final Push push;

	private final PopBoard board = new PopBoard();

	private Scheduler thread;

	private Disposable running;

	PopPipeline(Router router, Pbx pbx, Cards cards, Push push) {
		this.router = router;
		this.pbx = pbx;
		this.cards = cards;
		this.push = push;
	}

	@Override
	public synchronized void start() {
		thread = Schedulers.newSingle("pops");
		Flux<Object> routed = router.decisions()
			.filter(decided -> decided.decision().employeeLogin() != null && decided.decision().hasTarget())
			.onBackpressureBuffer(1_000, dropped -> log.error("Pop not sent, too many calls routed at once: " + dropped))
			.flatMap(this::withCard, 8);
		Flux<Object> calls = pbx.events().ofType(CallEvent.class).map(event -> (Object) event);
		running = Flux.merge(routed, calls)
			.publishOn(thread, 256)
			.concatMapIterable(this::apply)
			.flatMap(pop -> push.toUser(pop.routedTo(), Push.POPS, pop).onErrorResume(error -> {
				log.warn("Pop of call " + pop.callId() + " not sent to " + pop.routedTo() + ": " + error);
				return Mono.empty();
			}), 16)
			.subscribe(null, error -> log.error("The pop pipeline stopped", error));
	}

	private Mono<Object> withCard(RouteDecided decided) {
		Long clientId = decided.decision().clientId();
		Mono<ClientCard> card = clientId == null ? Mono.empty() : cards.of(clientId).onErrorResume(error -> {
			log.warn("No card for client " + clientId + " in the pop of call " + decided.request().callId() + ": "
					+ error);
			return Mono.empty();
		});
		return card.map(loaded -> (Object) new Routed(decided, loaded)).defaultIfEmpty(new Routed(decided, null));
	}

	/** The pops thread. */
	private List<Pop> apply(Object input) {
		try {
			if (input instanceof Routed routed) {
				return board.routed(routed.decided(), routed.card());
			}
			return board.on((CallEvent) input);
		}
		catch (RuntimeException ex) {
			log.error("Could not update the pops with " + input, ex);
			return List.of();
		}
	}

	@Override
	public synchronized void stop() {
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

	private record Routed(RouteDecided decided, ClientCard card) {
	}

}

package io.ringside.push;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;

import io.ringside.shared.Deadline;
import io.ringside.shared.Failures;

import static io.ringside.push.StompHandler.MAX_SUBSCRIPTIONS;
import static io.ringside.push.StompHandler.receipt;
import static io.ringside.push.StompHandler.refuse;

/**
 * Where a connected session's SUBSCRIBE and SEND frames go: a subscription by the rules
 * of {@link Destinations}, with the snapshot of its destination if a module offers one
 * ({@link SubscriptionSnapshot}); a SEND to the module's {@link AppDestination}. Called
 * on the session's event loop; the Monos may complete on other threads.
 */
@Component
class SessionDestinations {

	private static final Log log = LogFactory.getLog(SessionDestinations.class);

	private final PushSettings settings;

	private final Map<String, AppDestination> destinations;

	private final Map<String, SubscriptionSnapshot> snapshots;

	private final JsonMapper json;

	private final AtomicLong snapshotMessages = new AtomicLong();

	SessionDestinations(PushSettings settings, ObjectProvider<AppDestination> destinations,
			ObjectProvider<SubscriptionSnapshot> snapshots, JsonMapper json) {
		this.settings = settings;
		this.json = json;
		this.destinations = destinations.orderedStream()
			.collect(Collectors.toUnmodifiableMap(AppDestination::destination, Function.identity()));
		this.snapshots = snapshots.orderedStream()
			.collect(Collectors.toUnmodifiableMap(SubscriptionSnapshot::destination, Function.identity()));
	}

	Mono<Void> subscribe(StompHeaderAccessor headers, StompSession session) {
		String id = headers.getSubscriptionId();
		String destination = headers.getDestination();
		String receipt = headers.getReceipt();
		if (id == null || id.isEmpty()) {
			return refuse(session, "SUBSCRIBE needs an id", receipt);
		}
		StompUser user = session.connectedUser();
		Destinations.Decision decision = Destinations.subscribe(user.login(), user.roles(), destination);
		String refusal = decision.refusal();
		if (refusal != null) {
			log.info("STOMP subscription refused for " + user.login() + ": " + refusal);
			return refuse(session, refusal, receipt);
		}
		// Allowed: Destinations allows only a destination that was given, and names it.
		StompSubscription subscription = StompSubscription.of(id, Objects.requireNonNull(destination, "destination"),
				Objects.requireNonNull(decision.destination(), "allowed destination"));
		if (session.subscriptions() >= MAX_SUBSCRIPTIONS) {
			return refuse(session, "Too many subscriptions: at most " + MAX_SUBSCRIPTIONS + " per session", receipt);
		}
		if (!session.subscribe(subscription)) {
			return refuse(session, "Subscription id " + id + " is in use", receipt);
		}
		SubscriptionSnapshot snapshot = snapshots.get(subscription.destination());
		if (snapshot == null) {
			return receipt(session, receipt);
		}
		return snapshot(snapshot, subscription, session).then(Mono.defer(() -> receipt(session, receipt)));
	}

	/**
	 * Sends the snapshot to this subscription alone; a failing or slow snapshot is logged
	 * and cut short.
	 */
	private Mono<Void> snapshot(SubscriptionSnapshot snapshot, StompSubscription subscription, StompSession session) {
		String login = session.connectedUser().login();
		return Flux.defer(() -> snapshot.snapshot(login))
			.timeout(settings.snapshotTimeout(), Deadline.passed(settings.snapshotTimeout()))
			.doOnNext(payload -> session.send(Frames.message(subscription.id(), subscription.asSubscribed(),
					"snapshot-" + snapshotMessages.incrementAndGet(), json.writeValueAsBytes(payload))))
			.onErrorResume(Failures.skip(log,
					() -> "Snapshot of " + subscription.destination() + " for " + login + " cut short"))
			.then();
	}

	Mono<Void> send(StompHeaderAccessor headers, byte[] body, StompSession session) {
		String destination = headers.getDestination();
		String receipt = headers.getReceipt();
		AppDestination target = destination == null ? null : destinations.get(destination);
		if (destination == null || target == null) {
			return refuse(session, "Unknown destination: " + destination, receipt);
		}
		StompUser user = session.connectedUser();
		return target.handle(new AppDestination.Sent(user.login(), user.roles(), destination, body))
			.then(Mono.defer(() -> receipt(session, receipt)))
			.onErrorResume(error -> {
				if (!(error instanceof AppDestination.InvalidBodyException)) {
					log.warn("SEND to " + destination + " from " + user.login() + " failed", error);
				}
				return refuse(session, error.getMessage() == null ? "Could not handle the frame" : error.getMessage(),
						receipt);
			});
	}

}

package io.ringside.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.ringside.clients.CallerDirectory;
import io.ringside.clients.CallerMatch;
import io.ringside.clients.PhoneNumbers;
import io.ringside.presence.Presence;
import io.ringside.rules.Rules;
import io.ringside.rules.WorkRule;
import io.ringside.shared.Deadline;
import io.ringside.team.Employee;
import io.ringside.telephony.LastFour;

/**
 * Answers the PBX's question "where does this call go?", always within
 * {@code ringside.routing.answer-within}.
 * <p>
 * It looks the caller's client and owner up in the {@link CallerDirectory}, then the
 * owner's status and phone state in {@link Presence}, then applies the
 * {@link RoutingPolicy}. Both answer from this instance's memory when they serve, so a
 * route usually reads nothing outside the process; while they do not (starting, or their
 * connection to PostgreSQL or Redis lost) they read the store. When a store they must
 * read is slow or down, or anything else fails, the caller still reaches a person: the
 * call goes to the fallback target with reason {@link RouteReason#FALLBACK}. As soon as
 * the caller's client is found it is announced on {@link #callersFound()}. Every decision
 * is published on {@link #decisions()}, from a thread of its own
 * ({@code route-decisions}) once the answer has been handed over (for the PBX: once it
 * has the answer, see {@link #decide}): recording it and loading the screen pop start
 * queries of their own, which the waiting caller should not wait for, and one thread
 * publishes them one at a time as the sink requires.
 */
@Component
public class Router implements DisposableBean {

	private static final Log log = LogFactory.getLog(Router.class);

	private final CallParties parties;

	private final RoutingSettings settings;

	private final RoutingPolicy policy;

	private final Clock clock;

	private final Sinks.Many<RouteDecided> decisions = Sinks.many().multicast().directBestEffort();

	private final Sinks.Many<CallerMatch> callersFound = Sinks.many().multicast().directBestEffort();

	private final Scheduler publisher = Schedulers.newSingle("route-decisions", true);

	Router(CallerDirectory directory, Presence presence, PhoneNumbers phoneNumbers, RoutingSettings settings,
			Rules rules, Clock clock) {
		this.parties = new CallParties(directory, presence, phoneNumbers, rules);
		this.settings = settings;
		this.policy = new RoutingPolicy(settings.leadLine());
		this.clock = clock;
	}

	/** Decides and announces the decision at once. */
	public Mono<RouteDecision> route(RouteRequest request) {
		return decide(request).doOnNext(Decided::announce).map(Decided::decision);
	}

	/**
	 * Decides where the call goes; the decision is announced on {@link #decisions()} when
	 * its caller says so ({@link Decided#announce()}). The FastAGI script announces it
	 * once the PBX has its answer: what a decision sets off (the pop's card, the
	 * recording, the board: ten queries and more) would otherwise compete for the two
	 * cores and the database with the last round trip of the very answer the caller is
	 * waiting for.
	 */
	public Mono<Decided> decide(RouteRequest request) {
		return decide(request, lookUp(request.callerNumber(), request.attempt()));
	}

	/**
	 * Decides with what a {@link #lookUp} started earlier for the request's caller number
	 * and attempt has found (or FALLBACK when it failed or took longer than
	 * {@code ringside.routing.answer-within} from its start).
	 */
	public Mono<Decided> decide(RouteRequest request, Lookup lookup) {
		return Mono.fromFuture(lookup.found)
			.map(found -> new Answer(policy.decide(request, found.parties(), found.rule()), found.parties().caller(),
					found.rule()))
			.onErrorResume(error -> {
				Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
						: error;
				log.warn(LastFour.in("Routing call " + request.callId() + " from " + request.callerNumber()
						+ " fell back: " + cause));
				return Mono.just(new Answer(fallback(request), null, parties.unknownCallersRule()));
			})
			.map(answer -> new Decided(new RouteDecided(request, answer.decision(), answer.caller(), clock.instant(),
					Duration.between(lookup.started, clock.instant())), answer.rule()));
	}

	/**
	 * Starts reading, now, what routing a call from this number needs: its client and
	 * owner, the owner's presence (on a FIRST attempt), the head of sales. The FastAGI
	 * script starts it as soon as the request's headers are in, so the reads overlap the
	 * round trip that asks the channel for its Linkedid, when the dialplan does not give
	 * it.
	 */
	public Lookup lookUp(@Nullable String callerNumber, RouteRequest.Attempt attempt) {
		Instant started = clock.instant();
		CompletableFuture<CallParties.Found> found = Mono.defer(() -> parties.find(callerNumber, attempt, this::found))
			.timeout(settings.answerWithin(), Deadline.passed(settings.answerWithin()))
			.toFuture();
		return new Lookup(started, found);
	}

	private void publish(RouteDecided decided) {
		try {
			publisher.schedule(() -> decisions.tryEmitNext(decided));
		}
		catch (RuntimeException shutDown) {
			log.warn("Route of call " + decided.request().callId() + " not published, shutting down: " + shutDown);
		}
	}

	@Override
	public void destroy() {
		publisher.dispose();
	}

	/** Every decision this instance made, as it is made. Subscribers must not block. */
	public Flux<RouteDecided> decisions() {
		return decisions.asFlux();
	}

	/**
	 * The client of each call being routed, as soon as the lookup has found it: before
	 * the decision (which waits for the PBX's round trips), so that what a decision sets
	 * off for that client, the pop's card, can start loading. Emitted on the thread that
	 * looked the caller up (a FastAGI worker, as a rule); best effort: a subscriber that
	 * does not keep up misses some. Subscribers must not block.
	 */
	public Flux<CallerMatch> callersFound() {
		return callersFound.asFlux();
	}

	private void found(CallerMatch caller) {
		try {
			// Lookups of concurrent calls emit from their own threads: a clash is retried
			// briefly, never blocks long.
			callersFound.emitNext(caller, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(2)));
		}
		catch (RuntimeException notDelivered) {
			log.debug("Caller of client " + caller.clientId() + " not announced early: " + notDelivered);
		}
	}

	private RouteDecision fallback(RouteRequest request) {
		if (!settings.fallbackTarget().isBlank()) {
			return new RouteDecision(settings.fallbackTarget(), RouteReason.FALLBACK, null, null);
		}
		Employee head = parties.lastKnownHead();
		return head == null || head.extension() == null ? RouteDecision.nobody(RouteReason.FALLBACK, null)
				: RouteDecision.toHeadOfSales(head.extension(), head.login(), RouteReason.FALLBACK, null);
	}

	/** Reads started for a call ({@link #lookUp}), to decide with. */
	public static final class Lookup {

		private final Instant started;

		private final CompletableFuture<CallParties.Found> found;

		private Lookup(Instant started, CompletableFuture<CallParties.Found> found) {
			this.started = started;
			this.found = found;
		}

	}

	/** A decision made, to announce once. */
	public final class Decided {

		private final RouteDecided decided;

		private final WorkRule rule;

		private final AtomicBoolean announced = new AtomicBoolean();

		private Decided(RouteDecided decided, WorkRule rule) {
			this.decided = decided;
			this.rule = rule;
		}

		public RouteDecision decision() {
			return decided.decision();
		}

		/** The rule of work of the caller's tier (the DEFAULT for an unknown caller). */
		public WorkRule rule() {
			return rule;
		}

		/**
		 * Publishes the decision on {@link Router#decisions()}; only the first call does.
		 */
		public void announce() {
			if (announced.compareAndSet(false, true)) {
				publish(decided);
			}
		}

	}

	/**
	 * The decision, the caller it was made for (when the number is a client's) and the
	 * caller's rule of work.
	 */
	private record Answer(RouteDecision decision, @Nullable CallerMatch caller, WorkRule rule) {
	}

}

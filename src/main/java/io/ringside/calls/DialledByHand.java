package io.ringside.calls;

import java.time.Duration;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.clients.CallerMatch;
import io.ringside.clients.Clients;
import io.ringside.clients.PhoneNumbers;
import io.ringside.shared.Deadline;
import io.ringside.shared.Failures;
import io.ringside.shared.RunningSubscription;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.telephony.CallEvent.CallStarted;
import io.ringside.telephony.CallEvent.Direction;
import io.ringside.telephony.LastFour;
import io.ringside.telephony.Pbx;

/**
 * Calls dialled by hand on a desk phone to another manager's client (issue #14): they go
 * through, but as soon as the PBX shows the call the owner and the head of sales are told
 * ({@link OthersClients#announce}, {@link CallToOthersClient.Way#DESK_PHONE}). Who called
 * is the employee whose phone number is the call's CallerID, as the history records it.
 * One instance tells of each call ({@link OthersClientMarks#claim}); a click-to-call
 * already told of is not told again.
 */
@Component
class DialledByHand implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(DialledByHand.class);

	private static final Duration LOOKUP_WITHIN = Duration.ofSeconds(5);

	private final Pbx pbx;

	private final Employees employees;

	private final Clients clients;

	private final PhoneNumbers phoneNumbers;

	private final OthersClients othersClients;

	private final OthersClientMarks marks;

	private final RunningSubscription running = new RunningSubscription();

	DialledByHand(Pbx pbx, Employees employees, Clients clients, PhoneNumbers phoneNumbers, OthersClients othersClients,
			OthersClientMarks marks) {
		this.pbx = pbx;
		this.employees = employees;
		this.clients = clients;
		this.phoneNumbers = phoneNumbers;
		this.othersClients = othersClients;
		this.marks = marks;
	}

	@Override
	public void start() {
		running.start(pbx.events("dialled-by-hand", 1_000)
			.ofType(CallStarted.class)
			.filter(started -> started.direction() == Direction.OUTBOUND)
			.onBackpressureBuffer(1_000, dropped -> log.warn("An outbound call not checked: too many at once"),
					BufferOverflowStrategy.DROP_LATEST)
			.flatMap(
					started -> seen(started).timeout(LOOKUP_WITHIN, Deadline.passed(LOOKUP_WITHIN))
						.onErrorResume(Failures.skip(log, () -> "Outbound call " + started.callId() + " not checked")),
					8)
			.subscribe(null, error -> log.error("Checking outbound calls stopped", error)));
	}

	private Mono<Void> seen(CallStarted started) {
		String from = started.callerNumber();
		Optional<String> e164 = phoneNumbers.toE164(started.dialedNumber());
		if (from == null || e164.isEmpty()) {
			return Mono.empty();
		}
		String number = e164.get();
		return Mono.zip(employees.byPhoneNumber(from), clients.callerOf(number))
			.filter(found -> OthersClients.toldOf(found.getT1(), found.getT2()))
			.filterWhen(found -> marks.claim(started.callId()))
			.filterWhen(found -> marks.takeClicked(from, number).map(clicked -> !clicked))
			.flatMap(found -> told(started, found.getT1(), found.getT2(), number))
			.doOnNext(othersClients::announce)
			.doOnNext(call -> log.info(LastFour.in("Call " + call.callId() + " by " + call.caller().login()
					+ " to client " + call.client().id() + " of " + call.owner().login())))
			.then();
	}

	private Mono<CallToOthersClient> told(CallStarted started, Employee caller, CallerMatch client, String number) {
		return employees.headOfSales()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.map(head -> new CallToOthersClient(CallToOthersClient.Way.DESK_PHONE, started.callId(),
					new CallToOthersClient.ClientRef(client.clientId(), client.clientName()),
					OthersClients.person(client.owner()), OthersClients.person(caller),
					head.map(OthersClients::person).orElse(null), number, started.at()));
	}

	@Override
	public void stop() {
		running.stop();
	}

	@Override
	public boolean isRunning() {
		return running.isRunning();
	}

}

package io.ringside.calls;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

import io.ringside.clients.CallerMatch;
import io.ringside.clients.Clients;
import io.ringside.presence.Presence;
import io.ringside.routing.RoutingPolicy;
import io.ringside.team.Employee;
import io.ringside.team.Role;

/**
 * One client, one manager on the phone (issue #14): decides whether an employee may
 * click-to-call a number, and announces the calls to another manager's client that go
 * ahead so that the people they concern are told ({@link #calls()}).
 * <p>
 * A number of another manager's client is refused
 * ({@link OwnedByAnotherManagerException}) unless the caller is the head of sales or the
 * admin, or the owner is absent as routing understands it
 * ({@link RoutingPolicy#ownerCanTakeACall}): then the call goes ahead and the owner is
 * told. Threads: none of it blocks; {@link #calls()} subscribers must not either.
 */
@Component
public class OthersClients {

	private static final Log log = LogFactory.getLog(OthersClients.class);

	private final Clients clients;

	private final Presence presence;

	private final OthersClientMarks marks;

	private final Clock clock;

	private final Sinks.Many<CallToOthersClient> calls = Sinks.many().multicast().directBestEffort();

	OthersClients(Clients clients, Presence presence, OthersClientMarks marks, Clock clock) {
		this.clients = clients;
		this.presence = presence;
		this.marks = marks;
		this.clock = clock;
	}

	/**
	 * Whether this employee may click-to-call this number.
	 * @param e164 the number, in E.164
	 * @return empty when the call concerns nobody else; the call to announce (once it has
	 * gone ahead) when it is an absent owner's client; an
	 * {@link OwnedByAnotherManagerException} when the owner is there to call it
	 */
	public Mono<Optional<CallToOthersClient>> clearToOriginate(Employee caller, String e164) {
		return clients.callerOf(e164).filter(client -> toldOf(caller, client)).flatMap(client -> {
			Employee owner = client.owner();
			return ownerAbsent(owner).flatMap(absent -> absent
					? marks.clicked(phoneNumber(caller), e164)
						.thenReturn(Optional.of(clickToCall(client, caller, e164)))
					: Mono.error(
							new OwnedByAnotherManagerException(client.clientName(), owner.login(), owner.fullName())));
		}).defaultIfEmpty(Optional.empty());
	}

	/** Tells the people a call to another manager's client concerns; never fails. */
	public void announce(CallToOthersClient call) {
		try {
			// Click-to-calls of several requests emit from their own threads: a clash is
			// retried briefly, never blocks long.
			calls.emitNext(call, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(2)));
		}
		catch (RuntimeException notDelivered) {
			log.warn("Call of " + call.caller().login() + " to client " + call.client().id() + " not announced: "
					+ notDelivered);
		}
	}

	/**
	 * The PBX refused a click-to-call that {@link #clearToOriginate} let through: a call
	 * by hand from the same phone to the same number is told of again.
	 */
	public Mono<Void> notPlaced(CallToOthersClient call, Employee caller) {
		return marks.notClicked(phoneNumber(caller), call.number());
	}

	/**
	 * Every call to another manager's client that went ahead on this instance, as it
	 * happens; best effort: a subscriber that does not keep up misses some.
	 */
	public Flux<CallToOthersClient> calls() {
		return calls.asFlux();
	}

	private Mono<Boolean> ownerAbsent(Employee owner) {
		String phone = owner.extension();
		if (!owner.active() || phone == null || phone.isBlank()) {
			return Mono.just(true);
		}
		return presence.reachability(owner.login(), phone)
			.map(reachability -> !RoutingPolicy.ownerCanTakeACall(owner, reachability));
	}

	private CallToOthersClient clickToCall(CallerMatch client, Employee caller, String e164) {
		return new CallToOthersClient(CallToOthersClient.Way.CLICK_TO_CALL, null,
				new CallToOthersClient.ClientRef(client.clientId(), client.clientName()), person(client.owner()),
				person(caller), null, e164, clock.instant());
	}

	/**
	 * The rule for a call the PBX shows: one by a manager (anyone but the head of sales
	 * and the admin) to a client who is not theirs is told of.
	 */
	static boolean toldOf(Employee caller, CallerMatch client) {
		return caller.role() != Role.HEAD_OF_SALES && caller.role() != Role.ADMIN
				&& !client.owner().login().equals(caller.login());
	}

	/**
	 * The employee's phone number, as the PBX shows it as a CallerID: {@code 101} for
	 * {@code PJSIP/101}; empty without a phone.
	 */
	static String phoneNumber(Employee employee) {
		String extension = employee.extension();
		return extension == null ? "" : extension.substring(extension.indexOf('/') + 1);
	}

	static CallToOthersClient.Person person(Employee employee) {
		return new CallToOthersClient.Person(employee.login(), employee.fullName());
	}

}

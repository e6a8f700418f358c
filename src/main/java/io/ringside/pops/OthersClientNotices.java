package io.ringside.pops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.ringside.calls.CallToOthersClient;
import io.ringside.calls.CallToOthersClient.Way;
import io.ringside.calls.OthersClients;
import io.ringside.push.Push;
import io.ringside.shared.Failures;
import io.ringside.shared.RunningSubscription;

/**
 * Tells a client's owner, on {@code /user/queue/notifications}, that another manager
 * called their client (issue #14): after a click-to-call while they were absent, or as
 * soon as the PBX shows a call dialled by hand on a desk phone, which the head of sales
 * is told of as well. Each recipient gets its own message; a failed send is logged and
 * the others go on.
 */
@Component
class OthersClientNotices implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(OthersClientNotices.class);

	private final OthersClients othersClients;

	private final Push push;

	private final RunningSubscription running = new RunningSubscription();

	OthersClientNotices(OthersClients othersClients, Push push) {
		this.othersClients = othersClients;
		this.push = push;
	}

	@Override
	public void start() {
		running.start(othersClients.calls()
			.onBackpressureBuffer(1_000, dropped -> log.warn("A call to another manager's client not told: too many"),
					BufferOverflowStrategy.DROP_LATEST)
			.flatMap(call -> Flux.fromIterable(notices(call)).flatMap(this::send), 16)
			.subscribe(null, error -> log.error("The notices of calls to others' clients stopped", error)));
	}

	private Mono<Void> send(CalledByOther notice) {
		return push.toUser(notice.to(), Push.NOTIFICATIONS, notice)
			.onErrorResume(Failures.skip(log,
					() -> "Notice of call to client " + notice.client().id() + " not sent to " + notice.to()));
	}

	static List<CalledByOther> notices(CallToOthersClient call) {
		List<CalledByOther> notices = new ArrayList<>(2);
		String by = call.caller().name();
		String client = call.client().name();
		notices.add(new CalledByOther(call.owner().login(), call, "Your client " + client + " was called by " + by
				+ (call.way() == Way.CLICK_TO_CALL ? " while you were not available." : " from a desk phone.")));
		CallToOthersClient.Person head = call.headOfSales();
		if (head != null && !head.login().equals(call.owner().login()) && !head.login().equals(call.caller().login())) {
			notices.add(new CalledByOther(head.login(), call,
					call.owner().name() + "'s client " + client + " was called by " + by + " from a desk phone."));
		}
		return notices;
	}

	@Override
	public void stop() {
		running.stop();
	}

	@Override
	public boolean isRunning() {
		return running.isRunning();
	}

	/**
	 * A notice of type {@code CALLED_BY_OTHER}: another manager ({@code calledBy}) called
	 * the client of {@code owner}; {@code way} is {@code CLICK_TO_CALL} or
	 * {@code DESK_PHONE}.
	 */
	record CalledByOther(String type, String to, @Nullable String callId, CallToOthersClient.ClientRef client,
			CallToOthersClient.Person owner, CallToOthersClient.Person calledBy, String way, String number, String text,
			Instant at) {

		static final String TYPE = "CALLED_BY_OTHER";

		CalledByOther(String to, CallToOthersClient call, String text) {
			this(TYPE, to, call.callId(), call.client(), call.owner(), call.caller(), call.way().name(), call.number(),
					text, call.at());
		}

	}

}

package io.ringside.pops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.ringside.calls.RoutedCallEvent;
import io.ringside.calls.RoutedCallEvent.Answered;
import io.ringside.calls.RoutedCallEvent.Ended;
import io.ringside.calls.RoutedCallEvent.Merged;
import io.ringside.calls.RoutedCallEvent.Withdrawn;
import io.ringside.clients.ClientCard;
import io.ringside.clients.Owner;
import io.ringside.routing.RouteDecided;
import io.ringside.routing.RouteDecision.Passed.Why;
import io.ringside.routing.RouteReason;
import io.ringside.rules.ChainStep.Step;
import io.ringside.telephony.CallEvent.CallEnded;

/**
 * Tells an owner when someone else takes their client's call because they were absent or
 * did not answer, and then how the call ended. A pure state machine like
 * {@link PopBoard}, fed the same routed-call events on the same thread; a call withdrawn
 * (the PBX never showed it) is forgotten without a word.
 */
final class OwnerNotices {

	/** callId → what the owner was told, and who answered since. */
	private final Map<String, Taken> calls = new HashMap<>();

	/**
	 * The reasons for which someone else takes an owner's call, and the owner is told.
	 */
	static boolean takesOver(RouteReason reason) {
		return reason == RouteReason.OWNER_ABSENT || reason == RouteReason.OWNER_NO_ANSWER
				|| reason == RouteReason.DEPUTY;
	}

	/**
	 * A routing decision with its card and people: a notice when it takes an absent
	 * owner's call elsewhere.
	 */
	List<Notification> routed(String callId, RouteDecided decided, @Nullable ClientCard card,
			List<Recipient> recipients) {
		RouteReason reason = decided.decision().reason();
		if (!takesOver(reason) || card == null || card.client().owner() == null || recipients.isEmpty()) {
			return List.of();
		}
		Owner owner = card.client().owner();
		if (recipients.stream().anyMatch(recipient -> recipient.login().equals(owner.login()))) {
			return List.of();
		}
		Recipient taker = recipients.get(0);
		Notification.Person takenBy = new Notification.Person(taker.login(), taker.name());
		Taken taken = calls.computeIfAbsent(callId, id -> new Taken(owner.login(),
				new Notification.ClientRef(card.client().id(), card.client().name()), takenBy, reason.name()));
		taken.takenBy = takenBy;
		taken.reason = reason.name();
		recipients.forEach(recipient -> taken.people.put(recipient.device(),
				new Notification.Person(recipient.login(), recipient.name())));
		boolean ownerRangOut = reason == RouteReason.OWNER_NO_ANSWER || decided.decision()
			.passed()
			.stream()
			.anyMatch(passed -> passed.step() == Step.OWNER && passed.why() == Why.NO_ANSWER);
		String text = "Your client " + taken.client.name() + " called; taken by " + taker.name()
				+ (reason == RouteReason.DEPUTY ? ", your deputy" : "") + " ("
				+ (ownerRangOut ? "you did not answer" : "you were not available") + ").";
		return List.of(new Notification(Notification.CALL_TAKEN, callId, owner.login(), taken.client, taken.takenBy,
				taken.reason, null, null, text, decided.at()));
	}

	/** A transfer target, so that an answer on their phone is named. */
	void transferTarget(String callId, @Nullable Recipient target) {
		Taken taken = calls.get(callId);
		if (taken != null && target != null) {
			taken.people.put(target.device(), new Notification.Person(target.login(), target.name()));
		}
	}

	List<Notification> on(RoutedCallEvent event) {
		if (event instanceof Answered answered) {
			Taken taken = calls.get(answered.callId());
			if (taken != null) {
				taken.answeredBy = person(taken, answered.device());
			}
			return List.of();
		}
		if (event instanceof Merged merged) {
			Taken gone = calls.remove(merged.mergedCallId());
			if (gone != null) {
				calls.putIfAbsent(merged.callId(), gone);
			}
			return List.of();
		}
		if (event instanceof Withdrawn withdrawn) {
			calls.remove(withdrawn.callId());
			return List.of();
		}
		if (event instanceof Ended end) {
			Taken taken = calls.remove(end.callId());
			return taken == null ? List.of() : List.of(outcome(taken, end.ended()));
		}
		return List.of();
	}

	private Notification outcome(Taken taken, CallEnded ended) {
		if (ended.answered()) {
			Notification.Person by = ended.answeredBy() != null ? person(taken, ended.answeredBy()) : taken.answeredBy;
			if (by == null) {
				by = taken.answeredBy;
			}
			String name = by == null ? "someone" : by.name();
			return new Notification(Notification.CALL_OUTCOME, ended.callId(), taken.owner, taken.client, taken.takenBy,
					taken.reason, "ANSWERED", by,
					"Your client " + taken.client.name() + "'s call was answered by " + name + ".", ended.at());
		}
		return new Notification(Notification.CALL_OUTCOME, ended.callId(), taken.owner, taken.client, taken.takenBy,
				taken.reason, "MISSED", null,
				"Your client " + taken.client.name() + "'s call was missed: nobody answered.", ended.at());
	}

	int inProgress() {
		return calls.size();
	}

	private static Notification.Person person(Taken taken, String device) {
		Notification.Person known = taken.people.get(device);
		return known != null ? known : new Notification.Person(null, device);
	}

	/** What one call's owner was told. */
	private static final class Taken {

		final String owner;

		final Notification.ClientRef client;

		final Map<String, Notification.Person> people = new HashMap<>();

		Notification.Person takenBy;

		String reason;

		Notification.@Nullable Person answeredBy;

		Taken(String owner, Notification.ClientRef client, Notification.Person takenBy, String reason) {
			this.owner = owner;
			this.client = client;
			this.takenBy = takenBy;
			this.reason = reason;
		}

	}

}

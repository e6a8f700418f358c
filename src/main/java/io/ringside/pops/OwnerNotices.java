package io.ringside.pops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.ringside.crm.ClientCard;
import io.ringside.crm.Owner;
import io.ringside.routing.RouteDecided;
import io.ringside.routing.RouteReason;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.CallsMerged;

/**
 * Tells an owner when someone else takes their client's call because they were absent or did not answer, and then
 * how the call ended. A pure state machine like {@link PopBoard}, fed the same inputs on the same thread.
 */
final class OwnerNotices {

	/** callId → what the owner was told, and who answered since. */
	private final Map<String, Taken> calls = new HashMap<>();

	/** The reasons for which someone else takes an owner's call, and the owner is told. */
	static boolean takesOver(RouteReason reason) {
		return reason == RouteReason.OWNER_ABSENT || reason == RouteReason.OWNER_NO_ANSWER;
	}

	/** A routing decision with its card and people: a notice when it takes an absent owner's call elsewhere. */
	List<Notification> routed(RouteDecided decided, ClientCard card, List<Recipient> recipients) {
		RouteReason reason = decided.decision().reason();
		if (!takesOver(reason) || card == null
				|| card.client().owner() == null || recipients.isEmpty()) {
			return List.of();
		}
		Owner owner = card.client().owner();
		if (recipients.stream().anyMatch(recipient -> recipient.login().equals(owner.login()))) {
			return List.of();
		}
		String callId = decided.request().callId();
		Recipient taker = recipients.get(0);
		Taken taken = calls.computeIfAbsent(callId,
				id -> new Taken(owner.login(), new Notification.ClientRef(card.client().id(), card.client().name())));
		taken.takenBy = new Notification.Person(taker.login(), taker.name());
		taken.reason = reason.name();
		recipients.forEach(recipient -> taken.people.put(recipient.device(),
				new Notification.Person(recipient.login(), recipient.name())));
		String text = "Your client " + taken.client.name() + " called; taken by " + taker.name() + " ("
				+ (reason == RouteReason.OWNER_ABSENT ? "you were not available" : "you did not answer") + ").";
		return List.of(new Notification(Notification.CALL_TAKEN, callId, owner.login(), taken.client, taken.takenBy,
				taken.reason, null, null, text, decided.at()));
	}

	/** A transfer target, so that an answer on their phone is named. */
	void transferTarget(String callId, Recipient target) {
		Taken taken = calls.get(callId);
		if (taken != null && target != null) {
			taken.people.put(target.device(), new Notification.Person(target.login(), target.name()));
		}
	}

	List<Notification> on(CallEvent event) {
		if (event instanceof CallAnswered answered) {
			Taken taken = calls.get(answered.callId());
			if (taken != null) {
				taken.answeredBy = person(taken, answered.device());
			}
			return List.of();
		}
		if (event instanceof CallsMerged merged) {
			Taken gone = calls.remove(merged.mergedCallId());
			if (gone != null) {
				calls.putIfAbsent(merged.callId(), gone);
			}
			return List.of();
		}
		if (event instanceof CallEnded ended) {
			Taken taken = calls.remove(ended.callId());
			if (taken == null) {
				return List.of();
			}
			if (ended.answered()) {
				Notification.Person by = ended.answeredBy() != null ? person(taken, ended.answeredBy())
						: taken.answeredBy;
				if (by == null) {
					by = taken.answeredBy;
				}
				String name = by == null ? "someone" : by.name();
				return List.of(new Notification(Notification.CALL_OUTCOME, ended.callId(), taken.owner, taken.client,
						taken.takenBy, taken.reason, "ANSWERED", by,
						"Your client " + taken.client.name() + "'s call was answered by " + name + ".", ended.at()));
			}
			return List.of(new Notification(Notification.CALL_OUTCOME, ended.callId(), taken.owner, taken.client,
					taken.takenBy, taken.reason, "MISSED", null,
					"Your client " + taken.client.name() + "'s call was missed: nobody answered.", ended.at()));
		}
		return List.of();
	}

	/** Forgets the calls this predicate does not keep (calls the pops have let go without an end from the PBX). */
	void keepOnly(Predicate<String> callIds) {
		calls.keySet().removeIf(callId -> !callIds.test(callId));
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

		Notification.Person answeredBy;

		Taken(String owner, Notification.ClientRef client) {
			this.owner = owner;
			this.client = client;
		}

	}

}

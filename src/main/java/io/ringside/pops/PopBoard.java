package io.ringside.pops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ringside.calls.Callback;
import io.ringside.crm.ClientCard;
import io.ringside.routing.RouteDecided;
import io.ringside.telephony.Pbx;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.CallTransferred;
import io.ringside.telephony.CallEvent.CallsMerged;
import io.ringside.telephony.CallEvent.TransferKind;

/**
 * The pops of the calls in progress: who sees which call, in which state. A pure state machine: each input returns
 * the pops that changed, to be sent. Single-threaded: fed in order from one thread.
 * <p>
 * A call may ring several phones at once (a ring group such as the lead line): each of their people gets a pop; when
 * one answers, the others' pops are WITHDRAWN. A transfer withdraws the pop of whoever transferred the call away and
 * gives the target one of their own, with the same {@code callId}.
 * <p>
 * The PBX's events and the routings arrive by different paths (a routing waits for its card), so either may come
 * first: the board remembers what the PBX has shown of calls it has no pops for yet. A routing for a call that has
 * already ended makes no pop; one for a call already answered is answered at once. Pops of a call the PBX has not
 * shown within {@link #UNSEEN} of its routing are withdrawn at the next {@link #tick} (the caller hung up before the
 * PBX reported the call, or it never reached this instance's AMI connection); kept, they would ring on the page
 * until it is reloaded.
 */
final class PopBoard {

	/** How long a call known only from its routing waits for the PBX to show it ({@link Pbx}). */
	static final Duration UNSEEN = Pbx.SHOWS_A_ROUTED_CALL_WITHIN;

	/** Calls remembered as shown by the PBX, or as ended, at most (the oldest are forgotten first). */
	static final int REMEMBERED = 10_000;

	/** callId → (login → pop), and the phone each login's pop rang. */
	private final Map<String, Map<String, Entry>> calls = new HashMap<>();

	/** Calls in progress that the PBX has shown, with their answer once there is one. */
	private final Map<String, CallAnswered> onPbx = new LinkedHashMap<>();

	private static final CallAnswered NOT_ANSWERED = new CallAnswered("", Instant.EPOCH, "");

	private final Set<String> ended = new LinkedHashSet<>();

	/** A routing decision to one person, as the decision names them (tests and single-person routes). */
	List<Pop> routed(RouteDecided decided, ClientCard card) {
		String login = decided.decision().employeeLogin();
		if (login == null || !decided.decision().hasTarget()) {
			return List.of();
		}
		return routed(decided, card, List.of(), List.of(new Recipient(login, login, decided.decision().target())));
	}

	/**
	 * A routing decision with the card loaded and its phones resolved to people: their pops ring; anyone it rang
	 * before who is not among them is withdrawn.
	 */
	List<Pop> routed(RouteDecided decided, ClientCard card, List<Callback> callbacks, List<Recipient> recipients) {
		String callId = decided.request().callId();
		if (recipients.isEmpty() || !decided.decision().hasTarget() || ended.contains(callId)) {
			return List.of();
		}
		List<Pop> changed = new ArrayList<>();
		Map<String, Entry> pops = calls.computeIfAbsent(callId, id -> new LinkedHashMap<>());
		pops.replaceAll((who, entry) -> {
			boolean stillRinging = recipients.stream().anyMatch(recipient -> recipient.login().equals(who));
			if (!stillRinging && entry.pop().state() == Pop.State.RINGING) {
				Entry withdrawn = entry.with(entry.pop().with(Pop.State.WITHDRAWN, decided.at(), null));
				changed.add(withdrawn.pop());
				return withdrawn;
			}
			return entry;
		});
		for (Recipient recipient : recipients) {
			Entry before = pops.get(recipient.login());
			Pop pop = new Pop(callId, Pop.State.RINGING, decided.decision().reason().name(),
					decided.request().callerNumber(), recipient.login(), decided.at(), null, null, null, card,
					card == null, callbacks, before == null ? 1 : before.pop().version() + 1);
			pops.put(recipient.login(), new Entry(recipient.device(), pop));
			changed.add(pop);
		}
		CallAnswered answeredBefore = onPbx.get(callId);
		if (answeredBefore != null && answeredBefore != NOT_ANSWERED) {
			changed.addAll(answered(answeredBefore));
		}
		return changed;
	}

	List<Pop> on(CallEvent event) {
		shown(event);
		if (event instanceof CallAnswered answered) {
			return answered(answered);
		}
		if (event instanceof CallEnded ended) {
			return ended(ended);
		}
		if (event instanceof CallsMerged merged) {
			Map<String, Entry> gone = calls.remove(merged.mergedCallId());
			if (gone != null) {
				calls.computeIfAbsent(merged.callId(), id -> new LinkedHashMap<>()).putAll(gone);
			}
		}
		return List.of();
	}

	/**
	 * The call was transferred: the pop of whoever transferred it is withdrawn and the target, when they are one of
	 * the team ({@code target} not null), gets the pop: ringing for a blind transfer, answered for an attended one
	 * (they have been talking to the transferrer already).
	 */
	List<Pop> transferred(CallTransferred transfer, Recipient target) {
		Map<String, Entry> pops = calls.get(transfer.callId());
		if (pops == null || pops.isEmpty()) {
			return List.of();
		}
		List<Pop> changed = new ArrayList<>();
		Pop template = null;
		for (Map.Entry<String, Entry> each : pops.entrySet()) {
			Entry entry = each.getValue();
			if (entry.device().equals(transfer.fromDevice())) {
				template = entry.pop();
				if (entry.pop().state().active() && (target == null || !each.getKey().equals(target.login()))) {
					Entry withdrawn = entry.with(entry.pop().with(Pop.State.WITHDRAWN, transfer.at(), null));
					each.setValue(withdrawn);
					changed.add(withdrawn.pop());
				}
			}
		}
		if (target == null) {
			return changed;
		}
		if (template == null) {
			template = pops.values().iterator().next().pop();
		}
		Pop.State state = transfer.kind() == TransferKind.ATTENDED ? Pop.State.ANSWERED : Pop.State.RINGING;
		Entry before = pops.get(target.login());
		Pop pop = template.forTransferTarget(target.login(), state, transfer.at());
		if (before != null) {
			if (before.pop().state() == state) {
				return changed;
			}
			pop = new Pop(pop.callId(), pop.state(), pop.reason(), pop.callerNumber(), pop.routedTo(), pop.ringingAt(),
					pop.answeredAt(), pop.endedAt(), pop.answeredBy(), pop.client(), pop.unknownCaller(),
					pop.callbacks(), before.pop().version() + 1);
		}
		pops.put(target.login(), new Entry(target.device(), pop));
		changed.add(pop);
		return changed;
	}

	/**
	 * Time passes: the pops of calls routed more than {@link #UNSEEN} ago that the PBX has not shown are withdrawn
	 * and forgotten.
	 */
	List<Pop> tick(Instant now) {
		List<Pop> changed = new ArrayList<>();
		Iterator<Map.Entry<String, Map<String, Entry>>> each = calls.entrySet().iterator();
		while (each.hasNext()) {
			Map.Entry<String, Map<String, Entry>> call = each.next();
			if (onPbx.containsKey(call.getKey()) || call.getValue().values().stream()
				.anyMatch(entry -> !entry.pop().ringingAt().plus(UNSEEN).isBefore(now))) {
				continue;
			}
			each.remove();
			for (Entry entry : call.getValue().values()) {
				if (entry.pop().state().active()) {
					changed.add(entry.pop().with(Pop.State.WITHDRAWN, now, null));
				}
			}
		}
		return changed;
	}

	/** Whether the PBX has ended this call (as far as this board remembers). */
	boolean isOver(String callId) {
		return ended.contains(callId);
	}

	/** Whether the call has pops here or is in progress on the PBX. */
	boolean knows(String callId) {
		return calls.containsKey(callId) || onPbx.containsKey(callId);
	}

	/** Remembers what the PBX has shown of a call: that it is on the PBX, its answer, its end. */
	private void shown(CallEvent event) {
		if (event instanceof CallEnded end) {
			onPbx.remove(end.callId());
			remember(ended, end.callId());
			return;
		}
		if (event instanceof CallsMerged merged) {
			CallAnswered answer = onPbx.remove(merged.mergedCallId());
			onPbx.putIfAbsent(merged.callId(), answer == null ? NOT_ANSWERED : answer);
			return;
		}
		if (event instanceof CallAnswered answered) {
			onPbx.put(answered.callId(), answered);
		}
		else {
			onPbx.putIfAbsent(event.callId(), NOT_ANSWERED);
		}
		if (onPbx.size() > REMEMBERED) {
			onPbx.remove(onPbx.keySet().iterator().next());
		}
	}

	private static void remember(Set<String> callIds, String callId) {
		callIds.add(callId);
		if (callIds.size() > REMEMBERED) {
			callIds.remove(callIds.iterator().next());
		}
	}

	/** The pops of calls in progress for one person, to send again when their page reconnects. */
	List<Pop> activeFor(String login) {
		List<Pop> active = new ArrayList<>();
		for (Map<String, Entry> pops : calls.values()) {
			Entry entry = pops.get(login);
			if (entry != null && entry.pop().state().active()) {
				active.add(entry.pop());
			}
		}
		return active;
	}

	private List<Pop> answered(CallAnswered answered) {
		Map<String, Entry> pops = calls.get(answered.callId());
		if (pops == null) {
			return List.of();
		}
		String answeredBy = pops.entrySet()
			.stream()
			.filter(entry -> entry.getValue().device().equals(answered.device()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
		List<Pop> changed = new ArrayList<>();
		pops.replaceAll((login, entry) -> {
			Pop.State state = login.equals(answeredBy) ? Pop.State.ANSWERED : Pop.State.WITHDRAWN;
			if (entry.pop().state() == state || !entry.pop().state().active()) {
				return entry;
			}
			Entry next = entry.with(entry.pop().with(state, answered.at(), answeredBy));
			changed.add(next.pop());
			return next;
		});
		return changed;
	}

	private List<Pop> ended(CallEnded ended) {
		Map<String, Entry> pops = calls.remove(ended.callId());
		if (pops == null) {
			return List.of();
		}
		List<Pop> changed = new ArrayList<>();
		Instant at = ended.at();
		for (Entry entry : pops.values()) {
			Pop.State state = switch (entry.pop().state()) {
				case ANSWERED -> Pop.State.ENDED;
				case RINGING -> Pop.State.MISSED;
				default -> null;
			};
			if (state != null) {
				changed.add(entry.pop().with(state, at, null));
			}
		}
		return changed;
	}

	int inProgress() {
		return calls.size();
	}

	private record Entry(String device, Pop pop) {

		Entry with(Pop next) {
			return new Entry(device, next);
		}

	}

}

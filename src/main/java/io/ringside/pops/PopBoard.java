package io.ringside.pops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.ringside.calls.Callback;
import io.ringside.calls.RoutedCall;
import io.ringside.calls.RoutedCallEvent;
import io.ringside.calls.RoutedCallEvent.Answered;
import io.ringside.calls.RoutedCallEvent.Ended;
import io.ringside.calls.RoutedCallEvent.Merged;
import io.ringside.calls.RoutedCallEvent.Routed;
import io.ringside.calls.RoutedCallEvent.Transferred;
import io.ringside.calls.RoutedCallEvent.Withdrawn;
import io.ringside.clients.ClientCard;
import io.ringside.routing.RouteDecided;
import io.ringside.rules.WorkRule;
import io.ringside.telephony.CallEvent.TransferKind;

/**
 * The pops of the calls in progress: who sees which call, in which state. A pure state
 * machine: each input returns the pops that changed, to be sent. Single-threaded: fed in
 * order from one thread.
 * <p>
 * A call may ring several phones at once (a ring group such as the lead line): each of
 * their people gets a pop; when one answers, the others' pops are WITHDRAWN. A transfer
 * withdraws the pop of whoever transferred the call away and gives the target one of
 * their own, with the same {@code callId}.
 * <p>
 * It is fed the routed-call projection's events in their order ({@link RoutedCallEvent}),
 * which has already settled what arrives in which order, merges, and calls the PBX never
 * showed ({@link Withdrawn}): a routing of a call already answered is answered at once; a
 * routing of a call that has ended never comes.
 */
final class PopBoard {

	/** callId → (login → pop), and the phone each login's pop rang. */
	private final Map<String, Map<String, Entry>> calls = new HashMap<>();

	/**
	 * A routing decision with the card loaded and its phones resolved to people: their
	 * pops ring; anyone it rang before who is not among them is withdrawn.
	 */
	List<Pop> routed(Routed routed, @Nullable ClientCard card, List<Callback> callbacks, WorkRule rule,
			List<Recipient> recipients) {
		RouteDecided decided = routed.decided();
		String callId = routed.callId();
		if (recipients.isEmpty() || !decided.decision().hasTarget()) {
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
					card == null, callbacks, rule.priority().name(), rule.script(), decided.decision().passed(),
					before == null ? 1 : before.pop().version() + 1);
			pops.put(recipient.login(), new Entry(recipient.device(), pop));
			changed.add(pop);
		}
		RoutedCall call = routed.call();
		Instant answeredAt = call.answeredAt();
		if (answeredAt != null) {
			changed.addAll(answered(callId, call.talking(), answeredAt));
		}
		return changed;
	}

	/** The call was answered, merged, ended or withdrawn: the pops that change. */
	List<Pop> on(RoutedCallEvent event) {
		if (event instanceof Answered answered) {
			return answered(answered.callId(), answered.device(), answered.at());
		}
		if (event instanceof Ended ended) {
			return ended(ended.callId(), ended.at());
		}
		if (event instanceof Withdrawn withdrawn) {
			return withdrawn(withdrawn.callId(), withdrawn.at());
		}
		if (event instanceof Merged merged) {
			Map<String, Entry> gone = calls.remove(merged.mergedCallId());
			if (gone != null) {
				calls.computeIfAbsent(merged.callId(), id -> new LinkedHashMap<>()).putAll(gone);
			}
		}
		return List.of();
	}

	/**
	 * The call was transferred: the pop of whoever transferred it is withdrawn and the
	 * target, when they are one of the team ({@code target} not null), gets the pop:
	 * ringing for a blind transfer, answered for an attended one (they have been talking
	 * to the transferrer already).
	 */
	List<Pop> transferred(Transferred transfer, @Nullable Recipient target) {
		Map<String, Entry> pops = calls.get(transfer.callId());
		if (pops == null || pops.isEmpty()) {
			return List.of();
		}
		List<Pop> changed = new ArrayList<>();
		Pop template = null;
		for (Map.Entry<String, Entry> each : pops.entrySet()) {
			Entry entry = each.getValue();
			if (entry.device() != null && entry.device().equals(transfer.fromDevice())) {
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
			pop = pop.withVersion(before.pop().version() + 1);
		}
		pops.put(target.login(), new Entry(target.device(), pop));
		changed.add(pop);
		return changed;
	}

	/** The PBX never showed the call: its pops are withdrawn and forgotten. */
	private List<Pop> withdrawn(String callId, Instant at) {
		Map<String, Entry> pops = calls.remove(callId);
		if (pops == null) {
			return List.of();
		}
		List<Pop> changed = new ArrayList<>();
		for (Entry entry : pops.values()) {
			if (entry.pop().state().active()) {
				changed.add(entry.pop().with(Pop.State.WITHDRAWN, at, null));
			}
		}
		return changed;
	}

	/**
	 * The pops of calls in progress for one person, to send again when their page
	 * reconnects.
	 */
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

	private List<Pop> answered(String callId, @Nullable String device, Instant at) {
		Map<String, Entry> pops = calls.get(callId);
		if (pops == null) {
			return List.of();
		}
		String answeredBy = pops.entrySet()
			.stream()
			.filter(entry -> entry.getValue().device() != null && entry.getValue().device().equals(device))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
		List<Pop> changed = new ArrayList<>();
		pops.replaceAll((login, entry) -> {
			Pop.State state = login.equals(answeredBy) ? Pop.State.ANSWERED : Pop.State.WITHDRAWN;
			if (entry.pop().state() == state || !entry.pop().state().active()) {
				return entry;
			}
			Entry next = entry.with(entry.pop().with(state, at, answeredBy));
			changed.add(next.pop());
			return next;
		});
		return changed;
	}

	private List<Pop> ended(String callId, Instant at) {
		Map<String, Entry> pops = calls.remove(callId);
		if (pops == null) {
			return List.of();
		}
		List<Pop> changed = new ArrayList<>();
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

	private record Entry(@Nullable String device, Pop pop) {

		Entry with(Pop next) {
			return new Entry(device, next);
		}

	}

}

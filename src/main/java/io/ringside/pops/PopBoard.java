package io.ringside.pops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ringside.crm.ClientCard;
import io.ringside.routing.RouteDecided;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallEvent.CallAnswered;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.CallsMerged;

/**
 * The pops of the calls in progress: who sees which call, in which state. A pure state machine: each input returns
 * the pops that changed, to be sent. Single-threaded: fed in order from one thread.
 */
final class PopBoard {

	/** callId → (login → pop), and the phone each login's pop rang. */
	private final Map<String, Map<String, Entry>> calls = new HashMap<>();

	/** A routing decision with the card loaded: the routed person's pop rings; anyone it rang before is withdrawn. */
	List<Pop> routed(RouteDecided decided, ClientCard card) {
		String login = decided.decision().employeeLogin();
		String callId = decided.request().callId();
		if (login == null || !decided.decision().hasTarget()) {
			return List.of();
		}
		List<Pop> changed = new ArrayList<>();
		Map<String, Entry> pops = calls.computeIfAbsent(callId, id -> new LinkedHashMap<>());
		pops.replaceAll((who, entry) -> {
			if (!who.equals(login) && entry.pop().state() == Pop.State.RINGING) {
				Entry withdrawn = entry.with(entry.pop().with(Pop.State.WITHDRAWN, decided.at(), null));
				changed.add(withdrawn.pop());
				return withdrawn;
			}
			return entry;
		});
		Pop pop = new Pop(callId, Pop.State.RINGING, decided.decision().reason().name(),
				decided.request().callerNumber(), login, decided.at(), null, null, null, card, card == null);
		pops.put(login, new Entry(decided.decision().target(), pop));
		changed.add(pop);
		return changed;
	}

	List<Pop> on(CallEvent event) {
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

	/** The pops of calls in progress for one person, to send again when their page reconnects. */
	List<Pop> activeFor(String login) {
		List<Pop> active = new ArrayList<>();
		for (Map<String, Entry> pops : calls.values()) {
			Entry entry = pops.get(login);
			if (entry != null && (entry.pop().state() == Pop.State.RINGING || entry.pop().state() == Pop.State.ANSWERED)) {
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
			if (entry.pop().state() == state || entry.pop().state() == Pop.State.WITHDRAWN) {
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

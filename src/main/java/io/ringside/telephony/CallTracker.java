package io.ringside.telephony;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.ringside.telephony.CallReducer.Step;

/**
 * Follows every call of the PBX: feed it each AMI event in the order Asterisk sent them
 * and it returns what happened, as {@link TelephonyEvent}s. It owns the active calls
 * ({@link TrackedCalls}, with their indexes); each event goes to its call by Linkedid, or
 * by the Uniqueid of a channel already known (events such as Asterisk-Java's legacy
 * DialEvent carry no Linkedid), through the pure {@link CallReducer}. A call starts with
 * a Newchannel whose Uniqueid is its Linkedid, and is forgotten when its last channel
 * hangs up. Events of calls it never saw start (Ringside connected mid-call) and events
 * it does not know are ignored, unless {@link #seed} brought those calls in.
 * <p>
 * When a known channel shows up with another Linkedid (channels meeting in a bridge all
 * take the oldest one, as after an attended transfer), its call is merged into the call
 * of that Linkedid, or renamed to it when no such call is known, and a
 * {@link CallEvent.CallsMerged} says so; the old Linkedid keeps routing to the surviving
 * call. Since that Linkedid may show only after one of the calls lost its last channel,
 * the events that join two calls are followed too (a successful AttendedTransfer, a dial
 * answered by another call's channel as in a pickup); and a call that has ended is never
 * brought back by a late Linkedid change, so no call ends twice.
 * <p>
 * <b>Not thread-safe</b>: called from one consumer thread at a time (the single
 * subscriber of the AMI event stream), never from the Asterisk-Java reader thread
 * directly. Each call does no I/O and takes microseconds.
 */
public final class CallTracker {

	private final CallReducer reducer;

	private final CallSeeding seeding;

	private final Clock clock;

	private final TrackedCalls calls = new TrackedCalls();

	/**
	 * The ids of the calls that ended recently, so that none is brought back to end a
	 * second time.
	 */
	private final RecentMemory<Boolean> ended = new RecentMemory<>();

	/**
	 * With the default rule for which devices are ours,
	 * {@link Extensions#shortNumeric()}.
	 */
	public CallTracker(Clock clock) {
		this(Extensions.shortNumeric(), clock);
	}

	/**
	 * @param extensions which devices and numbers are ours: decides each call's direction
	 * @param clock the time of events that carry no {@code Timestamp}
	 */
	public CallTracker(Extensions extensions, Clock clock) {
		this.reducer = new CallReducer(extensions, clock);
		this.seeding = new CallSeeding(extensions);
		this.clock = clock;
	}

	/**
	 * What this event tells: usually nothing, sometimes one or a few events, in the order
	 * they happened.
	 */
	public List<TelephonyEvent> on(AmiEvent event) {
		if (DeviceStates.concerns(event)) {
			return DeviceStates.of(event, reducer.timeOf(event)).<List<TelephonyEvent>>map(List::of).orElse(List.of());
		}
		Instant at = reducer.timeOf(event);
		List<TelephonyEvent> out = new ArrayList<>();
		followJoin(event, at, out);
		followLinkedidChange(event, at, out);
		String callId = calls.route(event);
		if (callId == null && !startsACall(event)) {
			return out;
		}
		Call before = (callId != null) ? calls.get(callId) : null;
		Step step = reducer.apply(before, event, at);
		keep(before, step);
		out.addAll(step.events());
		return out;
	}

	/**
	 * Rebuilds the calls after (re)connecting, from the complete answer to a
	 * CoreShowChannels action (its {@code CoreShowChannel} events; other events are
	 * ignored). Calls not tracked yet are started (with CallStarted, LegRinging and
	 * CallAnswered as the channels show them, at times estimated from their Duration);
	 * tracked calls that have no channel left in the list ended while Ringside was away
	 * and are ended now; tracked calls still there catch up (new channels, an answer
	 * whose events were lost with the connection).
	 */
	public List<TelephonyEvent> seed(List<AmiEvent> coreShowChannels) {
		Instant now = clock.instant();
		Map<String, List<AmiEvent>> byCall = new LinkedHashMap<>();
		for (AmiEvent entry : coreShowChannels) {
			String uniqueid = entry.get("Uniqueid");
			if (entry.is("CoreShowChannel") && uniqueid != null) {
				String linkedid = entry.get("Linkedid") != null ? entry.get("Linkedid") : uniqueid;
				String known = calls.callOfChannel(uniqueid);
				byCall.computeIfAbsent(known != null ? known : calls.resolve(linkedid), id -> new ArrayList<>())
					.add(entry);
			}
		}
		List<TelephonyEvent> out = new ArrayList<>();
		for (Call gone : calls.all()) {
			if (!byCall.containsKey(gone.id())) {
				Step step = reducer.end(gone, now);
				calls.forget(gone.id(), null);
				ended.remember(gone.id(), true, now);
				out.addAll(step.events());
			}
		}
		byCall.forEach((callId, entries) -> {
			Call known = calls.get(callId);
			Step step = known == null ? seeding.seed(callId, entries, now) : seeding.catchUp(known, entries, now);
			keep(known, step);
			out.addAll(step.events());
		});
		return out;
	}

	/**
	 * The ids of the calls in progress now; what {@link #reconcile} may end once the PBX
	 * has listed its channels.
	 */
	public Set<String> callIds() {
		return calls.ids();
	}

	/**
	 * Ends the calls the PBX no longer has: each of {@code trackedBefore} (the
	 * {@link #callIds()} taken before the CoreShowChannels action was sent, so a call
	 * that started since is never among them) that is still in progress and has no
	 * channel in the complete answer to that action. They are ended now with what is
	 * known of them (the hangup cause only if the caller's hangup was seen); the rest of
	 * the list is left to the events.
	 */
	public List<TelephonyEvent> reconcile(Set<String> trackedBefore, List<AmiEvent> coreShowChannels) {
		Set<String> present = new HashSet<>();
		for (AmiEvent entry : coreShowChannels) {
			String uniqueid = entry.get("Uniqueid");
			if (entry.is("CoreShowChannel") && uniqueid != null) {
				String linkedid = entry.get("Linkedid") != null ? entry.get("Linkedid") : uniqueid;
				String known = calls.callOfChannel(uniqueid);
				present.add(known != null ? known : calls.resolve(linkedid));
			}
		}
		Instant now = clock.instant();
		List<TelephonyEvent> out = new ArrayList<>();
		for (String before : trackedBefore) {
			String callId = calls.resolve(before);
			Call gone = calls.get(callId);
			if (gone != null && !present.contains(callId)) {
				Step step = reducer.end(gone, now);
				calls.forget(callId, gone);
				ended.remember(callId, true, now);
				out.addAll(step.events());
			}
		}
		return out;
	}

	/** How many calls are in progress. */
	public int inProgress() {
		return calls.size();
	}

	/** The calls in progress, oldest first; a snapshot. */
	public Collection<Call> activeCalls() {
		return calls.all();
	}

	/** A call in progress, by its Linkedid or by a Linkedid that was merged into it. */
	public Optional<Call> call(String callId) {
		return Optional.ofNullable(calls.get(calls.resolve(callId)));
	}

	/**
	 * Events that say two calls became one conversation, before any channel shows the new
	 * Linkedid (which may come only after one of the calls has lost its last channel): a
	 * successful attended transfer joins the two transferers' calls, and a dial answered
	 * by a channel of another call (a pickup) joins that call. The younger call goes into
	 * the older one, as Asterisk keeps the oldest Linkedid.
	 */
	private void followJoin(AmiEvent event, Instant at, List<TelephonyEvent> out) {
		String one;
		String other;
		if (event.is("AttendedTransfer") && !"Fail".equalsIgnoreCase(event.get("Result"))) {
			one = calls.tracked(event.get("OrigTransfererUniqueid"), event.get("OrigTransfererLinkedid"));
			other = calls.tracked(event.get("SecondTransfererUniqueid"), event.get("SecondTransfererLinkedid"));
		}
		else if (event.is("DialEnd") && "ANSWER".equalsIgnoreCase(event.get("DialStatus"))) {
			one = calls.tracked(event.get("Uniqueid"), event.get("Linkedid"));
			other = calls.tracked(event.get("DestUniqueid"), event.get("DestLinkedid"));
		}
		else {
			return;
		}
		if (one == null || other == null || one.equals(other)) {
			return;
		}
		Call first = calls.get(one);
		Call second = calls.get(other);
		if (first == null || second == null) {
			return;
		}
		boolean firstIsOlder = !second.startedAt().isBefore(first.startedAt());
		join(firstIsOlder ? other : one, firstIsOlder ? one : other, at, out);
	}

	private void followLinkedidChange(AmiEvent event, Instant at, List<TelephonyEvent> out) {
		String uniqueid = event.get("Uniqueid");
		String linkedid = event.get("Linkedid");
		String home = (uniqueid != null) ? calls.callOfChannel(uniqueid) : null;
		if (home == null || linkedid == null) {
			return;
		}
		String target = calls.resolve(linkedid);
		if (target.equals(home) || ended.contains(target)) {
			// a call that has ended is not brought back: the channel's call goes on, and
			// ends, under its own id
			return;
		}
		join(home, target, at, out);
	}

	/**
	 * The call {@code home} goes on as {@code target}: merged into it when it is tracked,
	 * else renamed to it.
	 */
	private void join(String home, String target, Instant at, List<TelephonyEvent> out) {
		Call moving = calls.get(home);
		if (moving == null) {
			return;
		}
		Call surviving = calls.get(target);
		Step step = (surviving != null) ? reducer.merge(surviving, moving, at) : reducer.rename(moving, target, at);
		calls.merged(home, target);
		keep(surviving, step);
		out.addAll(step.events());
	}

	private static boolean startsACall(AmiEvent event) {
		String uniqueid = event.get("Uniqueid");
		String linkedid = event.get("Linkedid");
		return event.is("Newchannel") && uniqueid != null && (linkedid == null || linkedid.equals(uniqueid));
	}

	/**
	 * Keeps the call's new state, or, when it ended, forgets it and remembers that it
	 * ended; a step that started no call changes nothing.
	 */
	private void keep(@Nullable Call before, Step step) {
		Call call = step.call();
		if (call == null) {
			return;
		}
		if (step.ended()) {
			calls.forget(call.id(), call);
			ended.remember(call.id(), true, clock.instant());
			return;
		}
		calls.keep(before, call);
	}

}

package io.ringside.telephony.ami;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.ringside.telephony.AmiEvent;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallTracker;
import io.ringside.telephony.DeviceStateChanged;
import io.ringside.telephony.TelephonyEvent;

/**
 * The {@link CallTracker} fed one {@link TrackerInput} at a time: events, the channels
 * read after a (re)connect, and the rounds of reconciliation, whose ended calls are
 * counted in {@code ringside.calls.reconciled}. After each list of channels, the phones
 * its {@link PhoneLedger} holds on a call without a channel in the list are freed. An
 * input that makes the tracker fail is logged and skipped. {@code ringside.calls.tracked}
 * is how many calls it follows.
 * <p>
 * Threads: the tracker's own thread ({@code call-tracker}) only.
 */
final class Tracking {

	/**
	 * Logged under the connection's name, as before the split: operators filter on it.
	 */
	private static final Log log = LogFactory.getLog(AmiConnection.class);

	private final CallTracker tracker;

	private final Counter reconciled;

	private final Counter freedPhones;

	private final AtomicLong inProgress = new AtomicLong();

	private final PhoneLedger phones = new PhoneLedger();

	private final Clock clock;

	Tracking(CallTracker tracker, Clock clock, MeterRegistry meters) {
		this.tracker = tracker;
		this.clock = clock;
		this.reconciled = Counter.builder("ringside.calls.reconciled")
			.description("Calls ended because the PBX no longer listed any of their channels (their Hangup was lost)")
			.register(meters);
		this.freedPhones = Counter.builder("ringside.phones.freed")
			.description("Phones set free because the PBX listed no channel of theirs (the end of their call was lost)")
			.register(meters);
		Gauge.builder("ringside.calls.tracked", inProgress, AtomicLong::get)
			.description("Calls the tracker follows now")
			.register(meters);
	}

	/** One input, and the events the tracker makes of it. */
	List<TelephonyEvent> track(TrackerInput item) {
		try {
			TrackerInput.Round round = item.round();
			List<AmiEvent> channels = item.seed();
			if (round == null) {
				List<TelephonyEvent> made = tracker.on(Objects.requireNonNull(item.event(), "event"));
				phones.note(made);
				return made;
			}
			if (channels == null) {
				round.tracked = tracker.callIds();
				round.phones = phones.mark();
				return List.of();
			}
			List<TelephonyEvent> made = new ArrayList<>(
					item.connected() ? tracker.seed(channels) : reconcile(round, channels));
			phones.note(made);
			List<DeviceStateChanged> freed = phones.freed(round.phones, channels, clock.instant());
			if (!freed.isEmpty()) {
				freedPhones.increment(freed.size());
				log.warn(freed.size() + " phones freed that the PBX shows without a channel (the end of their "
						+ "call was lost): " + freed.stream().map(DeviceStateChanged::device).toList());
				made.addAll(freed);
			}
			return made;
		}
		catch (RuntimeException ex) {
			log.error("Could not follow AMI event " + (item.event() == null ? "CoreShowChannels" : item.event().name())
					+ "; skipped", ex);
			return List.of();
		}
		finally {
			inProgress.set(tracker.inProgress());
		}
	}

	/** The end of the calls a round's list no longer has. */
	private List<TelephonyEvent> reconcile(TrackerInput.Round round, List<AmiEvent> listed) {
		Set<String> tracked = round.tracked;
		if (tracked == null) {
			return List.of();
		}
		List<TelephonyEvent> ended = tracker.reconcile(tracked, listed);
		long calls = ended.stream().filter(CallEvent.CallEnded.class::isInstance).count();
		if (calls > 0) {
			reconciled.increment(calls);
			log.warn(calls + " calls ended that the PBX no longer has (their Hangup was lost): "
					+ ended.stream()
						.filter(CallEvent.CallEnded.class::isInstance)
						.map(event -> ((CallEvent.CallEnded) event).callId())
						.toList());
		}
		return ended;
	}

}

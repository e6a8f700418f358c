package io.ringside.telephony.ami;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.ringside.telephony.AmiEvent;
import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallTracker;
import io.ringside.telephony.TelephonyEvent;

/**
 * The {@link CallTracker} fed one {@link TrackerInput} at a time: events, the channels
 * read after a (re)connect, and the rounds of reconciliation, whose ended calls are
 * counted in {@code ringside.calls.reconciled}. An input that makes the tracker fail is
 * logged and skipped. {@code ringside.calls.tracked} is how many calls it follows.
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

	private final AtomicLong inProgress = new AtomicLong();

	Tracking(CallTracker tracker, MeterRegistry meters) {
		this.tracker = tracker;
		this.reconciled = Counter.builder("ringside.calls.reconciled")
			.description("Calls ended because the PBX no longer listed any of their channels (their Hangup was lost)")
			.register(meters);
		Gauge.builder("ringside.calls.tracked", inProgress, AtomicLong::get)
			.description("Calls the tracker follows now")
			.register(meters);
	}

	/** One input, and the events the tracker makes of it. */
	List<TelephonyEvent> track(TrackerInput item) {
		try {
			TrackerInput.Round round = item.round();
			if (round != null) {
				return reconcile(round, item.seed());
			}
			List<AmiEvent> seed = item.seed();
			// an input with neither a round nor channels is an event (TrackerInput.event)
			return seed != null ? tracker.seed(seed) : tracker.on(Objects.requireNonNull(item.event(), "event"));
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

	/** The mark of a round, or the end of the calls its list no longer has. */
	private List<TelephonyEvent> reconcile(TrackerInput.Round round, @Nullable List<AmiEvent> listed) {
		if (listed == null) {
			round.tracked = tracker.callIds();
			return List.of();
		}
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

package io.ringside.telephony.ami;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.ringside.telephony.CallEvent;
import io.ringside.telephony.CallTracker;
import io.ringside.telephony.TelephonyEvent;

/**
 * The {@link CallTracker} fed one {@link TrackerInput} at a time: events, the channels read after a (re)connect, and
 * the rounds of reconciliation, whose ended calls are counted in {@code ringside.calls.reconciled}. An input that
 * makes the tracker fail is logged and skipped. {@code ringside.calls.tracked} is how many calls it follows.
 * <p>
 * Threads: the tracker's own thread ({@code call-tracker}) only.
 */
final class Tracking {

	/** Logged under the connection's name, as before the split: operators filter on it. */
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
			if (item.round() != null) {
				return reconcile(item);
			}
			return item.seed() != null ? tracker.seed(item.seed()) : tracker.on(item.event());
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
	private List<TelephonyEvent> reconcile(TrackerInput item) {
		TrackerInput.Round round = item.round();
		if (item.seed() == null) {
			round.tracked = tracker.callIds();
			return List.of();
		}
		if (round.tracked == null) {
			return List.of();
		}
		List<TelephonyEvent> ended = tracker.reconcile(round.tracked, item.seed());
		long calls = ended.stream().filter(CallEvent.CallEnded.class::isInstance).count();
		if (calls > 0) {
			reconciled.increment(calls);
			log.warn(calls + " calls ended that the PBX no longer has (their Hangup was lost): " + ended.stream()
				.filter(CallEvent.CallEnded.class::isInstance)
				.map(event -> ((CallEvent.CallEnded) event).callId())
				.toList());
		}
		return ended;
	}

}

package io.ringside.telephony.ami;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.ringside.telephony.AmiEvent;

/**
 * What the tracker's thread takes in turn: an AMI event; a round, first its mark, then
 * the channels listed for it, either read after a (re)connect ({@code connected}) or for
 * reconciliation. The parts an input does not have are null: an event has neither
 * channels nor a round, a mark has only its round.
 * <p>
 * Made on Asterisk-Java's reader thread or a bounded-elastic one, taken on the tracker's
 * thread.
 */
record TrackerInput(@Nullable AmiEvent event, @Nullable List<AmiEvent> seed, @Nullable Round round, boolean connected) {

	static TrackerInput event(AmiEvent event) {
		return new TrackerInput(event, null, null, false);
	}

	/** The channels read after a (re)connect, marked by {@code round} when it began. */
	static TrackerInput seed(Round round, List<AmiEvent> channels) {
		return new TrackerInput(null, channels, round, true);
	}

	static TrackerInput mark(Round round) {
		return new TrackerInput(null, null, round, false);
	}

	static TrackerInput listed(Round round, List<AmiEvent> channels) {
		return new TrackerInput(null, channels, round, false);
	}

	/**
	 * The calls the tracker followed when a round was marked, null until the mark is
	 * taken; written and read on the tracker's thread only.
	 */
	static final class Round {

		@Nullable Set<String> tracked;

		/**
		 * The phone states noted when the round was marked ({@link PhoneLedger#mark}).
		 */
		long phones = -1;

	}

}

package io.ringside.pops;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.ringside.calls.Callback;
import io.ringside.calls.RoutedCallEvent;
import io.ringside.calls.RoutedCallEvent.Routed;
import io.ringside.calls.RoutedCallEvent.Transferred;
import io.ringside.clients.ClientCard;
import io.ringside.rules.WorkRule;

/**
 * What the pops thread is fed: a routed-call event with what the pops need to know
 * besides, looked up beforehand ({@link PopLookups}). Each kind applies itself to the
 * {@link PopBoard} and the {@link OwnerNotices} and returns what is to be sent, so a new
 * kind cannot be added without saying how it applies. Applied on the pops thread.
 */
sealed interface PopInput {

	/**
	 * Applies this input to the pops and the owners' notices: the pops, then the
	 * notifications, to send.
	 */
	List<Outgoing> applyTo(PopBoard board, OwnerNotices notices);

	/**
	 * A routing that rings someone, with the calling client's card, open callbacks, rule
	 * of work and the people it rings.
	 */
	record Loaded(Routed routed, @Nullable ClientCard card, List<Callback> callbacks, WorkRule rule,
			List<Recipient> recipients) implements PopInput {

		@Override
		public List<Outgoing> applyTo(PopBoard board, OwnerNotices notices) {
			return Outgoing.of(board.routed(routed, card, callbacks, rule, recipients),
					notices.routed(routed.callId(), routed.decided(), card, recipients));
		}

	}

	/** A transfer, with its target as a person when the target is one (else null). */
	record TransferredTo(Transferred transfer, @Nullable Recipient target) implements PopInput {

		@Override
		public List<Outgoing> applyTo(PopBoard board, OwnerNotices notices) {
			List<Pop> pops = board.transferred(transfer, target);
			notices.transferTarget(transfer.callId(), target);
			return Outgoing.of(pops, List.of());
		}

	}

	/**
	 * Any other event of a call (shown, ringing, answered, merged, ended, withdrawn...):
	 * it needs nothing besides.
	 */
	record Happened(RoutedCallEvent event) implements PopInput {

		@Override
		public List<Outgoing> applyTo(PopBoard board, OwnerNotices notices) {
			List<Pop> pops = board.on(event);
			return Outgoing.of(pops, notices.on(event));
		}

	}

}

package io.ringside.telephony;

import java.time.Instant;
import java.util.List;

import io.ringside.telephony.CallEvent.CallTransferred;
import io.ringside.telephony.CallEvent.TransferKind;

/**
 * Transfers as a call's events: a successful BlindTransfer or AttendedTransfer is a
 * {@link CallTransferred} from the transferring phone to where the call went (a phone, an
 * extension behind a Local channel, or an application). The call itself is unchanged:
 * joining the calls of an attended transfer is the {@link CallTracker}'s. Pure and
 * stateless.
 */
final class Transfers {

	private Transfers() {
	}

	static Call blind(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		if (succeeded(event)) {
			out.add(new CallTransferred(call.id(), at, TransferKind.BLIND,
					Extensions.deviceOf(event.get("TransfererChannel")), event.text("Extension")));
		}
		return call;
	}

	static Call attended(Call call, AmiEvent event, Instant at, List<CallEvent> out) {
		if (succeeded(event)) {
			String target = event.get("TransferTargetChannel");
			String to;
			if (target == null) {
				to = event.text("DestApp");
			}
			else if (Extensions.isLocal(target)) {
				to = Extensions.localExten(target);
			}
			else {
				to = Extensions.deviceOf(target);
			}
			out.add(new CallTransferred(call.id(), at, TransferKind.ATTENDED,
					Extensions.deviceOf(event.get("OrigTransfererChannel")), to));
		}
		return call;
	}

	private static boolean succeeded(AmiEvent event) {
		String result = event.get("Result");
		return result == null || result.equalsIgnoreCase("Success");
	}

}

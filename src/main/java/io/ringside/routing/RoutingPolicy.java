package io.ringside.routing;

import org.jspecify.annotations.Nullable;

import io.ringside.clients.CallerMatch;
import io.ringside.presence.Presence.Reachability;
import io.ringside.team.Employee;

/**
 * The routing rules, as a pure function of what is known about the caller, the owner and
 * the head of sales.
 * <ul>
 * <li>A known caller whose owner is available with a free phone: the owner
 * ({@link RouteReason#OWNER}).</li>
 * <li>The owner away, offline, busy, unreachable or without a phone: the head of sales
 * ({@link RouteReason#OWNER_ABSENT}).</li>
 * <li>The owner rang out: the head of sales ({@link RouteReason#OWNER_NO_ANSWER}).</li>
 * <li>An unknown caller: the lead line, the head of sales by default
 * ({@link RouteReason#UNKNOWN_CALLER}).</li>
 * <li>The head of sales or the lead line rang out: nobody
 * ({@link RouteReason#NO_ANSWER}); the dialplan takes a message and the call counts as
 * missed.</li>
 * <li>A client owned by the head of sales herself, when she is absent or did not answer:
 * the lead line if one is configured, else nobody (a message and a callback task), never
 * her own phone a second time.</li>
 * </ul>
 */
public final class RoutingPolicy {

	private final String leadLine;

	public RoutingPolicy(@Nullable String leadLine) {
		this.leadLine = leadLine == null ? "" : leadLine.trim();
	}

	/**
	 * @param caller the calling client and its owner, or null for an unknown number
	 * @param owner the owner's reachability, or null for an unknown number
	 * @param head the head of sales, or null when there is none
	 */
	public RouteDecision decide(RouteRequest request, @Nullable CallerMatch caller, @Nullable Reachability owner,
			@Nullable Employee head) {
		Long clientId = caller == null ? null : caller.clientId();
		if (request.attempt() == RouteRequest.Attempt.NO_ANSWER) {
			if (request.previousReason() != RouteReason.OWNER) {
				return RouteDecision.nobody(RouteReason.NO_ANSWER, clientId);
			}
			return ownedByTheHead(caller, head) ? pastTheHead(RouteReason.OWNER_NO_ANSWER, clientId)
					: headOfSales(head, RouteReason.OWNER_NO_ANSWER, clientId);
		}
		if (caller == null) {
			return leadLine.isEmpty() ? headOfSales(head, RouteReason.UNKNOWN_CALLER, null)
					: new RouteDecision(leadLine, RouteReason.UNKNOWN_CALLER, null, null);
		}
		Employee ownerEmployee = caller.owner();
		String ownerPhone = phoneOf(ownerEmployee);
		if (ownerPhone != null && ownerCanTakeACall(ownerEmployee, owner)) {
			return RouteDecision.toOwner(ownerPhone, ownerEmployee.login(), caller.clientId());
		}
		return ownedByTheHead(caller, head) ? pastTheHead(RouteReason.OWNER_ABSENT, clientId)
				: headOfSales(head, RouteReason.OWNER_ABSENT, clientId);
	}

	/**
	 * Whether a client's owner is there for their client: active, with a phone, available
	 * and not on another call. Otherwise the owner is absent: routing sends their
	 * client's calls to the head of sales, and another manager may call their client.
	 * @param reachability the owner's presence, or null when unknown
	 */
	public static boolean ownerCanTakeACall(Employee owner, @Nullable Reachability reachability) {
		return owner.active() && phoneOf(owner) != null && reachability != null && reachability.canTakeACall();
	}

	private static boolean ownedByTheHead(@Nullable CallerMatch caller, @Nullable Employee head) {
		return caller != null && head != null && caller.owner().login().equals(head.login());
	}

	/**
	 * Where an absent head of sales' own client goes: there is nobody above her to take
	 * it.
	 */
	private RouteDecision pastTheHead(RouteReason reason, @Nullable Long clientId) {
		return leadLine.isEmpty() ? RouteDecision.nobody(reason, clientId)
				: new RouteDecision(leadLine, reason, null, clientId);
	}

	private static RouteDecision headOfSales(@Nullable Employee head, RouteReason reason, @Nullable Long clientId) {
		String headPhone = head == null ? null : phoneOf(head);
		if (head == null || headPhone == null) {
			return RouteDecision.nobody(reason, clientId);
		}
		return RouteDecision.toHeadOfSales(headPhone, head.login(), reason, clientId);
	}

	/** The employee's phone, null when they have none. */
	private static @Nullable String phoneOf(Employee employee) {
		String extension = employee.extension();
		return extension == null || extension.isBlank() ? null : extension;
	}

}

package io.ringside.routing;

import org.jspecify.annotations.Nullable;

import io.ringside.clients.CallerMatch;
import io.ringside.presence.Presence.Reachability;
import io.ringside.team.Employee;

/**
 * Who a call may go to, as found for it.
 *
 * @param caller the calling client and its owner; null for an unknown number
 * @param owner the owner's reachability; null when unknown or not read
 * @param deputy the owner's deputy; null when there is none or the chain has no DEPUTY
 * step
 * @param deputyReach the deputy's reachability; null when unknown or not read
 * @param head the head of sales; null when there is none
 * @param headReach the head of sales' reachability; null when unknown or not read
 */
public record Parties(@Nullable CallerMatch caller, @Nullable Reachability owner, @Nullable Employee deputy,
		@Nullable Reachability deputyReach, @Nullable Employee head, @Nullable Reachability headReach) {

	/** An unknown caller's. */
	public static Parties unknown(@Nullable Employee head) {
		return new Parties(null, null, null, null, head, null);
	}

}

package io.ringside.routing;

import org.jspecify.annotations.Nullable;

/**
 * Where a call goes and why.
 *
 * @param target the dial string the dialplan dials ({@code PJSIP/101}, or a group
 * {@code PJSIP/100&PJSIP/101}); empty when nobody is left to ring
 * @param employeeLogin the employee the target belongs to, when it is one person
 * @param clientId the calling client, when the number is known
 */
public record RouteDecision(String target, RouteReason reason, @Nullable String employeeLogin,
		@Nullable Long clientId) {

	public static RouteDecision toOwner(String extension, String login, long clientId) {
		return new RouteDecision(extension, RouteReason.OWNER, login, clientId);
	}

	public static RouteDecision toHeadOfSales(String extension, String login, RouteReason reason,
			@Nullable Long clientId) {
		return new RouteDecision(extension, reason, login, clientId);
	}

	public static RouteDecision nobody(RouteReason reason, @Nullable Long clientId) {
		return new RouteDecision("", reason, null, clientId);
	}

	public boolean hasTarget() {
		return target != null && !target.isEmpty();
	}

}

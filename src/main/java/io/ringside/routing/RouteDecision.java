package io.ringside.routing;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.ringside.rules.ChainStep.Step;

/**
 * Where a call goes and why.
 *
 * @param target the dial string the dialplan dials ({@code PJSIP/101}, or a group
 * {@code PJSIP/100&PJSIP/101}); empty when nobody is left to ring
 * @param employeeLogin the employee the target belongs to, when it is one person
 * @param clientId the calling client, when the number is known
 * @param step the step of the rules of work's chain the target is; null when the decision
 * is not one (an unknown caller's lead line, a fallback, nobody left)
 * @param ringTime how long the target rings before the dialplan asks for the next one;
 * null for the default ({@code ringside.pbx.ring-timeout})
 * @param passed the steps of the chain passed over to get here, in order: why the call
 * came to this person and not to those before
 */
public record RouteDecision(String target, RouteReason reason, @Nullable String employeeLogin, @Nullable Long clientId,
		@Nullable Step step, @Nullable Duration ringTime, List<Passed> passed) {

	public RouteDecision {
		passed = passed == null ? List.of() : List.copyOf(passed);
	}

	/** A decision outside the chain, ringing for the default time. */
	public RouteDecision(String target, RouteReason reason, @Nullable String employeeLogin, @Nullable Long clientId) {
		this(target, reason, employeeLogin, clientId, null, null, List.of());
	}

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

	/** The same decision as a step of the chain, after the steps passed. */
	RouteDecision at(@Nullable Step step, @Nullable Duration ringTime, List<Passed> passed) {
		return new RouteDecision(target, reason, employeeLogin, clientId, step, ringTime, passed);
	}

	public boolean hasTarget() {
		return target != null && !target.isEmpty();
	}

	/**
	 * A step of the chain the call passed over.
	 *
	 * @param login the person of the step, when there is one
	 * @param ringTime how long it rang, for a step that rang out
	 */
	public record Passed(Step step, Why why, @Nullable String login, @Nullable Duration ringTime) {

		/** Why a step was passed over. */
		public enum Why {

			/** It rang for its ring time and nobody answered. */
			NO_ANSWER,
			/** Its person is away, offline, on another call, without a phone or gone. */
			ABSENT,
			/** There is nobody for it: no deputy named, no lead line configured. */
			NOBODY

		}

	}

}

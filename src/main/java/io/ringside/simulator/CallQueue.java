package io.ringside.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A queue as FreePBX builds it: each member is an extension reached through a Local
 * channel ({@code Local/<ext>@from-queue/n}), whose {@code ;2} half dials the extension's
 * phone ({@code PJSIP/<ext>}).
 *
 * @param number the queue's number (FreePBX names the queue by it), e.g. {@code 400}
 * @param strategy {@link Strategy#RINGALL} rings every member each round,
 * {@link Strategy#LINEAR} one member a round, the next one each time (round after round)
 * @param members the members' extensions, e.g. {@code 101}
 * @param memberTimeout how long a round rings before AgentRingNoAnswer (FreePBX's "Agent
 * Timeout", 15 s by default)
 * @param retry the pause between rounds (FreePBX's "Retry", 5 s by default)
 */
public record CallQueue(String number, Strategy strategy, List<String> members, Duration memberTimeout,
		Duration retry) {

	public enum Strategy {

		RINGALL, LINEAR

	}

	public CallQueue {
		Objects.requireNonNull(number, "number");
		Objects.requireNonNull(strategy, "strategy");
		members = List.copyOf(members);
		if (members.isEmpty()) {
			throw new IllegalArgumentException("a queue needs a member");
		}
		if (memberTimeout == null || memberTimeout.isNegative() || memberTimeout.isZero()) {
			throw new IllegalArgumentException("memberTimeout must be positive");
		}
		retry = retry == null ? Duration.ZERO : retry;
	}

	/**
	 * A ringall queue with FreePBX's default timings: members ring 15 s a round, 5 s
	 * between rounds.
	 */
	public static CallQueue ringAll(String number, List<String> extensions) {
		return new CallQueue(number, Strategy.RINGALL, extensions, Duration.ofSeconds(15), Duration.ofSeconds(5));
	}

	/** A queue that rings one member a round, in turn, with FreePBX's default timings. */
	public static CallQueue linear(String number, List<String> extensions) {
		return new CallQueue(number, Strategy.LINEAR, extensions, Duration.ofSeconds(15), Duration.ofSeconds(5));
	}

	public CallQueue timing(Duration timeout, Duration pause) {
		return new CallQueue(number, strategy, members, timeout, pause);
	}

	/** The interface a member has in Queue(): the Local channel FreePBX dials for it. */
	static String interfaceOf(String extension) {
		return "Local/" + extension + "@from-queue/n";
	}

	/** The members rung in a round (0, 1, 2...). */
	List<String> membersFor(int round) {
		return strategy == Strategy.RINGALL ? members : List.of(members.get(round % members.size()));
	}

}

package io.ringside.rules;

/**
 * How soon a tier's calls are taken: HIGH pops come first in the console and HIGH callers
 * move ahead in the PBX's queues.
 */
public enum Priority {

	HIGH(10), NORMAL(0);

	private final int queuePriority;

	Priority(int queuePriority) {
		this.queuePriority = queuePriority;
	}

	/**
	 * The number FastAGI sets as {@code RINGSIDE_PRIORITY}, for the dialplan's
	 * {@code QUEUE_PRIO} (higher goes first).
	 */
	public int queuePriority() {
		return queuePriority;
	}

}

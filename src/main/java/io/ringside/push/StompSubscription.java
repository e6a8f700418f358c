package io.ringside.push;

/**
 * A STOMP subscription of a session.
 *
 * @param asSubscribed the destination as the client wrote it, echoed in its MESSAGE
 * frames
 * @param destination the canonical destination messages are addressed to
 */
record StompSubscription(String id, String asSubscribed, String destination) {

	/**
	 * Shares the strings that thousands of subscriptions have in common (the ids pages
	 * give, {@code /user/queue/pops}) instead of keeping each frame's copies.
	 */
	static StompSubscription of(String id, String asSubscribed, String destination) {
		return new StompSubscription(id.intern(),
				asSubscribed.equals(destination) ? destination : asSubscribed.intern(), destination);
	}

}

package io.ringside.push;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Who may subscribe to what: the rules of {@code /ws}, as a pure function of the
 * signed-in employee and the destination.
 * <ul>
 * <li>{@code /user/queue/<queue>}: the employee's own queue;
 * {@code /user/<login>/queue/<queue>} only when the login is their own. Queues:
 * {@link Push#POPS}, {@link Push#NOTIFICATIONS}.</li>
 * <li>{@link Push#DASHBOARD}: SUPERVISOR, HEAD_OF_SALES and ADMIN.</li>
 * <li>{@link Push#WAREHOUSE}: WAREHOUSE, HEAD_OF_SALES and ADMIN.</li>
 * <li>Anything else is unknown.</li>
 * </ul>
 */
final class Destinations {

	static final String USER_QUEUE = "/user/queue/";

	static final Set<String> QUEUES = Set.of(Push.POPS, Push.NOTIFICATIONS);

	/**
	 * Each queue's canonical destination, one string for every subscription to it: there
	 * may be 20,000.
	 */
	private static final Map<String, String> CANONICAL_QUEUES = QUEUES.stream()
		.collect(Collectors.toUnmodifiableMap(queue -> queue, queue -> USER_QUEUE + queue));

	static final Set<String> DASHBOARD_ROLES = Set.of("SUPERVISOR", "HEAD_OF_SALES", "ADMIN");

	static final Set<String> WAREHOUSE_ROLES = Set.of("WAREHOUSE", "HEAD_OF_SALES", "ADMIN");

	/** Each topic with the roles that may subscribe to it, and whom a refusal names. */
	private static final Map<String, Topic> TOPIC_RULES = Map.of(Push.DASHBOARD,
			new Topic(DASHBOARD_ROLES, "supervisors, the head of sales and the admin"), Push.WAREHOUSE,
			new Topic(WAREHOUSE_ROLES, "the warehouse, the head of sales and the admin"));

	static final Set<String> TOPICS = TOPIC_RULES.keySet();

	private Destinations() {
	}

	/**
	 * Whether this employee may subscribe here, and to what in Ringside's terms: the user
	 * queue's canonical {@code /user/queue/<queue>} or the topic.
	 */
	static Decision subscribe(String login, Set<String> roles, @Nullable String destination) {
		if (destination == null || destination.isEmpty()) {
			return Decision.refused("SUBSCRIBE needs a destination");
		}
		if (destination.startsWith(USER_QUEUE)) {
			return userQueue(destination.substring(USER_QUEUE.length()));
		}
		if (destination.startsWith("/user/")) {
			String rest = destination.substring("/user/".length());
			int slash = rest.indexOf('/');
			String named = slash < 0 ? rest : rest.substring(0, slash);
			if (!named.equals(login)) {
				return Decision.refused("Access denied: " + destination + " is another user's; subscribe to "
						+ USER_QUEUE + "<queue> for your own");
			}
			String queue = slash < 0 ? "" : rest.substring(slash);
			return queue.startsWith("/queue/") ? userQueue(queue.substring("/queue/".length()))
					: Decision.refused("Unknown destination: " + destination);
		}
		Topic topic = TOPIC_RULES.get(destination);
		if (topic != null) {
			return roles.stream().anyMatch(topic.roles()::contains) ? Decision.allowed(destination)
					: Decision.refused("Access denied: " + destination + " is for " + topic.forWhom());
		}
		return Decision.refused("Unknown destination: " + destination);
	}

	/**
	 * The canonical destination of a user queue named by {@link Push#toUser}, or null
	 * when there is no such queue.
	 */
	static @Nullable String userQueue(String queue, boolean acceptPrefix) {
		String name = acceptPrefix && queue.startsWith(USER_QUEUE) ? queue.substring(USER_QUEUE.length()) : queue;
		return CANONICAL_QUEUES.get(name);
	}

	private static Decision userQueue(String queue) {
		String canonical = userQueue(queue, false);
		return canonical == null ? Decision.refused("Unknown destination: " + USER_QUEUE + queue)
				: Decision.allowed(canonical);
	}

	private record Topic(Set<String> roles, String forWhom) {
	}

	/** Either a destination to deliver from, or why the subscription is refused. */
	record Decision(@Nullable String destination, @Nullable String refusal) {

		static Decision allowed(String destination) {
			return new Decision(destination, null);
		}

		static Decision refused(String refusal) {
			return new Decision(null, refusal);
		}

		boolean isAllowed() {
			return refusal == null;
		}

	}

}

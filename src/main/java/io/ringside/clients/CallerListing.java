package io.ringside.clients;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.team.Role;

/**
 * What the {@link CallerDirectory} serves: the numbers, each client's numbers, and the
 * team.
 * <p>
 * Threads: read from any thread; changed by the directory's one batch at a time.
 */
final class CallerListing {

	private final ConcurrentHashMap<String, Listed> numbers;

	private final ConcurrentHashMap<Long, List<String>> byClient;

	private volatile Team team;

	CallerListing(Map<String, Listed> numbers, Map<Long, List<String>> byClient, Team team) {
		this.numbers = new ConcurrentHashMap<>(numbers);
		this.byClient = new ConcurrentHashMap<>(byClient);
		this.team = team;
	}

	Team team() {
		return team;
	}

	void team(Team read) {
		team = read;
	}

	int numbers() {
		return numbers.size();
	}

	int clients() {
		return byClient.size();
	}

	/**
	 * The number's client and owner, empty when it is nobody's, null when the owner is
	 * not in the team read.
	 */
	@Nullable Optional<CallerMatch> match(String e164) {
		Listed listed = numbers.get(e164);
		if (listed == null) {
			return Optional.empty();
		}
		Employee owner = team.byId().get(listed.ownerId());
		return owner == null ? null : Optional
			.of(new CallerMatch(listed.clientId(), listed.name(), listed.vip(), listed.industry(), owner));
	}

	/**
	 * The clients' numbers as read now; clients that were read without numbers have none
	 * any more.
	 */
	void replace(Set<Long> ids, List<Listed> found) {
		Map<Long, List<String>> now = new HashMap<>();
		found.forEach(listed -> now.computeIfAbsent(listed.clientId(), id -> new ArrayList<>(1)).add(listed.e164()));
		for (Long id : ids) {
			List<String> before = byClient.remove(id);
			if (before != null) {
				before.forEach(e164 -> numbers.computeIfPresent(e164,
						(number, listed) -> listed.clientId() == id ? null : listed));
			}
		}
		found.forEach(listed -> numbers.put(listed.e164(), listed));
		byClient.putAll(now);
	}

	/**
	 * The team by id, and the head of sales among them (null when there is none).
	 *
	 * @param read which read of the team this is: a number no other read of this process
	 * has
	 */
	record Team(Map<Long, Employee> byId, @Nullable Employee head, long read) {

		private static final AtomicLong READS = new AtomicLong();

		/** One of the team by login, null when nobody has it; the team is small. */
		@Nullable Employee byLogin(String login) {
			for (Employee employee : byId.values()) {
				if (employee.login().equals(login)) {
					return employee;
				}
			}
			return null;
		}

		/** The head of sales is chosen as {@link Employees#headOfSales()} chooses. */
		static Team of(List<Employee> everyone) {
			Map<Long, Employee> byId = new HashMap<>();
			everyone.forEach(employee -> byId.put(employee.id(), employee));
			Employee head = everyone.stream()
				.filter(employee -> employee.role() == Role.HEAD_OF_SALES && employee.active())
				.min(Comparator.comparing((Employee employee) -> employee.extension() == null)
					.thenComparingLong(Employee::id))
				.orElse(null);
			return new Team(Map.copyOf(byId), head, READS.incrementAndGet());
		}

	}

	/** A number as listed: whose it is. */
	record Listed(String e164, long clientId, String name, boolean vip, String industry, long ownerId) {
	}

}

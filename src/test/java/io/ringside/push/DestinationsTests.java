package io.ringside.push;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationsTests {

	private static final Set<String> MANAGER = Set.of("MANAGER");

	@Test
	void ownQueueIsAllowedUnderItsCanonicalName() {
		assertThat(Destinations.subscribe("ivanov", MANAGER, "/user/queue/pops").destination())
			.isEqualTo("/user/queue/pops");
		assertThat(Destinations.subscribe("ivanov", MANAGER, "/user/ivanov/queue/notifications").destination())
			.isEqualTo("/user/queue/notifications");
	}

	@Test
	void anotherUsersQueueIsRefusedWhateverTheRole() {
		assertThat(Destinations.subscribe("ivanov", Set.of("ADMIN"), "/user/petrova/queue/pops").refusal())
			.startsWith("Access denied");
		assertThat(Destinations.subscribe("ivanov", MANAGER, "/user/ivanovich/queue/pops").isAllowed()).isFalse();
	}

	@Test
	void dashboardIsForSupervisorsTheHeadOfSalesAndTheAdminOnly() {
		assertThat(Destinations.subscribe("a", MANAGER, "/topic/dashboard").isAllowed()).isFalse();
		for (String role : Set.of("SUPERVISOR", "HEAD_OF_SALES", "ADMIN")) {
			assertThat(Destinations.subscribe("a", Set.of(role), "/topic/dashboard").isAllowed()).isTrue();
		}
	}

	/**
	 * Issue #12: the warehouse follows new orders live; managers and supervisors do not.
	 */
	@Test
	void warehouseIsForTheWarehouseTheHeadOfSalesAndTheAdminOnly() {
		for (String role : Set.of("MANAGER", "SUPERVISOR")) {
			assertThat(Destinations.subscribe("a", Set.of(role), "/topic/warehouse").refusal()).as(role)
				.isEqualTo("Access denied: /topic/warehouse is for the warehouse, the head of sales and the admin");
		}
		for (String role : Set.of("WAREHOUSE", "HEAD_OF_SALES", "ADMIN")) {
			assertThat(Destinations.subscribe("a", Set.of(role), "/topic/warehouse").destination()).as(role)
				.isEqualTo("/topic/warehouse");
		}
		assertThat(Destinations.subscribe("a", Set.of("WAREHOUSE"), "/topic/dashboard").isAllowed()).isFalse();
	}

	@Test
	void unknownDestinationsAreRefused() {
		for (String destination : new String[] { "/user/queue/secrets", "/topic/other", "/queue/pops", "/user/queue/",
				"", "/user/ivanov", "/user/ivanov/topic/x" }) {
			assertThat(Destinations.subscribe("ivanov", Set.of("ADMIN"), destination).isAllowed()).as(destination)
				.isFalse();
		}
		assertThat(Destinations.subscribe("ivanov", MANAGER, null).isAllowed()).isFalse();
	}

	@Test
	void pushNamesAUserQueueByItsNameOrItsFullDestination() {
		assertThat(Destinations.userQueue("pops", true)).isEqualTo("/user/queue/pops");
		assertThat(Destinations.userQueue("/user/queue/notifications", true)).isEqualTo("/user/queue/notifications");
		assertThat(Destinations.userQueue("secrets", true)).isNull();
	}

}

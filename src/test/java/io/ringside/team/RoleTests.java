package io.ringside.team;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who manages whom in the team (issue #12). */
class RoleTests {

	@Test
	void theAdminManagesEveryRoleAdminsIncluded() {
		for (Role role : Role.values()) {
			assertThat(Role.ADMIN.manages(role)).as(role.name()).isTrue();
		}
	}

	@Test
	void theHeadOfSalesManagesManagersSupervisorsAndTheWarehouseOnly() {
		assertThat(EnumSet.allOf(Role.class).stream().filter(Role.HEAD_OF_SALES::manages))
			.containsExactlyInAnyOrder(Role.MANAGER, Role.SUPERVISOR, Role.WAREHOUSE);
	}

	@Test
	void managersSupervisorsAndTheWarehouseManageNobody() {
		for (Role actor : EnumSet.of(Role.MANAGER, Role.SUPERVISOR, Role.WAREHOUSE)) {
			for (Role role : Role.values()) {
				assertThat(actor.manages(role)).as(actor + " manages " + role).isFalse();
			}
		}
	}

	@Test
	void theWarehouseOwnsNoClients() {
		assertThat(Role.WAREHOUSE.canOwnClients()).isFalse();
	}

}

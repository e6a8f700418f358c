package io.ringside;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package is a module; only a module's root package is its API, and dependencies run one way
 * without cycles.
 */
class ModularityTests {

	@Test
	void modulesDependOnEachOtherOnlyThroughTheirPublicApiAndWithoutCycles() {
		ApplicationModules.of(RingsideApplication.class).verify();
	}

}

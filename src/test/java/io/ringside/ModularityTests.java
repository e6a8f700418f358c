package io.ringside;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each top-level package is a module; only a module's root package is its API, and
 * dependencies run one way without cycles.
 */
class ModularityTests {

	private static final ApplicationModules modules = ApplicationModules.of(RingsideApplication.class);

	/** What push, a transport, may use of Ringside: nothing that knows the business. */
	private static final Set<String> PUSH_MAY_USE = Set.of("shared", "database");

	@Test
	void modulesDependOnEachOtherOnlyThroughTheirPublicApiAndWithoutCycles() {
		modules.verify();
	}

	/**
	 * Push knows no domain: presence follows the sessions push announces and offers its
	 * STOMP destination through push's {@code AppDestination}, never the other way round
	 * (issue #13).
	 */
	@Test
	void pushDependsOnNoDomainModuleNotEvenPresence() {
		ApplicationModule push = modules.getModuleByName("push").orElseThrow();

		List<String> forbidden = push.getDependencies(modules)
			.stream()
			.filter(dependency -> !PUSH_MAY_USE.contains(dependency.getTargetModule().getName()))
			.map(dependency -> dependency.getSourceType().getName() + " -> " + dependency.getTargetType().getName())
			.distinct()
			.sorted()
			.toList();

		assertThat(forbidden).as("push's dependencies on modules other than " + PUSH_MAY_USE).isEmpty();
	}

}

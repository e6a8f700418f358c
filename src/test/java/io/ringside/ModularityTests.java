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

	/**
	 * What telephony, the PBX side, may use: no CRM module, so the call model stays a
	 * model of the PBX's calls.
	 */
	private static final Set<String> TELEPHONY_MAY_USE = Set.of("shared");

	/**
	 * What call recordings may use: who is asking (team) and the HTTP error model (web);
	 * the file comes with the stored call, never from the PBX connection or the
	 * simulator.
	 */
	private static final Set<String> RECORDINGS_MAY_USE = Set.of("team", "web", "shared", "database");

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
		assertThat(dependenciesOutside("push", PUSH_MAY_USE))
			.as("push's dependencies on modules other than " + PUSH_MAY_USE)
			.isEmpty();
	}

	/**
	 * Telephony learns a call's recording file from the PBX as a plain value; who may
	 * hear it, and from where it is played, is the recordings module's business (issue
	 * #14 part 6).
	 */
	@Test
	void telephonyDependsOnNoCrmModule() {
		assertThat(dependenciesOutside("telephony", TELEPHONY_MAY_USE))
			.as("telephony's dependencies on modules other than " + TELEPHONY_MAY_USE)
			.isEmpty();
	}

	@Test
	void recordingsDependOnlyOnTheTeamAndTheWebErrorModel() {
		assertThat(dependenciesOutside("recordings", RECORDINGS_MAY_USE))
			.as("recordings' dependencies on modules other than " + RECORDINGS_MAY_USE)
			.isEmpty();
	}

	private static List<String> dependenciesOutside(String moduleName, Set<String> allowed) {
		ApplicationModule module = modules.getModuleByName(moduleName).orElseThrow();
		return module.getDependencies(modules)
			.stream()
			.filter(dependency -> !allowed.contains(dependency.getTargetModule().getName()))
			.map(dependency -> dependency.getSourceType().getName() + " -> " + dependency.getTargetType().getName())
			.distinct()
			.sorted()
			.toList();
	}

}

package io.ringside.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.ringside.simulator.PbxSimulator;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.ScriptedPhones;
import io.ringside.simulator.SimulatorConfig;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's queue calls take turns: the sales queue is answered by the team, the support
 * queue is abandoned.
 */
class DemoQueueCallsTests {

	@Test
	void salesQueueCallsAreAnsweredAndSupportQueueCallsAbandoned() {
		List<Employee> team = List.of(new Employee(1, "head", "Head", Role.HEAD_OF_SALES, "PJSIP/100", true, null),
				new Employee(2, DemoCompany.AWAY_MANAGER, "Away", Role.MANAGER, "PJSIP/104", true, null));
		ScriptedPhones phones = new ScriptedPhones(PhoneBehaviour.answersAfter(Duration.ofSeconds(2))).set("PJSIP/104",
				PhoneBehaviour.neverAnswers());
		try (PbxSimulator simulator = new PbxSimulator(SimulatorConfig.defaults().withSpeedFactor(50),
				Clock.systemUTC(), phones)
			.start()) {
			new DemoQueueCalls(simulator, List.of("+74950000001", "+74950000002"), team).every(Duration.ofSeconds(30))
				.take(2)
				.concatMap(call -> call.ended())
				.as(StepVerifier::create)
				.assertNext(sales -> assertThat(sales.answeredBy()).isEqualTo("PJSIP/100"))
				.assertNext(support -> assertThat(support.answered()).isFalse())
				.expectComplete()
				.verify(Duration.ofSeconds(20));
		}
	}

}

package io.ringside.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small pure pieces: versions, Uniqueids from the injected clock, the oldest-Linkedid
 * order, dial targets.
 */
class SimulatorModelTests {

	@Test
	void bannerVersionFollowsTheAsteriskMajorVersionAsInManagerH() {
		SimulatorConfig config = SimulatorConfig.defaults();
		assertThat(config.amiVersion()).isEqualTo("9.0.0");
		assertThat(config.withAsteriskVersion("18.20.0").amiVersion()).isEqualTo("7.0.3");
		assertThat(config.withAsteriskVersion("16.30.0").amiVersion()).isEqualTo("5.0.5");
		assertThat(config.withAsteriskVersion("certified/18.9-cert3").amiVersion()).isEqualTo("7.0.3");
		assertThat(config.withAsteriskVersion("22.5.0").amiVersion()).isEqualTo("11.0.0");
	}

	@Test
	void uniqueidsComeFromTheInjectedClock() {
		Clock clock = Clock.fixed(Instant.parse("2026-06-17T10:00:00Z"), ZoneOffset.UTC);
		try (PbxSimulator simulator = new PbxSimulator(SimulatorConfig.defaults(), clock,
				SimulatedPhones.answeringAfter(java.time.Duration.ofSeconds(1)))) {
			SimulatedCall first = simulator.inboundCall(InboundCall.from("+4930123456"));
			assertThat(first.linkedid()).isEqualTo("1781690400.1");
		}
	}

	@Test
	void olderUniqueidsSortFirstBySecondsThenSequence() {
		assertThat(SimulatedChannel.compareAge("1781704172.9", "1781704172.10")).isNegative();
		assertThat(SimulatedChannel.compareAge("1781704171.99", "1781704172.1")).isNegative();
		assertThat(SimulatedChannel.compareAge("1781704172.5", "1781704172.5")).isZero();
	}

	@Test
	void dialTargetsNameTheDeviceTheChannelAndTheNumber() {
		assertThat(Target.parse("PJSIP/101")).isEqualTo(new Target("PJSIP/101", "PJSIP/101", "101", "101"));
		assertThat(Target.parse("PJSIP/+4930987654@trunk"))
			.isEqualTo(new Target("PJSIP/+4930987654@trunk", "PJSIP/trunk", "+4930987654", "+4930987654@trunk"));
		assertThat(Target.forExtension("102").dialString()).isEqualTo("PJSIP/102");
		assertThat(Target.forExtension("+4930987654").dialString()).isEqualTo("PJSIP/+4930987654@trunk");
	}

}

package io.ringside.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.ringside.routing.FastAgiAddress;
import io.ringside.telephony.AmiEndpoint;
import io.ringside.telephony.PbxSettings;

/**
 * {@code ringside.pbx.mode=simulator}: starts the PBX simulator on a free loopback port
 * with Ringside's AMI credentials and points Ringside's AMI connection at it; its
 * dialplan asks Ringside's FastAGI server for routes. Phones answer after
 * {@code ringside.simulator.answer-after} unless a {@link SimulatedPhones} bean says
 * otherwise (the demo's follows presence; tests script theirs). With
 * {@code ringside.recordings.directory} set, answered calls are recorded there as
 * Ringside's dialplan records them (a short generated WAV each), so the history has audio
 * to play.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ringside.pbx.mode", havingValue = "simulator")
class SimulatorConfiguration {

	private static final Log log = LogFactory.getLog(SimulatorConfiguration.class);

	@Bean(destroyMethod = "close")
	PbxSimulator pbxSimulator(PbxSettings settings, FastAgiAddress agi, ObjectProvider<SimulatedPhones> phones,
			Clock clock, Environment env) {
		Duration answerAfter = env.getProperty("ringside.simulator.answer-after", Duration.class,
				Duration.ofSeconds(3));
		double speed = env.getProperty("ringside.simulator.speed-factor", Double.class, 1.0);
		SimulatorConfig config = SimulatorConfig.defaults()
			.withAmiPort(0)
			.withCredentials(settings.ami().username(), settings.ami().password())
			.withFastAgi(agi.dialHost(), agi.port())
			.withRingTimeout(settings.ringTimeout())
			.withSpeedFactor(speed);
		PbxSimulator simulator = new PbxSimulator(config, clock,
				phones.getIfAvailable(() -> SimulatedPhones.answeringAfter(answerAfter)));
		String folder = env.getProperty("ringside.recordings.directory");
		Path recordings = (folder == null || folder.isBlank()) ? null : Path.of(folder);
		simulator.recordCalls(recordings);
		simulator.start();
		log.info("PBX simulator: AMI on 127.0.0.1:" + simulator.amiPort() + ", dialplan routes through FastAGI "
				+ agi.dialHost() + ":" + agi.port()
				+ ((recordings != null) ? "; answered calls recorded into " + recordings.toAbsolutePath() : ""));
		return simulator;
	}

	@Bean
	AmiEndpoint simulatorAmiEndpoint(PbxSimulator simulator, PbxSettings settings) {
		return new AmiEndpoint("127.0.0.1", simulator.amiPort(), settings.ami().username(), settings.ami().password());
	}

}

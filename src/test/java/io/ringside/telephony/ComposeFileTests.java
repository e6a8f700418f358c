package io.ringside.telephony;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml wires the four services the way Ringside and asterisk-config expect. (No Docker engine or
 * compose plugin runs where CI does, so this reads the file as YAML and checks its wiring; {@code docker compose
 * config} is the check to run where Docker is.)
 */
class ComposeFileTests {

	@Test
	@SuppressWarnings("unchecked")
	void composeRunsPostgresRedisAsteriskAndRingsideWiredTogether() throws IOException {
		Map<String, Object> compose;
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			compose = new Yaml().load(reader);
		}
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		assertThat(services).containsKeys("postgres", "redis", "asterisk", "ringside");

		Map<String, Object> asterisk = (Map<String, Object>) services.get("asterisk");
		for (Object volume : (List<Object>) asterisk.get("volumes")) {
			String host = String.valueOf(volume).split(":")[0];
			assertThat(Path.of(host)).as("mounted " + host).isRegularFile();
		}

		Map<String, Object> ringside = (Map<String, Object>) services.get("ringside");
		Map<String, Object> env = (Map<String, Object>) ringside.get("environment");
		assertThat(env).containsEntry("RINGSIDE_PBX_MODE", "asterisk")
			.containsEntry("RINGSIDE_PBX_AMI_HOST", "asterisk")
			.containsEntry("RINGSIDE_PBX_AGI_BIND_ADDRESS", "0.0.0.0")
			.containsKeys("SPRING_R2DBC_URL", "SPRING_DATA_REDIS_URL");
		assertThat(String.valueOf(env.get("RINGSIDE_PBX_AGI_PORT"))).isEqualTo("4573");
		Map<String, Object> build = (Map<String, Object>) ringside.get("build");
		assertThat(Path.of(String.valueOf(build.get("dockerfile")))).isRegularFile();
		assertThat((Map<String, Object>) ringside.get("depends_on")).containsKeys("postgres", "redis", "asterisk");
	}

}

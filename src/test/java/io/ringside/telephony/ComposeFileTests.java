package io.ringside.telephony;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml wires the four services the way Ringside and asterisk-config expect.
 * (No Docker engine or compose plugin runs where CI does, so this reads the file as YAML
 * and checks its wiring; {@code docker compose
 * config} is the check to run where Docker is.)
 */
class ComposeFileTests {

	private static final Pattern SECRET = Pattern.compile("PASSWORD|SECRET|AUTH");

	/** Compose's required variable: {@code ${NAME:?message}}. */
	private static final String REQUIRED = "\\$\\{[A-Z_]+:\\?[^}]+}";

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
			if (volume instanceof Map<?, ?> secrets) {
				// The phones' passwords: made by whoever deploys, from the template next
				// to it, never in the repository.
				assertThat(Path.of(secrets.get("source") + ".template")).isRegularFile();
				assertThat((Map<String, Object>) secrets.get("bind")).containsEntry("create_host_path", false);
				continue;
			}
			String host = String.valueOf(volume).split(":")[0];
			if (host.equals("recordings")) {
				continue;
			}
			assertThat(Path.of(host)).as("mounted " + host).isRegularFile();
		}
		// Issue #14 part 6: what MixMonitor writes, Ringside reads, from one volume.
		assertThat((Map<String, Object>) compose.get("volumes")).containsKey("recordings");
		assertThat((List<Object>) asterisk.get("volumes")).contains("recordings:/var/spool/asterisk/monitor");

		Map<String, Object> ringside = (Map<String, Object>) services.get("ringside");
		Map<String, Object> env = (Map<String, Object>) ringside.get("environment");
		assertThat(env).containsEntry("RINGSIDE_PBX_MODE", "asterisk")
			.containsEntry("RINGSIDE_PBX_AMI_HOST", "asterisk")
			.containsEntry("RINGSIDE_PBX_AGI_BIND_ADDRESS", "0.0.0.0")
			.containsKeys("SPRING_R2DBC_URL", "SPRING_DATA_REDIS_HOST");
		assertThat(String.valueOf(env.get("RINGSIDE_PBX_AGI_PORT"))).isEqualTo("4573");
		assertThat(env).containsEntry("RINGSIDE_RECORDINGS_DIRECTORY", "/recordings");
		assertThat((List<Object>) ringside.get("volumes")).contains("recordings:/recordings:ro");
		Map<String, Object> build = (Map<String, Object>) ringside.get("build");
		assertThat(Path.of(String.valueOf(build.get("dockerfile")))).isRegularFile();
		assertThat((Map<String, Object>) ringside.get("depends_on")).containsKeys("postgres", "redis", "asterisk");
	}

	/**
	 * Issue #12: no secret in the file (so none equal to a user name, no
	 * {@code change-me}); each one is required from the environment, so compose stops
	 * without it.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void everySecretComesFromTheEnvironmentAndComposeRefusesToStartWithoutIt() throws IOException {
		String text = Files.readString(Path.of("docker-compose.yml"));
		assertThat(text).doesNotContainIgnoringCase("change-me");
		Map<String, Object> services = (Map<String, Object>) load().get("services");
		List<String> secrets = new ArrayList<>();
		for (Map.Entry<String, Object> service : services.entrySet()) {
			Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) service.getValue())
				.get("environment");
			if (env == null) {
				continue;
			}
			env.forEach((name, value) -> {
				if (SECRET.matcher(name).find()) {
					secrets.add(service.getKey() + " " + name);
					assertThat(String.valueOf(value)).as(service.getKey() + " " + name).matches(REQUIRED);
				}
			});
		}
		assertThat(secrets).contains("postgres POSTGRES_PASSWORD", "ringside SPRING_R2DBC_PASSWORD",
				"ringside SPRING_DATA_REDIS_PASSWORD", "ringside RINGSIDE_PBX_AMI_PASSWORD",
				"ringside RINGSIDE_ADMIN_INITIAL_PASSWORD");
		Map<String, Object> redis = (Map<String, Object>) services.get("redis");
		assertThat((List<String>) redis.get("command")).contains("--requirepass")
			.anyMatch(arg -> arg.matches(REQUIRED));
		Map<String, Object> configs = (Map<String, Object>) load().get("configs");
		String managerSecrets = String.valueOf(((Map<String, Object>) configs.get("manager-secrets")).get("content"));
		assertThat(managerSecrets).contains("[ringside](+)")
			.containsPattern("secret = \\$\\{RINGSIDE_AMI_PASSWORD:\\?");
	}

	@Test
	void envExampleListsEveryVariableTheComposeFileReadsWithoutAValue() throws IOException {
		Matcher variables = Pattern.compile("\\$\\{([A-Z_]+)[:?}-]")
			.matcher(Files.readString(Path.of("docker-compose.yml")));
		List<String> read = new ArrayList<>();
		while (variables.find()) {
			read.add(variables.group(1));
		}
		assertThat(read).contains("POSTGRES_PASSWORD", "REDIS_PASSWORD", "RINGSIDE_AMI_PASSWORD",
				"RINGSIDE_ADMIN_INITIAL_PASSWORD", "RINGSIDE_SIP_ADDRESS");
		List<String> example = Files.readAllLines(Path.of(".env.example"));
		for (String variable : read) {
			assertThat(example).as(".env.example lists " + variable + ", with no value").contains(variable + "=");
		}
		assertThat(example).filteredOn(line -> !line.startsWith("#") && !line.isBlank())
			.allSatisfy(line -> assertThat(line).endsWith("="));
	}

	@Test
	@SuppressWarnings("unchecked")
	void sipAndRtpArePublishedOnlyOnAConfigurableAddress() throws IOException {
		Map<String, Object> services = (Map<String, Object>) load().get("services");
		List<Object> ports = (List<Object>) ((Map<String, Object>) services.get("asterisk")).get("ports");
		assertThat(ports).isNotEmpty()
			.allSatisfy(port -> assertThat(String.valueOf(port)).startsWith("${RINGSIDE_SIP_ADDRESS:-127.0.0.1}:"));
		assertThat(services.values()).noneSatisfy(
				service -> assertThat(String.valueOf(((Map<String, Object>) service).get("ports"))).contains("5038"));
	}

	private static Map<String, Object> load() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			return new Yaml().load(reader);
		}
	}

}

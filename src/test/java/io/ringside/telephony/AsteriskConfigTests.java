package io.ringside.telephony;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.asteriskjava.config.ConfigFile;
import org.asteriskjava.config.ConfigFileReader;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Asterisk configuration, read with Asterisk-Java's own config reader, agrees with Ringside's defaults:
 * a PBX set up from {@code asterisk-config/} and a Ringside left on its defaults find each other.
 */
class AsteriskConfigTests {

	private static final Path DIR = Path.of("asterisk-config");

	private final PbxSettings defaults = new Binder(new MapConfigurationPropertySource())
		.bindOrCreate("ringside.pbx", PbxSettings.class);

	@Test
	void theManagerInterfaceHasRingsidesUserWithOnlyWhatItNeeds() {
		ConfigFile manager = read("manager.conf");
		assertThat(manager.getValue("general", "enabled")).isEqualTo("yes");
		assertThat(Integer.parseInt(manager.getValue("general", "port"))).isEqualTo(defaults.ami().port());
		assertThat(manager.getCategories()).containsKey(defaults.ami().username());
		assertThat(manager.getValue(defaults.ami().username(), "secret")).isEqualTo(defaults.ami().password());
		assertThat(list(manager.getValue(defaults.ami().username(), "read")))
			.containsExactlyInAnyOrder("system", "call", "agent", "dialplan");
		assertThat(list(manager.getValue(defaults.ami().username(), "write")))
			.containsExactlyInAnyOrder("reporting", "originate");
	}

	@Test
	void inboundCallsAskRingsideForARouteAndTheNextOneWhenNobodyAnswers() throws Exception {
		ConfigFile extensions = read("extensions.conf");
		assertThat(extensions.getValue("globals", "RINGSIDE_AGI")).isEqualTo("agi://ringside:" + defaults.agi().port());
		String inbound = String.join("\n", extensions.getValues("from-trunk", "exten"))
				+ String.join("\n", extensions.getValues("from-trunk", "same"));
		assertThat(inbound).contains("AGI(${RINGSIDE_AGI}/route)")
			.contains("AGI(${RINGSIDE_AGI}/route,noanswer)")
			.contains("Dial(${RINGSIDE_TARGET},${RINGSIDE_RING_TIMEOUT})")
			.contains("AGISTATUS");
	}

	@Test
	void whenRingsideCannotBeReachedTheWholeTeamRings() {
		ConfigFile extensions = read("extensions.conf");
		assertThat(extensions.getValue("globals", "RINGSIDE_FALLBACK_GROUP")).contains("&");
		String inbound = String.join("\n", extensions.getValues("from-trunk", "same"));
		assertThat(inbound).contains("ringside-safety,s,1");
		String safety = String.join("\n", extensions.getValues("ringside-safety", "exten"))
				+ String.join("\n", extensions.getValues("ringside-safety", "same"));
		assertThat(safety).contains("Dial(${RINGSIDE_FALLBACK_GROUP}");
	}

	@Test
	void clickToCallHasTheContextRingsideOriginatesInto() {
		ConfigFile extensions = read("extensions.conf");
		assertThat(extensions.getCategories()).containsKey("ringside-outbound");
		ConfigFile pjsip = read("pjsip.conf");
		assertThat(pjsip.getCategories()).containsKeys("100", "101", "105", "trunk");
	}

	@Test
	void freePbxGetsTheManagerUserAndARouteThatAsksRingsideAndDialsWhatItSets() {
		ConfigFile manager = read("freepbx/manager_custom.conf");
		assertThat(manager.getCategories()).containsKey(defaults.ami().username());
		assertThat(list(manager.getValue(defaults.ami().username(), "read")))
			.containsExactlyInAnyOrder("system", "call", "agent", "dialplan");
		assertThat(list(manager.getValue(defaults.ami().username(), "write")))
			.containsExactlyInAnyOrder("reporting", "originate");
		ConfigFile extensions = read("freepbx/extensions_custom.conf");
		String route = String.join("\n", extensions.getValues("ringside-route", "exten")) + "\n"
				+ String.join("\n", extensions.getValues("ringside-route", "same"));
		assertThat(route).contains("Set(RINGSIDE_AGI=agi://ringside.example.lan:" + defaults.agi().port() + ")")
			.contains("AGI(${RINGSIDE_AGI}/route)")
			.contains("AGI(${RINGSIDE_AGI}/route,noanswer)")
			.contains("Dial(${RINGSIDE_TARGET},${RINGSIDE_RING_TIMEOUT})")
			.contains("${RINGSIDE_REASON}\" = \"NO_ANSWER\"")
			.contains("AGISTATUS")
			.contains("Goto(${RINGSIDE_FALLBACK})");
		assertThat(extensions.getCategories()).containsKeys("ringside-voicemail", "ringside-outbound");
		assertThat(DIR.resolve("freepbx/README.md")).content().contains("ringside-route,s,1");
	}

	private static ConfigFile read(String name) {
		Path file = DIR.resolve(name);
		assertThat(Files.isRegularFile(file)).as(file + " exists").isTrue();
		ConfigFileReader reader = new ConfigFileReader();
		ConfigFile config = reader.readFile(file.toString());
		assertThat(reader.getWarnings()).as("warnings reading " + name).isEmpty();
		return config;
	}

	private static List<String> list(String value) {
		return List.of(value.split("\\s*,\\s*"));
	}

}

package io.ringside.telephony;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.asteriskjava.config.ConfigFile;
import org.asteriskjava.config.ConfigFileReader;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Asterisk configuration, read with Asterisk-Java's own config reader, agrees
 * with Ringside's defaults: a PBX set up from {@code asterisk-config/} and a Ringside
 * left on its defaults find each other.
 */
class AsteriskConfigTests {

	private static final Path DIR = Path.of("asterisk-config");

	private final PbxSettings defaults = new Binder(new MapConfigurationPropertySource()).bindOrCreate("ringside.pbx",
			PbxSettings.class);

	@Test
	void theManagerInterfaceHasRingsidesUserWithOnlyWhatItNeeds() {
		ConfigFile manager = read("manager.conf");
		assertThat(manager.getValue("general", "enabled")).isEqualTo("yes");
		assertThat(Integer.parseInt(manager.getValue("general", "port"))).isEqualTo(defaults.ami().port());
		assertThat(manager.getCategories()).containsKey(defaults.ami().username());
		assertThat(list(manager.getValue(defaults.ami().username(), "read"))).containsExactlyInAnyOrder("system",
				"call", "agent", "dialplan");
		assertThat(list(manager.getValue(defaults.ami().username(), "write"))).containsExactlyInAnyOrder("reporting",
				"originate");
	}

	/**
	 * Issue #12: the AMI secret is not in the repository; compose writes it from the
	 * environment.
	 */
	@Test
	void theManagerSecretIsNotInTheRepository() throws IOException {
		ConfigFile manager = read("manager.conf");
		assertThat(manager.getValue(defaults.ami().username(), "secret")).isNull();
		assertThat(Files.readString(DIR.resolve("manager.conf"))).contains("#include manager_secrets.conf");
		ConfigFile template = read("manager_secrets.conf.template");
		assertThat(template.getValue(defaults.ami().username(), "secret")).isNullOrEmpty();
		assertThat(Files.readAllLines(Path.of(".gitignore"))).contains("asterisk-config/manager_secrets.conf");
	}

	/**
	 * Issue #12: no phone or trunk password in the repository; a template lists each one,
	 * empty.
	 */
	@Test
	void phonePasswordsAreNotInTheRepositoryButInATemplate() throws IOException {
		ConfigFile pjsip = read("pjsip.conf");
		List<String> auths = new ArrayList<>();
		pjsip.getCategories()
			.keySet()
			.forEach(name -> assertThat(pjsip.getValue(name, "password")).as(name + " has no password").isNull());
		// Several sections share a name (an endpoint, its aor), so the references are
		// read from the text.
		Matcher references = Pattern.compile("(?m)^(?:outbound_)?auth\\s*=\\s*(\\S+)")
			.matcher(Files.readString(DIR.resolve("pjsip.conf")));
		while (references.find()) {
			if (!auths.contains(references.group(1))) {
				auths.add(references.group(1));
			}
		}
		assertThat(auths).contains("trunk-auth", "100-auth", "105-auth");
		assertThat(Files.readString(DIR.resolve("pjsip.conf"))).doesNotContainIgnoringCase("change-me")
			.contains("#include pjsip_secrets.conf");
		String template = Files.readString(DIR.resolve("pjsip_secrets.conf.template"));
		for (String auth : auths) {
			assertThat(template).contains("[" + auth + "](+)\npassword =\n");
		}
		assertThat(Files.readAllLines(Path.of(".gitignore"))).contains("asterisk-config/pjsip_secrets.conf");
		assertThat(DIR.resolve("README.md")).content().contains("pjsip_secrets.conf.template");
	}

	/**
	 * Issue #12: the phones and click-to-call reach numbers in the country; abroad only
	 * when allowed.
	 */
	@Test
	void thePhonesCannotDialAbroadUnlessConfigured() {
		ConfigFile extensions = read("extensions.conf");
		assertThat(extensions.getValue("globals", "RINGSIDE_ALLOW_INTERNATIONAL")).isEqualTo("no");
		for (String context : List.of("from-internal", "ringside-outbound")) {
			for (String abroad : List.of("004420794600", "81044207946000", "+442079460000", "0114420794600")) {
				assertThat(firstLine(extensions, context, abroad)).as(context + " dials " + abroad)
					.contains("GotoIf($[\"${RINGSIDE_ALLOW_INTERNATIONAL}\" = \"yes\"]");
			}
			for (String national : List.of("88127982997", "78127982997", "+78127982997")) {
				assertThat(steps("extensions.conf", context, national)).as(context + " records and dials " + national)
					.startsWith("Gosub(ringside-record,s,1)", "Dial(PJSIP/${EXTEN}@trunk,60)");
			}
		}
		assertThat(firstLine(extensions, "from-internal", "101")).isEqualTo("Dial(PJSIP/${EXTEN},30)");
	}

	@Test
	void inboundCallsAskRingsideForARouteAndTheNextOneWhenNobodyAnswers() throws Exception {
		ConfigFile extensions = read("extensions.conf");
		assertThat(extensions.getValue("globals", "RINGSIDE_AGI")).isEqualTo("agi://ringside:" + defaults.agi().port());
		String inbound = String.join("\n", extensions.getValues("from-trunk", "exten"))
				+ String.join("\n", extensions.getValues("from-trunk", "same"));
		assertThat(inbound).contains("AGI(${RINGSIDE_AGI}/route?linkedid=${CHANNEL(linkedid)})")
			.contains("AGI(${RINGSIDE_AGI}/route,noanswer)")
			.contains("Dial(${RINGSIDE_TARGET},${RINGSIDE_RING_TIMEOUT})")
			.contains("Set(QUEUE_PRIO=${RINGSIDE_PRIORITY})")
			.contains("AGISTATUS");
		String queue = String.join("\n", extensions.getValues("ringside-queue", "same"));
		assertThat(queue).contains("Queue(sales");
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

	/**
	 * Issue #14 part 6: calls through the trunk are recorded into a file named after the
	 * call, and the variable Ringside learns the file from is set before MixMonitor
	 * starts; the AMI user reads {@code dialplan}, the class of VarSet.
	 */
	@Test
	void callsThroughTheTrunkAreRecordedIntoTheFileRingsideIsTold() {
		for (String file : List.of("extensions.conf", "freepbx/extensions_custom.conf")) {
			List<String> record = steps(file, "ringside-record", "s");
			assertThat(record).as(file).hasSize(3);
			assertThat(record.get(0)).as(file)
				.startsWith("Set(" + Pbx.RECORDING_VARIABLE + "=")
				.endsWith("${CHANNEL(linkedid)}.wav)");
			assertThat(record.subList(1, 3)).as(file)
				.containsExactly("MixMonitor(${" + Pbx.RECORDING_VARIABLE + "},b)", "Return()");
		}
		List<String> inbound = steps("extensions.conf", "from-trunk", "84951234567");
		assertThat(inbound.indexOf("Gosub(ringside-record,s,1)")).isPositive()
			.isLessThan(inbound.indexOf("Dial(${RINGSIDE_TARGET},${RINGSIDE_RING_TIMEOUT})"));
		assertThat(steps("extensions.conf", "ringside-outbound", "004420794600"))
			.contains("Gosub(ringside-record,s,1)");
		List<String> route = steps("freepbx/extensions_custom.conf", "ringside-route", "s");
		assertThat(route.indexOf("Gosub(ringside-record,s,1)")).isPositive()
			.isLessThan(route.indexOf("Dial(${RINGSIDE_TARGET},${RINGSIDE_RING_TIMEOUT})"));
		assertThat(list(read("manager.conf").getValue(defaults.ami().username(), "read"))).contains("dialplan");
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
		assertThat(list(manager.getValue(defaults.ami().username(), "read"))).containsExactlyInAnyOrder("system",
				"call", "agent", "dialplan");
		assertThat(list(manager.getValue(defaults.ami().username(), "write"))).containsExactlyInAnyOrder("reporting",
				"originate");
		ConfigFile extensions = read("freepbx/extensions_custom.conf");
		String route = String.join("\n", extensions.getValues("ringside-route", "exten")) + "\n"
				+ String.join("\n", extensions.getValues("ringside-route", "same"));
		assertThat(route).contains("Set(RINGSIDE_AGI=agi://ringside.example.lan:" + defaults.agi().port() + ")")
			.contains("AGI(${RINGSIDE_AGI}/route?linkedid=${CHANNEL(linkedid)})")
			.contains("AGI(${RINGSIDE_AGI}/route,noanswer)")
			.contains("Dial(${RINGSIDE_TARGET},${RINGSIDE_RING_TIMEOUT})")
			.contains("Set(QUEUE_PRIO=${RINGSIDE_PRIORITY})")
			.contains("${RINGSIDE_REASON}\" = \"NO_ANSWER\"")
			.contains("AGISTATUS")
			.contains("Goto(${RINGSIDE_FALLBACK})");
		assertThat(extensions.getCategories()).containsKeys("ringside-voicemail", "ringside-outbound");
		assertThat(DIR.resolve("freepbx/README.md")).content().contains("ringside-route,s,1");
	}

	/**
	 * The first step of the extension Asterisk runs for this number in the context (its
	 * own extensions, then the included contexts): the most specific matching pattern, as
	 * Asterisk sorts them (literal characters before N, Z and X, before a range, before
	 * {@code .}).
	 */
	private static String firstLine(ConfigFile extensions, String context, String number) {
		List<String> contexts = new ArrayList<>(List.of(context));
		contexts.addAll(extensions.getValues(context, "include") == null ? List.of()
				: extensions.getValues(context, "include"));
		for (String searched : contexts) {
			List<String> exten = extensions.getValues(searched, "exten");
			String best = null;
			for (String line : exten == null ? List.<String>of() : exten) {
				String pattern = line.substring(0, line.indexOf(','));
				if (matches(pattern, number) && (best == null || specificity(pattern) > specificity(best))) {
					best = pattern;
				}
			}
			if (best != null) {
				for (String line : exten) {
					if (line.startsWith(best + ",1,")) {
						return line.substring(best.length() + 3);
					}
				}
			}
		}
		return null;
	}

	/**
	 * The steps Asterisk runs for this number in the context (its own extensions, then
	 * the included contexts): the {@code exten} line of the most specific matching
	 * pattern and the {@code same} lines after it, applications only.
	 */
	private static List<String> steps(String file, String context, String number) {
		String first = firstLine(read(file), context, number);
		assertThat(first).as(context + " has an extension for " + number).isNotNull();
		List<String> contexts = new ArrayList<>(List.of(context));
		List<String> included = read(file).getValues(context, "include");
		contexts.addAll(included == null ? List.of() : included);
		for (String searched : contexts) {
			List<String> lines = readLines(file, searched);
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				if (line.startsWith("exten") && application(line).equals(first) && matchesLine(line, number)) {
					List<String> steps = new ArrayList<>(List.of(first));
					for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("same"); j++) {
						steps.add(application(lines.get(j)));
					}
					return steps;
				}
			}
		}
		throw new AssertionError("no steps for " + number + " in " + context);
	}

	/** The lines of a context in a dialplan file, comments and blank lines left out. */
	private static List<String> readLines(String file, String context) {
		List<String> lines = new ArrayList<>();
		boolean inside = false;
		try {
			for (String raw : Files.readAllLines(DIR.resolve(file))) {
				String line = raw.replaceFirst(";.*$", "").strip();
				if (line.startsWith("[")) {
					inside = line.equals("[" + context + "]");
				}
				else if (inside && !line.isEmpty()) {
					lines.add(line);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return lines;
	}

	/**
	 * {@code exten => _8X.,1,Dial(...)} or {@code same => n(label),Dial(...)}: the
	 * application.
	 */
	private static String application(String line) {
		String value = line.substring(line.indexOf("=>") + 2).strip();
		return line.startsWith("exten") ? value.substring(value.indexOf(',', value.indexOf(',') + 1) + 1)
				: value.substring(value.indexOf(',') + 1);
	}

	/** Whether the {@code exten} line's pattern matches the number. */
	private static boolean matchesLine(String line, String number) {
		String value = line.substring(line.indexOf("=>") + 2).strip();
		return matches(value.substring(0, value.indexOf(',')), number);
	}

	private static boolean matches(String pattern, String number) {
		if (!pattern.startsWith("_")) {
			return pattern.equals(number);
		}
		String regex = pattern.substring(1)
			.replace("+", "\\+")
			.replace("X", "[0-9]")
			.replace("Z", "[1-9]")
			.replace("N", "[2-9]")
			.replace(".", ".+")
			.replace("[\\+0-9]", "[+0-9]");
		return number.matches(regex);
	}

	/**
	 * Higher is more specific: each literal character counts most, then classes by their
	 * width.
	 */
	private static int specificity(String pattern) {
		String body = pattern.startsWith("_") ? pattern.substring(1) : pattern;
		int score = 0;
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (c == '[') {
				i = body.indexOf(']', i);
				score += 2;
			}
			else if (c == '.') {
				score += 0;
			}
			else {
				score += c == 'X' ? 3 : c == 'Z' || c == 'N' ? 4 : 10;
			}
		}
		return score;
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

package io.ringside.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.ringside.catalog.Order;
import io.ringside.clients.InteractionKind;
import io.ringside.dashboard.DashboardSnapshot;
import io.ringside.pops.Pop;
import io.ringside.presence.Availability;
import io.ringside.presence.DeviceState;
import io.ringside.routing.RouteDecision;
import io.ringside.routing.RouteReason;
import io.ringside.rules.ChainStep;
import io.ringside.team.Role;
import io.ringside.telephony.CallEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' messages: Russian and English name the same keys, every key a page or script
 * names exists, and every value of an enum a script shows through a key made of a prefix
 * and the value (such as {@code role.WAREHOUSE}) has its message.
 */
class MessagesTests {

	private static final Path ASSETS = Path.of("src/main/resources/static/assets");

	private static final Path PAGES = Path.of("src/main/resources/pages");

	/**
	 * {@code data-i18n="..."}, {@code data-i18n-placeholder="..."},
	 * {@code data-i18n-title="..."}.
	 */
	private static final Pattern IN_PAGES = Pattern.compile("data-i18n(?:-[a-z]+)?=\"([^\"$]+)\"");

	/** {@code t('key'} or {@code t("key"}: a key written whole. */
	private static final Pattern IN_SCRIPTS = Pattern.compile("\\bt\\(\\s*['\"]([^'\"]+)['\"]");

	/** {@code t(`prefix.${...}`}: a key made of a prefix and a value. */
	private static final Pattern MADE_IN_SCRIPTS = Pattern.compile("\\bt\\(\\s*`([a-zA-Z.]+\\.)\\$\\{");

	/** Which enum's values each made-up key's prefix takes. */
	private static final Map<String, Class<? extends Enum<?>>> ENUMS = Map.ofEntries(Map.entry("role.", Role.class),
			Map.entry("reason.", RouteReason.class), Map.entry("board.reason.", RouteReason.class),
			Map.entry("presence.", Availability.class), Map.entry("kind.", InteractionKind.class),
			Map.entry("orderStatus.", Order.Status.class), Map.entry("board.direction.", CallEvent.Direction.class),
			Map.entry("board.device.", DeviceState.class), Map.entry("board.state.", DashboardSnapshot.CallState.class),
			Map.entry("state.", Pop.State.class), Map.entry("pop.passed.", RouteDecision.Passed.Why.class),
			Map.entry("pop.step.", ChainStep.Step.class));

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void russianAndEnglishNameTheSameKeys() throws IOException {
		assertThat(keys("ru")).as("ru.json against en.json").isEqualTo(keys("en"));
	}

	@Test
	void everyKeyAPageOrScriptNamesExists() throws IOException {
		Set<String> used = new TreeSet<>();
		used.addAll(found(PAGES, ".html", IN_PAGES));
		used.addAll(found(ASSETS.resolve("js"), ".js", IN_SCRIPTS));
		used.addAll(found(ASSETS.resolve("js"), ".js", IN_PAGES));

		assertThat(used).as("keys found in the pages and scripts").hasSizeGreaterThan(100);
		assertThat(keys("en")).containsAll(used);
	}

	@Test
	void everyValueOfAnEnumAScriptShowsHasItsMessage() throws IOException {
		Set<String> prefixes = found(ASSETS.resolve("js"), ".js", MADE_IN_SCRIPTS);
		prefixes.remove("board.");
		assertThat(ENUMS.keySet()).as("every made-up key's prefix has its enum").containsAll(prefixes);

		Set<String> needed = new TreeSet<>();
		ENUMS.forEach((prefix, values) -> Arrays.stream(values.getEnumConstants())
			.forEach(value -> needed.add(prefix + value.name())));
		assertThat(keys("en")).containsAll(needed);
	}

	private Set<String> keys(String language) throws IOException {
		try (InputStream in = Files.newInputStream(ASSETS.resolve("i18n").resolve(language + ".json"))) {
			return new TreeSet<>(json.readTree(in).propertyNames());
		}
	}

	private static Set<String> found(Path folder, String suffix, Pattern pattern) throws IOException {
		Set<String> found = new TreeSet<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(path -> path.toString().endsWith(suffix)).toList()) {
				Matcher matcher = pattern.matcher(Files.readString(file));
				while (matcher.find()) {
					found.add(matcher.group(1));
				}
			}
		}
		return found;
	}

}

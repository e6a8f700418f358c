package io.ringside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependency;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes {@code docs/modules/}: Spring Modulith's PlantUML diagrams of the modules (all,
 * and each with its neighbours), and a {@code README.md} with a Mermaid graph of who
 * depends on whom and each module's purpose, the first sentence of its
 * {@code package-info.java}. Every build writes them again, so they follow the code; a
 * change in them shows in {@code git status}.
 */
class ModuleDocumentationTests {

	private static final Path FOLDER = Path.of("docs", "modules");

	private static final Pattern FIRST_SENTENCE = Pattern.compile("/\\*\\*[\\s*]*(.*?\\.)(\\s|$)", Pattern.DOTALL);

	@Test
	void writesTheModulesAndTheirDependenciesToDocs() throws IOException {
		ApplicationModules modules = ApplicationModules.of(RingsideApplication.class);
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(FOLDER.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
		try (Stream<Path> diagrams = Files.list(FOLDER)) {
			for (Path diagram : diagrams.filter(file -> file.toString().endsWith(".puml")).toList()) {
				Files.write(diagram, relationsInOrder(Files.readAllLines(diagram)));
			}
		}
		Files.writeString(FOLDER.resolve("README.md"), overview(modules));

		String written = Files.readString(FOLDER.resolve("README.md"));
		modules.forEach(module -> assertThat(written).contains("`" + module.getBasePackage().getName() + "`"));
		assertThat(written).contains("calls --> telephony");
		assertThat(FOLDER.resolve("components.puml")).exists();
	}

	private static String overview(ApplicationModules modules) throws IOException {
		StringBuilder text = new StringBuilder("# Modules\n\nWritten by `ModuleDocumentationTests` on every build "
				+ "(do not edit): each top-level package of `io.ringside` is a module, and dependencies run one way "
				+ "(checked by `ModularityTests`). `components.puml` and `module-*.puml` are the same as PlantUML "
				+ "diagrams.\n\n```mermaid\ngraph LR\n");
		for (ApplicationModule module : modules) {
			List<String> targets = module.getDirectDependencies(modules)
				.stream()
				.map(ApplicationModuleDependency::getTargetModule)
				.map(ApplicationModule::getName)
				.distinct()
				.sorted()
				.toList();
			targets.forEach(
					target -> text.append("  ").append(module.getName()).append(" --> ").append(target).append('\n'));
		}
		text.append("```\n\n| module | package | what it is | depends on |\n|---|---|---|---|\n");
		for (ApplicationModule module : modules) {
			String dependsOn = String.join(", ",
					module.getDirectDependencies(modules)
						.stream()
						.map(ApplicationModuleDependency::getTargetModule)
						.map(ApplicationModule::getName)
						.distinct()
						.sorted()
						.toList());
			text.append("| ")
				.append(module.getName())
				.append(" | `")
				.append(module.getBasePackage().getName())
				.append("` | ")
				.append(purpose(module))
				.append(" | ")
				.append(dependsOn)
				.append(" |\n");
		}
		return text.toString();
	}

	/**
	 * The diagram with each run of relations, and of components, sorted: the Documenter
	 * writes them in an order that changes from run to run and with the set of modules,
	 * and their order means nothing to PlantUML.
	 */
	private static List<String> relationsInOrder(List<String> lines) {
		List<String> sorted = new ArrayList<>(lines.size());
		List<String> run = new ArrayList<>();
		for (String line : lines) {
			if (line.startsWith("Rel(") || line.trim().startsWith("Component(")) {
				run.add(line);
				continue;
			}
			run.sort(null);
			sorted.addAll(run);
			run.clear();
			sorted.add(line);
		}
		run.sort(null);
		sorted.addAll(run);
		return sorted;
	}

	/** The first sentence of the module's {@code package-info.java}, on one line. */
	private static String purpose(ApplicationModule module) throws IOException {
		Path info = Path.of("src", "main", "java")
			.resolve(module.getBasePackage().getName().replace('.', '/'))
			.resolve("package-info.java");
		if (!Files.exists(info)) {
			return "";
		}
		Matcher matcher = FIRST_SENTENCE.matcher(Files.readString(info));
		if (!matcher.find()) {
			return "";
		}
		return matcher.group(1)
			.replaceAll("\\s*\\n\\s*\\*\\s*", " ")
			.replaceAll("\\{@code ([^}]*)}", "`$1`")
			.replaceAll("\\{@link (?:[\\w.]*\\.)?([^}]*)}", "`$1`")
			.replace("|", "\\|");
	}

}

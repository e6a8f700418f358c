package io.ringside;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every package of the application declares its nulls ({@code @NullMarked}), so NullAway
 * checks all of it: a package added without a {@code package-info.java} that says so
 * would silently escape the check.
 */
class NullMarkedTests {

	@Test
	void everyPackageOfTheApplicationIsNullMarked() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.ringside");
		List<String> unmarked = classes.stream()
			.map(type -> type.getPackage())
			.distinct()
			.filter(pkg -> !pkg.getClassesInPackageTree().isEmpty() && !pkg.getClasses().isEmpty())
			.filter(pkg -> !pkg.isAnnotatedWith(NullMarked.class))
			.map(JavaPackage::getName)
			.sorted()
			.toList();
		assertThat(unmarked).as("packages without @NullMarked").isEmpty();
	}

}

package io.ringside.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The first admin's password follows the rule of every new password (issue #12). */
class FirstAdminTests {

	@Test
	void anInitialPasswordOfNineCharactersStopsTheStartBeforeAnythingIsWritten() {
		// no Employees: the password is refused before the database is asked anything
		assertThatIllegalStateException().isThrownBy(() -> new FirstAdmin(null, "123456789").run(null))
			.withMessage("ringside.admin.initial-password needs at least 10 characters");
	}

}

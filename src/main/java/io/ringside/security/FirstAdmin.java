package io.ringside.security;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import io.ringside.team.Employees;
import io.ringside.team.Employees.NewEmployee;
import io.ringside.team.Role;
import io.ringside.team.TeamRules;

/**
 * A new installation has nobody who could sign in. When
 * {@code ringside.admin.initial-password} is set and no employee has the login
 * {@code admin} yet, this creates that admin once, at start-up. A password shorter than
 * {@link TeamRules#MIN_PASSWORD_LENGTH} stops the start: it would be the one password not
 * held to the rule.
 */
@Component
class FirstAdmin implements ApplicationRunner {

	private static final Log log = LogFactory.getLog(FirstAdmin.class);

	private final Employees employees;

	private final String initialPassword;

	FirstAdmin(Employees employees, @Value("${ringside.admin.initial-password:}") String initialPassword) {
		this.employees = employees;
		this.initialPassword = initialPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!StringUtils.hasText(initialPassword)) {
			return;
		}
		if (initialPassword.length() < TeamRules.MIN_PASSWORD_LENGTH) {
			throw new IllegalStateException(
					"ringside.admin.initial-password needs at least " + TeamRules.MIN_PASSWORD_LENGTH + " characters");
		}
		employees.byLogin("admin")
			.hasElement()
			.flatMap(exists -> exists ? Mono.empty()
					: employees.create(new NewEmployee("admin", "Administrator", Role.ADMIN, null, initialPassword))
						.doOnNext(admin -> log.info("Created the first admin, login 'admin'")))
			// Runners run on the main thread, not an event loop; waiting here makes a
			// failure to create the
			// admin fail the start-up instead of passing unnoticed.
			.block(Duration.ofSeconds(30));
	}

}

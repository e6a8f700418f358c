package io.ringside.team.web;

import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.audit.Audit;
import io.ringside.audit.Subject;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.team.Employees.EmployeeChanges;
import io.ringside.team.Employees.NewEmployee;
import io.ringside.team.Role;
import io.ringside.team.TeamReader;
import io.ringside.team.TeamRules;

/**
 * The team: everyone reads it, the head of sales and the admin change it, each within
 * {@link TeamRules}: only the admin touches admins.
 */
@RestController
@RequestMapping("/api/employees")
class EmployeeController {

	private final Employees employees;

	private final List<TeamReader> readers;

	private final TeamRules rules;

	private final Audit audit;

	EmployeeController(Employees employees, List<TeamReader> readers, TeamRules rules, Audit audit) {
		this.employees = employees;
		this.readers = List.copyOf(readers);
		this.rules = rules;
		this.audit = audit;
	}

	@GetMapping
	Flux<Employee> all() {
		return employees.all();
	}

	@GetMapping("/me")
	Mono<Employee> me(Principal principal) {
		return employees.requireByLogin(principal.getName());
	}

	@GetMapping("/{id}")
	Mono<Employee> one(@PathVariable long id) {
		return employees.requireById(id);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Employee> create(@Valid @RequestBody EmployeeForm form, Principal principal) {
		return rules.requireMayCreate(principal.getName(), form.role())
			.then(Mono.defer(
					() -> seen(audit.change("EMPLOYEE_CREATED", Mono.empty(),
							employees.create(new NewEmployee(form.login(), form.fullName(), form.role(),
									form.extension(), form.password())),
							employee -> Subject.of("employee", employee.id(), null)))));
	}

	@PatchMapping("/{id}")
	Mono<Employee> update(@PathVariable long id, @Valid @RequestBody EmployeeUpdate update, Principal principal) {
		return rules.requireMayChange(principal.getName(), id, update.role())
			.then(Mono.defer(() -> seen(audit.change("EMPLOYEE_UPDATED", Subject.of("employee", id, null),
					employees.byId(id), employees.update(id, new EmployeeChanges(update.fullName(), update.role(),
							update.extension(), update.active(), update.password(), update.deputyLogin()))))));
	}

	/**
	 * What a 400 says of a password too short or too long (bcrypt reads at most 72
	 * bytes).
	 */
	static final String PASSWORD_LENGTH = "a password needs at least " + TeamRules.MIN_PASSWORD_LENGTH
			+ " characters (at most 72)";

	/**
	 * A name goes into the PBX's CallerID on click-to-call, where a line break would
	 * start an AMI header (#12).
	 */
	static final String ONE_LINE = "[^\\r\\n]*";

	static final String ONE_LINE_MESSAGE = "one line: no line breaks";

	record EmployeeForm(
			@NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9._-]+",
					message = "use lower-case letters, digits, dot, dash or underscore") String login,
			@NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String fullName,
			@NotNull Role role,
			@Size(max = 80) @Pattern(regexp = "[A-Za-z0-9_]+/[A-Za-z0-9_.@-]+",
					message = "a dial string such as PJSIP/101") @Nullable String extension,
			@NotBlank @Size(min = TeamRules.MIN_PASSWORD_LENGTH, max = 72, message = PASSWORD_LENGTH) String password) {
	}

	record EmployeeUpdate(
			@Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) @Nullable String fullName,
			@Nullable Role role,
			@Size(max = 80) @Pattern(regexp = "|[A-Za-z0-9_]+/[A-Za-z0-9_.@-]+",
					message = "a dial string such as PJSIP/101, or empty to remove it") @Nullable String extension,
			@Nullable Boolean active,
			@Size(min = TeamRules.MIN_PASSWORD_LENGTH, max = 72, message = PASSWORD_LENGTH) @Nullable String password,
			@Size(max = 64) @Nullable String deputyLogin) {
	}

	/**
	 * The change's result once every {@link TeamReader} has read it, so the next call is
	 * routed by it.
	 */
	private <T> Mono<T> seen(Mono<T> change) {
		Mono<Void> caughtUp = Flux.fromIterable(readers).flatMap(TeamReader::caughtUp).then();
		return change.flatMap(result -> caughtUp.thenReturn(result)).switchIfEmpty(caughtUp.then(Mono.empty()));
	}

}

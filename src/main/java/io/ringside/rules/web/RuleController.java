package io.ringside.rules.web;

import java.security.Principal;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.audit.Audit;
import io.ringside.audit.Subject;
import io.ringside.rules.RuleKeys;
import io.ringside.rules.Rules;
import io.ringside.rules.StoredRule;
import io.ringside.team.Employees;
import io.ringside.web.InvalidRequestException;
import io.ringside.web.NotFoundException;

/**
 * The rules of work: everyone signed in reads them (the console shows their scripts); the
 * head of sales and the admin change them (the security configuration says so).
 */
@RestController
class RuleController {

	private final Rules rules;

	private final Employees employees;

	private final Audit audit;

	RuleController(Rules rules, Employees employees, Audit audit) {
		this.rules = rules;
		this.employees = employees;
		this.audit = audit;
	}

	/**
	 * Every rule: DEFAULT first (the built-in one when none is stored), VIP, segments.
	 */
	@GetMapping("/api/rules")
	Mono<List<StoredRule>> all() {
		return rules.all();
	}

	@GetMapping("/api/rules/{key}")
	Mono<StoredRule> one(@PathVariable String key) {
		return rules.get(canonical(key)).switchIfEmpty(Mono.error(() -> new NotFoundException("Rule", key)));
	}

	/**
	 * Stores the rule under its key ({@code VIP}, {@code DEFAULT} or
	 * {@code SEGMENT:<industry>}), replacing what was there; answers once this instance
	 * routes by it.
	 */
	@PutMapping("/api/rules/{key}")
	Mono<StoredRule> put(@PathVariable String key, @RequestBody RuleForm form, Principal principal) {
		String canonical = canonical(key);
		return rules.seen(Mono.fromCallable(form::toRule)
			.flatMap(rule -> employees.requireByLogin(principal.getName())
				.flatMap(actor -> audit.change("RULE_CHANGED", Subject.of("rule", canonical, null),
						rules.get(canonical), rules.put(canonical, rule, actor)))));
	}

	/**
	 * Removes the rule under the key: its tier keeps the values of the less specific
	 * rules (the DEFAULT goes back to the built-in one). 404 when there is none.
	 */
	@DeleteMapping("/api/rules/{key}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> delete(@PathVariable String key) {
		String canonical = canonical(key);
		Mono<StoredRule> before = rules.get(canonical)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Rule", canonical)));
		return rules.seen(before.flatMap(found -> audit.change("RULE_REMOVED", Subject.of("rule", found.key(), null),
				Mono.just(found), rules.delete(found.key()))));
	}

	private static String canonical(String key) {
		return RuleKeys.canonical(key)
			.orElseThrow(() -> new InvalidRequestException("key",
					"must be VIP, DEFAULT or SEGMENT:<industry> (an industry of at most 100 characters)"));
	}

}

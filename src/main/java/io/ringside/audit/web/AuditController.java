package io.ringside.audit.web;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.audit.Audit;
import io.ringside.audit.AuditEntry;
import io.ringside.audit.AuditQuery;

/**
 * The audit trail; only the admin and the head of sales get here (see the security
 * rules).
 */
@RestController
class AuditController {

	private final Audit audit;

	AuditController(Audit audit) {
		this.audit = audit;
	}

	/**
	 * Rows about a client ({@code clientId}), by an employee ({@code login}), from
	 * {@code from} (inclusive) to {@code to} (exclusive, ISO-8601 instants), newest
	 * first: {@code limit} of them after skipping {@code offset}.
	 */
	@GetMapping("/api/audit")
	Flux<AuditEntry> search(@RequestParam(required = false) @Nullable Long clientId,
			@RequestParam(required = false) @Nullable String login,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to, @RequestParam(defaultValue = "0") @Min(0) int offset,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return audit.search(new AuditQuery(clientId, login, from, to, offset, limit));
	}

}

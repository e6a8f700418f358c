package io.ringside.clients.web;

import java.security.Principal;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.audit.Audit;
import io.ringside.audit.Subject;
import io.ringside.clients.CallerDirectory;
import io.ringside.clients.Clients;
import io.ringside.clients.Reassignments;
import io.ringside.clients.Reassignments.Reassignment;
import io.ringside.clients.Reassignments.ReassignmentRequest;
import io.ringside.team.Employees;

/**
 * Changes of owner; only the head of sales and the admin get here (see the security
 * rules).
 */
@RestController
class ReassignmentController {

	private final Reassignments reassignments;

	private final Employees employees;

	private final CallerDirectory directory;

	private final Clients clients;

	private final Audit audit;

	ReassignmentController(Reassignments reassignments, Employees employees, CallerDirectory directory, Clients clients,
			Audit audit) {
		this.reassignments = reassignments;
		this.employees = employees;
		this.directory = directory;
		this.clients = clients;
		this.audit = audit;
	}

	/**
	 * Moves {@code clientId}, or all clients of {@code fromLogin}, to {@code toLogin} in
	 * one transaction.
	 */
	@PostMapping("/api/clients/reassign")
	Mono<Reassignment> reassign(@Valid @RequestBody ReassignForm form, Principal principal) {
		return directory
			.seen(employees.requireByLogin(principal.getName())
				.flatMap(actor -> audit.changes("CLIENTS_REASSIGNED", previousOwner(form),
						reassignments.reassign(new ReassignmentRequest(form.clientId(), form.fromLogin(),
								form.toLogin(), form.reason()), actor),
						moved -> moved.clientIds().stream().map(Subject::client).toList())));
	}

	/**
	 * Whom the clients belonged to, for the audit trail: the client's owner, or the
	 * manager named.
	 */
	private Mono<Map<String, Object>> previousOwner(ReassignForm form) {
		return form.clientId() != null ? clients.byId(form.clientId()).map(client -> Map.of("owner", client.owner()))
				: Mono.justOrEmpty(form.fromLogin()).map(login -> Map.of("ownerLogin", login));
	}

	record ReassignForm(@Nullable Long clientId, @Size(max = 64) @Nullable String fromLogin,
			@NotBlank @Size(max = 64) String toLogin, @Size(max = 1000) @Nullable String reason) {
	}

}

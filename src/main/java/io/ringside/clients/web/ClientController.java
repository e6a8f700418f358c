package io.ringside.clients.web;

import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.audit.Audit;
import io.ringside.audit.Subject;
import io.ringside.clients.CallerDirectory;
import io.ringside.clients.Client;
import io.ringside.clients.Clients;
import io.ringside.clients.Clients.ClientChanges;
import io.ringside.clients.Clients.ClientPage;
import io.ringside.clients.Clients.ClientQuery;
import io.ringside.clients.Clients.NewClient;
import io.ringside.clients.Clients.NumberMatch;
import io.ringside.clients.Interaction;
import io.ringside.clients.InteractionKind;
import io.ringside.clients.Interactions;
import io.ringside.clients.Interactions.NewInteraction;
import io.ringside.team.Employees;
import io.ringside.web.InvalidRequestException;
import io.ringside.web.NotFoundException;

/** Clients, their numbers and their history. */
@RestController
@RequestMapping("/api")
class ClientController {

	private final Clients clients;

	private final Employees employees;

	private final Interactions interactions;

	private final CallerDirectory directory;

	private final Audit audit;

	ClientController(Clients clients, Employees employees, Interactions interactions, CallerDirectory directory,
			Audit audit) {
		this.clients = clients;
		this.employees = employees;
		this.interactions = interactions;
		this.directory = directory;
		this.audit = audit;
	}

	/**
	 * Search by name or tax id ({@code q}), a fragment of a number, industry, owner's
	 * login, VIP flag.
	 */
	@GetMapping("/clients")
	Mono<ClientPage> search(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String number,
			@RequestParam(required = false) @Nullable String industry,
			@RequestParam(required = false) @Nullable String owner,
			@RequestParam(required = false) @Nullable Boolean vip,
			@RequestParam(defaultValue = "false") boolean includeArchived,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		return clients.search(new ClientQuery(q, number, industry, owner, vip, includeArchived, page, size));
	}

	@GetMapping("/clients/{id}")
	Mono<Client> one(@PathVariable long id) {
		return clients.require(id);
	}

	/** The client a number belongs to, however it is written: 404 when nobody has it. */
	@GetMapping("/lookup")
	Mono<NumberMatch> lookup(@RequestParam String number) {
		return clients.lookup(number).switchIfEmpty(Mono.error(() -> new NotFoundException("Number", number)));
	}

	@PostMapping("/clients")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Client> create(@Valid @RequestBody ClientForm form, Principal principal) {
		return directory.seen(employees.requireByLogin(principal.getName())
			.flatMap(actor -> audit.change("CLIENT_CREATED", Mono.empty(),
					clients.create(new NewClient(form.name(), form.taxId(), form.industry(),
							Boolean.TRUE.equals(form.vip()), form.ownerLogin(), form.phoneNumbers()), actor),
					client -> Subject.client(client.id()))));
	}

	@PatchMapping("/clients/{id}")
	Mono<Client> update(@PathVariable long id, @Valid @RequestBody ClientUpdate update, Principal principal) {
		return directory.seen(employees.requireByLogin(principal.getName())
			.flatMap(actor -> audit.change("CLIENT_UPDATED", Subject.client(id), clients.byId(id), clients.update(id,
					new ClientChanges(update.name(), update.taxId(), update.industry(), update.vip()), actor))));
	}

	/**
	 * Archives the client: history and numbers stay, it leaves lists. Clients are never
	 * deleted.
	 */
	@DeleteMapping("/clients/{id}")
	Mono<Client> archive(@PathVariable long id, Principal principal) {
		return employees.requireByLogin(principal.getName())
			.flatMap(actor -> audit.change("CLIENT_ARCHIVED", Subject.client(id), clients.byId(id),
					clients.archive(id, actor)));
	}

	@PostMapping("/clients/{id}/numbers")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Client> addNumber(@PathVariable long id, @Valid @RequestBody NumberForm form, Principal principal) {
		return directory.seen(employees.requireByLogin(principal.getName())
			.flatMap(actor -> audit.change("NUMBER_ADDED", Subject.client(id), clients.byId(id),
					clients.addNumber(id, form.number(), form.label(), actor))));
	}

	@DeleteMapping("/clients/{id}/numbers/{number}")
	Mono<Client> removeNumber(@PathVariable long id, @PathVariable String number, Principal principal) {
		return directory.seen(employees.requireByLogin(principal.getName())
			.flatMap(actor -> audit.change("NUMBER_REMOVED", Subject.client(id), clients.byId(id),
					clients.removeNumber(id, number, actor))));
	}

	@GetMapping("/clients/{id}/interactions")
	Flux<Interaction> history(@PathVariable long id, @RequestParam(defaultValue = "0") @Min(0) int offset,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return clients.require(id).thenMany(interactions.history(id, offset, limit));
	}

	/** Writes a note or a decision into the client's history. */
	@PostMapping("/clients/{id}/interactions")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Interaction> write(@PathVariable long id, @Valid @RequestBody InteractionForm form, Principal principal) {
		if (!form.kind().writtenByHand()) {
			return Mono.error(new InvalidRequestException("kind", "only NOTE and DECISION are written by hand"));
		}
		return employees.requireByLogin(principal.getName())
			.flatMap(actor -> clients.requireWritableBy(id, actor).thenReturn(actor))
			.flatMap(actor -> audit.change(
					"INTERACTION_WRITTEN", Mono.empty(), interactions.append(new NewInteraction(id, form.kind(),
							actor.id(), null, form.callId(), null, form.text().strip())),
					entry -> Subject.of("interaction", entry.id(), id)));
	}

	record ClientForm(@NotBlank @Size(max = 300) String name, @Size(max = 20) @Nullable String taxId,
			@NotBlank @Size(max = 100) String industry, @Nullable Boolean vip,
			@Size(max = 64) @Nullable String ownerLogin, @Size(max = 20) @Nullable List<String> phoneNumbers) {
	}

	record ClientUpdate(@Size(max = 300) @Nullable String name, @Size(max = 20) @Nullable String taxId,
			@Size(max = 100) @Nullable String industry, @Nullable Boolean vip) {
	}

	record NumberForm(@NotBlank @Size(max = 40) String number, @Size(max = 50) @Nullable String label) {
	}

	record InteractionForm(@NotNull InteractionKind kind, @NotBlank @Size(max = Interactions.MAX_TEXT) String text,
			@Size(max = 64) @Nullable String callId) {
	}

}

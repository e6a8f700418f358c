package io.ringside.clients.web;

import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.ringside.audit.Audit;
import io.ringside.audit.Subject;
import io.ringside.clients.CallerDirectory;
import io.ringside.clients.Contact;
import io.ringside.clients.Contacts;
import io.ringside.clients.Contacts.ContactChanges;
import io.ringside.clients.Contacts.NewContact;
import io.ringside.team.Employees;
import io.ringside.web.NotFoundException;

/** The people at a client company and their numbers. */
@RestController
@RequestMapping("/api/clients/{clientId}/contacts")
class ContactController {

	private final Contacts contacts;

	private final Employees employees;

	private final CallerDirectory directory;

	private final Audit audit;

	ContactController(Contacts contacts, Employees employees, CallerDirectory directory, Audit audit) {
		this.contacts = contacts;
		this.employees = employees;
		this.directory = directory;
		this.audit = audit;
	}

	@GetMapping
	Flux<Contact> all(@PathVariable long clientId) {
		return contacts.list(clientId);
	}

	/**
	 * Adds a contact; a number that belongs to a client already is a 409 naming that
	 * client.
	 */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Contact> create(@PathVariable long clientId, @Valid @RequestBody ContactForm form, Principal principal) {
		return directory.seen(employees.requireByLogin(principal.getName())
			.flatMap(actor -> audit.change("CONTACT_CREATED", Mono.empty(),
					contacts.create(clientId,
							new NewContact(form.fullName(), form.position(), form.email(), form.phoneNumbers()), actor),
					contact -> Subject.of("contact", contact.id(), clientId))));
	}

	/**
	 * Changes what is given; {@code phoneNumbers}, when given, replaces the contact's
	 * numbers.
	 */
	@PatchMapping("/{contactId}")
	Mono<Contact> update(@PathVariable long clientId, @PathVariable long contactId,
			@Valid @RequestBody ContactUpdate update, Principal principal) {
		return directory.seen(
				employees.requireByLogin(principal.getName())
					.flatMap(
							actor -> audit.change("CONTACT_UPDATED", Subject.of("contact", contactId, clientId),
									before(clientId, contactId),
									contacts.update(
											clientId, contactId, new ContactChanges(update.fullName(),
													update.position(), update.email(), update.phoneNumbers()),
											actor))));
	}

	/** Removes the contact and their numbers. */
	@DeleteMapping("/{contactId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> delete(@PathVariable long clientId, @PathVariable long contactId, Principal principal) {
		return directory.seen(employees.requireByLogin(principal.getName())
			.flatMap(actor -> audit.change("CONTACT_DELETED", Subject.of("contact", contactId, clientId),
					before(clientId, contactId), contacts.delete(clientId, contactId, actor))));
	}

	/**
	 * The contact as it is, for the audit trail; the change itself tells an unknown
	 * contact.
	 */
	private Mono<Contact> before(long clientId, long contactId) {
		return contacts.require(clientId, contactId).onErrorComplete(NotFoundException.class);
	}

	record ContactForm(@NotBlank @Size(max = 200) String fullName, @Size(max = 200) @Nullable String position,
			@Email @Size(max = 200) @Nullable String email,
			@Size(max = 20) @Nullable List<@NotBlank @Size(max = 40) String> phoneNumbers) {
	}

	record ContactUpdate(@Size(max = 200) @Nullable String fullName, @Size(max = 200) @Nullable String position,
			@Email @Size(max = 200) @Nullable String email,
			@Size(max = 20) @Nullable List<@NotBlank @Size(max = 40) String> phoneNumbers) {
	}

}

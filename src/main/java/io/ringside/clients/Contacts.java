package io.ringside.clients;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.ringside.team.Employee;
import io.ringside.web.NotFoundException;

/**
 * The people at client companies and their own numbers. A contact's numbers follow the
 * company's rules: E.164, each number belongs to one client at most, a number taken by a
 * client is a conflict that names it.
 * <p>
 * Every change runs in one transaction: it is written whole or not at all.
 */
@Component
public class Contacts {

	private static final String SELECT = "select k.id, k.client_id, k.full_name, k.position, k.email, "
			+ "array(select p.e164 from phone_numbers p where p.contact_id = k.id order by p.id) as numbers "
			+ "from contacts k ";

	private final DatabaseClient db;

	private final Clients clients;

	Contacts(DatabaseClient db, Clients clients) {
		this.db = db;
		this.clients = clients;
	}

	/** The client's contacts in the order they were added; 404 for an unknown client. */
	public Flux<Contact> list(long clientId) {
		return clients.require(clientId).thenMany(of(clientId));
	}

	/** The client's contacts in the order they were added; none for an unknown client. */
	Flux<Contact> of(long clientId) {
		return db.sql(SELECT + "where k.client_id = :client order by k.id")
			.bind("client", clientId)
			.map(Contacts::read)
			.all();
	}

	/** The contact, when it is one of this client's; else a {@link NotFoundException}. */
	public Mono<Contact> require(long clientId, long contactId) {
		return db.sql(SELECT + "where k.id = :id and k.client_id = :client")
			.bind("id", contactId)
			.bind("client", clientId)
			.map(Contacts::read)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Contact", contactId)));
	}

	@Transactional
	public Mono<Contact> create(long clientId, NewContact contact, Employee actor) {
		return Mono.fromCallable(() -> clients.numbers().normalise("phoneNumbers", contact.phoneNumbers()))
			.flatMap(numbers -> clients.requireWritableBy(clientId, actor)
				.then(clients.numbers().ensureFree(numbers, null))
				.then(db
					.sql("insert into contacts (client_id, full_name, position, email) "
							+ "values (:client, :fullName, :position, :email) returning id")
					.bind("client", clientId)
					.bind("fullName", contact.fullName().trim())
					.bind("position", Parameter.fromOrEmpty(Clients.blankToNull(contact.position()), String.class))
					.bind("email", Parameter.fromOrEmpty(Clients.blankToNull(contact.email()), String.class))
					.map(row -> row.get("id", Long.class))
					.one())
				.flatMap(id -> Flux.fromIterable(numbers)
					.concatMap(number -> clients.numbers().insert(clientId, id, number, null))
					.then(require(clientId, id))));
	}

	/**
	 * Changes what is given: null leaves a field as it is, a blank position or email
	 * removes it, a list of numbers replaces the contact's numbers.
	 */
	@Transactional
	public Mono<Contact> update(long clientId, long contactId, ContactChanges changes, Employee actor) {
		return Mono
			.fromCallable(() -> Optional.ofNullable(changes.phoneNumbers())
				.map(raw -> clients.numbers().normalise("phoneNumbers", raw)))
			.flatMap(numbers -> clients.requireWritableBy(clientId, actor)
				.then(require(clientId, contactId))
				.flatMap(current -> db
					.sql("update contacts set full_name = coalesce(:fullName, full_name), "
							+ "position = case when :clearPosition then null else coalesce(:position, position) end, "
							+ "email = case when :clearEmail then null else coalesce(:email, email) end "
							+ "where id = :id")
					.bind("id", contactId)
					.bind("fullName", Parameter.fromOrEmpty(Clients.blankToNull(changes.fullName()), String.class))
					.bind("clearPosition", changes.position() != null && changes.position().isBlank())
					.bind("position", Parameter.fromOrEmpty(Clients.blankToNull(changes.position()), String.class))
					.bind("clearEmail", changes.email() != null && changes.email().isBlank())
					.bind("email", Parameter.fromOrEmpty(Clients.blankToNull(changes.email()), String.class))
					.fetch()
					.rowsUpdated()
					.then(numbers.map(wanted -> replaceNumbers(current, wanted)).orElse(Mono.empty())))
				.then(require(clientId, contactId)));
	}

	/** Removes the contact with its numbers; the client's history stays as it is. */
	@Transactional
	public Mono<Void> delete(long clientId, long contactId, Employee actor) {
		return clients.requireWritableBy(clientId, actor)
			.then(require(clientId, contactId))
			.then(db.sql("delete from contacts where id = :id and client_id = :client")
				.bind("id", contactId)
				.bind("client", clientId)
				.fetch()
				.rowsUpdated())
			.then();
	}

	private Mono<Void> replaceNumbers(Contact current, List<String> wanted) {
		List<String> added = wanted.stream().filter(number -> !current.phoneNumbers().contains(number)).toList();
		List<String> removed = current.phoneNumbers().stream().filter(number -> !wanted.contains(number)).toList();
		Mono<Long> delete = removed.isEmpty() ? Mono.empty()
				: db.sql("delete from phone_numbers where contact_id = :contact and e164 = any(:numbers)")
					.bind("contact", current.id())
					.bind("numbers", removed.toArray(String[]::new))
					.fetch()
					.rowsUpdated();
		return clients.numbers()
			.ensureFree(added, null)
			.then(delete)
			.thenMany(Flux.fromIterable(added)
				.concatMap(number -> clients.numbers().insert(current.clientId(), current.id(), number, null)))
			.then();
	}

	static Contact read(Readable row) {
		String[] numbers = row.get("numbers", String[].class);
		return new Contact(row.get("id", Long.class), row.get("client_id", Long.class),
				row.get("full_name", String.class), row.get("position", String.class), row.get("email", String.class),
				numbers == null ? List.of() : Arrays.asList(numbers));
	}

	/** A contact to add, with their own numbers written any way people write them. */
	public record NewContact(String fullName, @Nullable String position, @Nullable String email,
			@Nullable List<String> phoneNumbers) {
	}

	/** Changes to a contact; see {@link Contacts#update}. */
	public record ContactChanges(@Nullable String fullName, @Nullable String position, @Nullable String email,
			@Nullable List<String> phoneNumbers) {
	}

}

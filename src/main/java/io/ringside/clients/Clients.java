package io.ringside.clients;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.ringside.clients.Interactions.NewInteraction;
import io.ringside.database.Constraints;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.team.Role;
import io.ringside.web.ConflictException;
import io.ringside.web.ForbiddenException;
import io.ringside.web.InvalidRequestException;
import io.ringside.web.NotFoundException;

/**
 * Client companies, each owned by exactly one manager, and the phone numbers by which a
 * call finds them.
 * <p>
 * Every change runs in one transaction together with its history entry: it is written
 * whole or not at all.
 */
@Component
public class Clients {

	static final String SELECT = "select c.id, c.name, c.tax_id, c.industry, c.vip, c.created_at, c.archived_at, "
			+ "e.id as owner_id, e.login as owner_login, e.full_name as owner_name, "
			+ "array(select p.e164 from phone_numbers p where p.client_id = c.id order by p.id) as numbers "
			+ "from clients c join employees e on e.id = c.owner_id ";

	private final DatabaseClient db;

	private final Employees employees;

	private final Interactions interactions;

	private final PhoneNumbers phoneNumbers;

	private final NumberBook numberBook;

	public Clients(DatabaseClient db, Employees employees, Interactions interactions, PhoneNumbers phoneNumbers) {
		this.db = db;
		this.employees = employees;
		this.interactions = interactions;
		this.phoneNumbers = phoneNumbers;
		this.numberBook = new NumberBook(db, phoneNumbers);
	}

	/** Where client and contact numbers are checked and stored (for {@link Contacts}). */
	NumberBook numbers() {
		return numberBook;
	}

	public Mono<Client> byId(long id) {
		return db.sql(SELECT + "where c.id = :id").bind("id", id).map(Clients::read).one();
	}

	public Mono<Client> require(long id) {
		return byId(id).switchIfEmpty(Mono.error(() -> new NotFoundException("Client", id)));
	}

	/**
	 * The client, when this employee may change it: its owner, the head of sales or the
	 * admin. Nobody else works another manager's client; everyone may read it.
	 */
	public Mono<Client> requireWritableBy(long id, Employee actor) {
		return require(id).flatMap(client -> mayChange(client, actor) ? Mono.just(client)
				: Mono.error(new ForbiddenException("Client " + client.name() + " is owned by "
						+ client.owner().fullName() + "; only the owner or the head of sales works it")));
	}

	static boolean mayChange(Client client, Employee actor) {
		return switch (actor.role()) {
			case HEAD_OF_SALES, ADMIN -> true;
			case MANAGER -> client.owner().id() == actor.id();
			case SUPERVISOR, WAREHOUSE -> false;
		};
	}

	/**
	 * The client a number belongs to, however the number is written; empty when nobody
	 * has it.
	 */
	public Mono<NumberMatch> lookup(String rawNumber) {
		return Mono.fromCallable(() -> phoneNumbers.require("number", rawNumber)).flatMap(this::lookupE164);
	}

	/**
	 * The client a number belongs to and its owner, in one query: what routing asks for
	 * every inbound call. Archived clients still count: their history matters when they
	 * call again.
	 */
	public Mono<CallerMatch> callerOf(String e164) {
		return db
			.sql("select c.id as client_id, c.name as client_name, c.vip, c.industry, e.id, e.login, e.full_name, e.role, "
					+ "e.extension, e.active, e.deputy_login from phone_numbers p join clients c on c.id = p.client_id "
					+ "join employees e on e.id = c.owner_id where p.e164 = :e164")
			.bind("e164", e164)
			.map(row -> new CallerMatch(row.get("client_id", Long.class), row.get("client_name", String.class),
					Boolean.TRUE.equals(row.get("vip", Boolean.class)),
					String.valueOf(row.get("industry", String.class)), Employees.read(row)))
			.one();
	}

	/** The client an E.164 number belongs to; empty when nobody has it. */
	public Mono<NumberMatch> lookupE164(String e164) {
		return db.sql("select client_id, contact_id from phone_numbers where e164 = :e164")
			.bind("e164", e164)
			.map(row -> new Object[] { row.get("client_id", Long.class), row.get("contact_id", Long.class) })
			.one()
			.flatMap(ids -> byId((Long) ids[0]).map(client -> new NumberMatch(e164, client, (Long) ids[1])));
	}

	/** One page of the clients a query finds, with the number of all matches. */
	public Mono<ClientPage> search(ClientQuery query) {
		return ClientSearch.page(db, query);
	}

	/**
	 * Creates a client with its own numbers. A manager creates clients for themselves;
	 * the head of sales and the admin may name any manager as the owner.
	 */
	@Transactional
	public Mono<Client> create(NewClient client, Employee actor) {
		return Mono.fromCallable(() -> numberBook.normalise("phoneNumbers", client.phoneNumbers()))
			.flatMap(numbers -> ownerFor(client.ownerLogin(), actor)
				.flatMap(owner -> create(client, numbers, owner, actor)))
			.onErrorMap(DataIntegrityViolationException.class, this::conflict);
	}

	private Mono<Client> create(NewClient client, List<String> numbers, Employee owner, Employee actor) {
		return numberBook.ensureFree(numbers, null)
			.then(db
				.sql("insert into clients (name, tax_id, industry, vip, owner_id) "
						+ "values (:name, :taxId, :industry, :vip, :owner) returning id")
				.bind("name", client.name().trim())
				.bind("taxId", Parameter.fromOrEmpty(blankToNull(client.taxId()), String.class))
				.bind("industry", client.industry().trim())
				.bind("vip", client.vip())
				.bind("owner", owner.id())
				.map(row -> row.get("id", Long.class))
				.one())
			.flatMap(id -> Flux.fromIterable(numbers)
				.concatMap(number -> numberBook.insert(id, null, number, null))
				.then(interactions.append(NewInteraction.of(id, InteractionKind.CLIENT_CREATED, actor.id(),
						"Client created by " + actor.fullName() + "; owner " + owner.fullName())))
				.then(require(id)));
	}

	/** Changes the client's own fields; the owner changes only through a reassignment. */
	@Transactional
	public Mono<Client> update(long id, ClientChanges changes, Employee actor) {
		return requireWritableBy(id, actor).then(db
			.sql("update clients set name = coalesce(:name, name), industry = coalesce(:industry, industry), "
					+ "vip = coalesce(:vip, vip), tax_id = case when :clearTaxId then null else coalesce(:taxId, tax_id) end, "
					+ "updated_at = now() where id = :id")
			.bind("id", id)
			.bind("name", Parameter.fromOrEmpty(blankToNull(changes.name()), String.class))
			.bind("industry", Parameter.fromOrEmpty(blankToNull(changes.industry()), String.class))
			.bind("vip", Parameter.fromOrEmpty(changes.vip(), Boolean.class))
			.bind("clearTaxId", changes.taxId() != null && changes.taxId().isBlank())
			.bind("taxId", Parameter.fromOrEmpty(blankToNull(changes.taxId()), String.class))
			.fetch()
			.rowsUpdated()).then(require(id)).onErrorMap(DataIntegrityViolationException.class, this::conflict);
	}

	/** Archives a client: its history and numbers stay, it leaves lists and searches. */
	@Transactional
	public Mono<Client> archive(long id, Employee actor) {
		return require(id).flatMap(client -> client.archived() ? Mono.just(client) : db
			.sql("update clients set archived_at = now(), updated_at = now() where id = :id")
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.then(interactions.append(
					NewInteraction.of(id, InteractionKind.NOTE, actor.id(), "Client archived by " + actor.fullName())))
			.then(require(id)));
	}

	@Transactional
	public Mono<Client> addNumber(long clientId, String rawNumber, @Nullable String label, Employee actor) {
		return Mono.fromCallable(() -> phoneNumbers.require("number", rawNumber))
			.flatMap(e164 -> requireWritableBy(clientId, actor)
				.flatMap(client -> client.phoneNumbers().contains(e164) ? Mono.just(client)
						: numberBook.ensureFree(List.of(e164), clientId)
							.then(numberBook.insert(clientId, null, e164, label))
							.then(require(clientId))));
	}

	@Transactional
	public Mono<Client> removeNumber(long clientId, String rawNumber, Employee actor) {
		return Mono.fromCallable(() -> phoneNumbers.require("number", rawNumber))
			.flatMap(e164 -> removeE164(clientId, e164, actor));
	}

	private Mono<Client> removeE164(long clientId, String e164, Employee actor) {
		return requireWritableBy(clientId, actor)
			.then(db.sql("delete from phone_numbers where client_id = :client and e164 = :e164")
				.bind("client", clientId)
				.bind("e164", e164)
				.fetch()
				.rowsUpdated())
			.flatMap(deleted -> deleted == 0 ? Mono.error(new NotFoundException("Number", e164)) : require(clientId));
	}

	private Mono<Employee> ownerFor(@Nullable String ownerLogin, Employee actor) {
		boolean elevated = actor.role() == Role.HEAD_OF_SALES || actor.role() == Role.ADMIN;
		if (ownerLogin == null || ownerLogin.isBlank()) {
			if (!actor.role().canOwnClients()) {
				return Mono
					.error(new InvalidRequestException("ownerLogin", "name the manager who will own the client"));
			}
			return Mono.just(actor);
		}
		if (!elevated && !ownerLogin.equals(actor.login())) {
			return Mono.error(new ForbiddenException("A manager creates clients for themselves only"));
		}
		return employees.byLogin(ownerLogin.trim())
			.filter(owner -> owner.active() && owner.role().canOwnClients())
			.switchIfEmpty(Mono.error(() -> new InvalidRequestException("ownerLogin",
					"no active manager or head of sales has the login " + ownerLogin)));
	}

	private Throwable conflict(DataIntegrityViolationException ex) {
		if (Constraints.is(ex, "clients_tax_id_key")) {
			return new ConflictException("Tax id taken", "Another client has this tax id", Map.of());
		}
		return ex;
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	static Client read(Readable row) {
		String[] numbers = row.get("numbers", String[].class);
		OffsetDateTime created = row.get("created_at", OffsetDateTime.class);
		return new Client(row.get("id", Long.class), row.get("name", String.class), row.get("tax_id", String.class),
				row.get("industry", String.class), Boolean.TRUE.equals(row.get("vip", Boolean.class)),
				new Owner(row.get("owner_id", Long.class), row.get("owner_login", String.class),
						row.get("owner_name", String.class)),
				// created_at is not null in the schema
				numbers == null ? List.of() : Arrays.asList(numbers), created.toInstant(),
				row.get("archived_at", OffsetDateTime.class) != null);
	}

	/**
	 * The client a number belongs to, and the contact when it is a contact's own number.
	 */
	public record NumberMatch(String number, Client client, @Nullable Long contactId) {
	}

	/** What a search asks for; null fields do not filter. */
	public record ClientQuery(@Nullable String text, @Nullable String number, @Nullable String industry,
			@Nullable String ownerLogin, @Nullable Boolean vip, boolean includeArchived, int page, int size) {
	}

	/** One page of a search, with the number of all matches. */
	public record ClientPage(List<Client> items, int page, int size, long total) {
	}

	/** A client to create, with the company's own numbers. */
	public record NewClient(String name, @Nullable String taxId, String industry, boolean vip,
			@Nullable String ownerLogin, @Nullable List<String> phoneNumbers) {
	}

	/**
	 * Changes to a client's own fields; null leaves a field as it is, a blank tax id
	 * removes it.
	 */
	public record ClientChanges(@Nullable String name, @Nullable String taxId, @Nullable String industry,
			@Nullable Boolean vip) {
	}

}

package io.ringside.team;

import java.util.Map;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import io.ringside.database.Constraints;
import io.ringside.web.ConflictException;
import io.ringside.web.InvalidRequestException;
import io.ringside.web.NotFoundException;

/**
 * The team. Passwords are stored as bcrypt hashes only; hashing runs on the
 * bounded-elastic scheduler because it costs tens of milliseconds of CPU.
 */
@Component
public class Employees {

	/** The columns {@link #read} reads, for a query that joins the team. */
	public static final String COLUMNS = "id, login, full_name, role, extension, active, deputy_login";

	private final DatabaseClient db;

	private final PasswordEncoder passwords;

	private final @Nullable ObjectProvider<AccessChangeListener> accessListeners;

	public Employees(DatabaseClient db, PasswordEncoder passwords) {
		this(db, passwords, null);
	}

	@Autowired
	public Employees(DatabaseClient db, PasswordEncoder passwords,
			@Nullable ObjectProvider<AccessChangeListener> accessListeners) {
		this.db = db;
		this.passwords = passwords;
		this.accessListeners = accessListeners;
	}

	public Mono<Employee> byId(long id) {
		return db.sql("select " + COLUMNS + " from employees where id = :id").bind("id", id).map(Employees::read).one();
	}

	public Mono<Employee> requireById(long id) {
		return byId(id).switchIfEmpty(Mono.error(() -> new NotFoundException("Employee", id)));
	}

	public Mono<Employee> byLogin(String login) {
		return db.sql("select " + COLUMNS + " from employees where login = :login")
			.bind("login", login)
			.map(Employees::read)
			.one();
	}

	public Mono<Employee> requireByLogin(String login) {
		return byLogin(login).switchIfEmpty(Mono.error(() -> new NotFoundException("Employee", login)));
	}

	/**
	 * The employee whose phone this is ({@code PJSIP/101}); empty for phones of nobody.
	 */
	public Mono<Employee> byExtension(@Nullable String device) {
		if (device == null || device.isBlank()) {
			return Mono.empty();
		}
		return db.sql("select " + COLUMNS + " from employees where extension = :device")
			.bind("device", device)
			.map(Employees::read)
			.one();
	}

	/**
	 * The employee whose phone has this internal number: {@code 101} is the phone
	 * {@code PJSIP/101}. An outbound call names its caller this way.
	 */
	public Mono<Employee> byPhoneNumber(@Nullable String number) {
		if (number == null || number.isBlank()) {
			return Mono.empty();
		}
		return db.sql("select " + COLUMNS + " from employees where split_part(extension, '/', 2) = :number limit 1")
			.bind("number", number)
			.map(Employees::read)
			.one();
	}

	/** The employee and their password hash, for sign-in only. */
	public Mono<Credentials> credentials(String login) {
		return db.sql("select " + COLUMNS + ", password_hash from employees where login = :login")
			.bind("login", login)
			.map(row -> new Credentials(read(row), row.get("password_hash", String.class)))
			.one();
	}

	public Flux<Employee> all() {
		return db.sql("select " + COLUMNS + " from employees order by full_name, id").map(Employees::read).all();
	}

	/**
	 * The active head of sales, who takes the calls of absent owners; of several, the
	 * first one with a phone.
	 */
	public Mono<Employee> headOfSales() {
		return db
			.sql("select " + COLUMNS + " from employees where role = 'HEAD_OF_SALES' and active "
					+ "order by extension is null, id limit 1")
			.map(Employees::read)
			.one();
	}

	public Mono<Employee> create(NewEmployee employee) {
		return hash(employee.password()).flatMap(hash -> db
			.sql("insert into employees (login, full_name, role, extension, password_hash) "
					+ "values (:login, :fullName, :role, :extension, :hash) returning " + COLUMNS)
			.bind("login", employee.login())
			.bind("fullName", employee.fullName().trim())
			.bind("role", employee.role().name())
			.bind("extension", Parameter.fromOrEmpty(blankToNull(employee.extension()), String.class))
			.bind("hash", hash)
			.map(Employees::read)
			.one()).onErrorMap(DataIntegrityViolationException.class, this::conflict);
	}

	/**
	 * Changes what is given; fields left null stay as they are. Deactivating someone,
	 * changing their role or their password tells every {@link AccessChangeListener}
	 * before the returned employee is emitted.
	 */
	public Mono<Employee> update(long id, EmployeeChanges changes) {
		return requireById(id).flatMap(before -> store(id, changes).flatMap(after -> {
			// Deactivating counts even when already inactive: saving it again ends
			// whatever a failed attempt left.
			boolean accessChanged = Boolean.FALSE.equals(changes.active()) || before.role() != after.role()
					|| changes.password() != null;
			return accessChanged ? accessChanged(after).thenReturn(after) : Mono.just(after);
		}));
	}

	private Mono<Void> accessChanged(Employee employee) {
		return accessListeners == null ? Mono.empty()
				: Flux.fromStream(accessListeners.orderedStream())
					.concatMap(listener -> listener.accessChanged(employee))
					.then();
	}

	private Mono<Employee> store(long id, EmployeeChanges changes) {
		Mono<String> hash = changes.password() == null ? Mono.just("") : hash(changes.password());
		return requireById(id).flatMap(current -> refuseDeactivatingAnOwner(current, changes))
			.then(refuseADeputyWhoCannotTakeCalls(changes.deputyLogin()))
			.then(hash)
			.flatMap(newHash -> db
				.sql("update employees set full_name = coalesce(:fullName, full_name), role = coalesce(:role, role), "
						+ "extension = case when :clearExtension then null else coalesce(:extension, extension) end, "
						+ "active = coalesce(:active, active), deputy_login = case when :clearDeputy then null "
						+ "else coalesce(:deputy, deputy_login) end, "
						+ "password_hash = case when :hash = '' then password_hash else :hash end "
						+ "where id = :id returning " + COLUMNS)
				.bind("id", id)
				.bind("fullName", Parameter.fromOrEmpty(blankToNull(changes.fullName()), String.class))
				.bind("role",
						Parameter.fromOrEmpty(changes.role() == null ? null : changes.role().name(), String.class))
				.bind("clearExtension", changes.extension() != null && changes.extension().isBlank())
				.bind("extension", Parameter.fromOrEmpty(blankToNull(changes.extension()), String.class))
				.bind("active", Parameter.fromOrEmpty(changes.active(), Boolean.class))
				.bind("clearDeputy", changes.deputyLogin() != null && changes.deputyLogin().isBlank())
				.bind("deputy", Parameter.fromOrEmpty(blankToNull(changes.deputyLogin()), String.class))
				.bind("hash", newHash)
				.map(Employees::read)
				.one())
			.onErrorMap(DataIntegrityViolationException.class, this::conflict);
	}

	private Mono<Void> refuseDeactivatingAnOwner(Employee current, EmployeeChanges changes) {
		if (!Boolean.FALSE.equals(changes.active())) {
			return Mono.empty();
		}
		return db.sql("select count(*) as owned from clients where owner_id = :id")
			.bind("id", current.id())
			.map(row -> row.get("owned", Long.class))
			.one()
			.flatMap(owned -> owned == 0 ? Mono.<Void>empty()
					: Mono.error(new ConflictException("Employee still owns clients",
							current.login() + " owns " + owned + " clients; reassign them before deactivating",
							Map.of("ownedClients", owned))));
	}

	/**
	 * A deputy takes their colleague's clients' calls: someone of the team who can own
	 * clients (a manager or the head of sales).
	 */
	private Mono<Void> refuseADeputyWhoCannotTakeCalls(@Nullable String deputyLogin) {
		String login = blankToNull(deputyLogin);
		if (login == null) {
			return Mono.empty();
		}
		return byLogin(login)
			.switchIfEmpty(Mono.error(() -> new InvalidRequestException("deputyLogin", "no employee has this login")))
			.flatMap(deputy -> deputy.role() == Role.MANAGER || deputy.role() == Role.HEAD_OF_SALES ? Mono.<Void>empty()
					: Mono.error(
							new InvalidRequestException("deputyLogin", "a deputy is a manager or the head of sales")));
	}

	private Mono<String> hash(String password) {
		return Mono.fromCallable(() -> passwords.encode(password)).subscribeOn(Schedulers.boundedElastic());
	}

	private Throwable conflict(DataIntegrityViolationException ex) {
		return Constraints.violated(ex).<Throwable>map(constraint -> switch (constraint) {
			case "employees_login_key" -> new ConflictException("Login taken", "The login is already in use", Map.of());
			case "employees_extension_key" ->
				new ConflictException("Extension taken", "Another employee has this extension", Map.of());
			case "clients_owner_fkey" -> new ConflictException("Employee still owns clients",
					"Only managers and the head of sales can own clients; reassign them before changing the role",
					Map.of());
			case "employees_deputy_not_self" ->
				new InvalidRequestException("deputyLogin", "cannot be their own deputy");
			case "employees_deputy_login_fkey" ->
				new InvalidRequestException("deputyLogin", "no employee has this login");
			case "employees_login_format" ->
				new InvalidRequestException("login", "use lower-case letters, digits, dot, dash or underscore");
			default -> ex;
		}).orElse(ex);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	/** An employee from a row holding {@link #COLUMNS}. */
	public static Employee read(Readable row) {
		return new Employee(row.get("id", Long.class), row.get("login", String.class),
				row.get("full_name", String.class), Role.valueOf(row.get("role", String.class)),
				row.get("extension", String.class), Boolean.TRUE.equals(row.get("active", Boolean.class)),
				row.get("deputy_login", String.class));
	}

	/** An employee's identity with the hash of their password. */
	public record Credentials(Employee employee, String passwordHash) {
	}

	/** What it takes to add someone to the team. */
	public record NewEmployee(String login, String fullName, Role role, @Nullable String extension, String password) {
	}

	/**
	 * Changes to an employee; null leaves a field as it is, a blank extension or deputy
	 * removes it.
	 */
	public record EmployeeChanges(@Nullable String fullName, @Nullable Role role, @Nullable String extension,
			@Nullable Boolean active, @Nullable String password, @Nullable String deputyLogin) {
	}

}

package io.ringside.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.web.InvalidRequestException;
import io.ringside.web.NotFoundException;

/**
 * Changes of owner: one client, or every client of a manager who leaves, goes to another
 * active manager or the head of sales. Each moved client gets a REASSIGNED entry in its
 * history, written by the employee who moved it. All of a reassignment is one
 * transaction; the clients it moves are locked while it runs, so two reassignments of the
 * same clients take turns.
 */
@Component
public class Reassignments {

	private final DatabaseClient db;

	private final Employees employees;

	Reassignments(DatabaseClient db, Employees employees) {
		this.db = db;
		this.employees = employees;
	}

	/**
	 * Moves the clients the request names. Clients the target owns already are left out.
	 * Refuses with an {@link InvalidRequestException} a request that names both or
	 * neither of a client and a former owner, an unknown former owner, or a target who is
	 * not an active manager or head of sales; with a {@link NotFoundException} an unknown
	 * client. Nothing is written then.
	 */
	@Transactional
	public Mono<Reassignment> reassign(ReassignmentRequest request, Employee actor) {
		String fromLogin = Clients.blankToNull(request.fromLogin());
		String toLogin = Clients.blankToNull(request.toLogin());
		List<InvalidRequestException.FieldError> errors = new ArrayList<>();
		if ((request.clientId() == null) == (fromLogin == null)) {
			errors.add(new InvalidRequestException.FieldError("clientId",
					"give exactly one of clientId (one client) and fromLogin (all clients of a manager)"));
		}
		if (toLogin == null) {
			errors.add(new InvalidRequestException.FieldError("toLogin", "name the manager who takes the clients"));
		}
		if (!errors.isEmpty()) {
			return Mono.error(new InvalidRequestException(errors));
		}
		// Past the checks toLogin is given, and so is fromLogin whenever clientId is not.
		return target(Objects.requireNonNull(toLogin, "toLogin")).flatMap(to -> (request.clientId() != null
				? client(request.clientId()) : clientsOf(Objects.requireNonNull(fromLogin, "fromLogin"), to))
			.flatMap(moving -> move(moving, to, actor, Clients.blankToNull(request.reason()))));
	}

	private Mono<Employee> target(String login) {
		return employees.byLogin(login)
			.filter(employee -> employee.active() && employee.role().canOwnClients())
			.switchIfEmpty(Mono.error(() -> new InvalidRequestException("toLogin",
					"no active manager or head of sales has the login " + login)));
	}

	private Mono<Moving> client(long clientId) {
		return db
			.sql("select c.id, e.id as owner_id, e.login, e.full_name from clients c "
					+ "join employees e on e.id = c.owner_id where c.id = :id for update of c")
			.bind("id", clientId)
			.map(row -> new Moving(new Owner(row.get("owner_id", Long.class), row.get("login", String.class),
					row.get("full_name", String.class)), List.of(row.get("id", Long.class))))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Client", clientId)));
	}

	private Mono<Moving> clientsOf(String fromLogin, Employee to) {
		return employees.byLogin(fromLogin)
			.switchIfEmpty(Mono
				.error(() -> new InvalidRequestException("fromLogin", "no employee has the login " + fromLogin)))
			.flatMap(from -> from.id() == to.id()
					? Mono.error(new InvalidRequestException("toLogin", "is the same as fromLogin"))
					: db.sql("select id from clients where owner_id = :owner order by id for update")
						.bind("owner", from.id())
						.map(row -> row.get("id", Long.class))
						.all()
						.collectList()
						.map(ids -> new Moving(new Owner(from.id(), from.login(), from.fullName()), ids)));
	}

	private Mono<Reassignment> move(Moving moving, Employee to, Employee actor, @Nullable String reason) {
		List<Long> ids = moving.previousOwner().id() == to.id() ? List.of() : moving.clientIds();
		if (ids.isEmpty()) {
			return Mono.just(new Reassignment(0, List.of(), to.login()));
		}
		String text = "Owner changed from " + moving.previousOwner().fullName() + " to " + to.fullName()
				+ (reason == null ? "" : ": " + reason);
		if (text.length() > Interactions.MAX_TEXT) {
			return Mono.error(new InvalidRequestException("reason", "too long for the client's history"));
		}
		Long[] clientIds = ids.toArray(Long[]::new);
		// One statement for the owners and one for the history, however many clients a
		// leaving manager had.
		return db.sql("update clients set owner_id = :to, updated_at = now() where id = any(:ids)")
			.bind("to", to.id())
			.bind("ids", clientIds)
			.fetch()
			.rowsUpdated()
			.then(db
				.sql("insert into interactions (client_id, kind, employee_id, text) "
						+ "select id, 'REASSIGNED', :actor, :text from unnest(cast(:ids as bigint[])) as id")
				.bind("actor", actor.id())
				.bind("text", text)
				.bind("ids", clientIds)
				.fetch()
				.rowsUpdated())
			.thenReturn(new Reassignment(ids.size(), ids, to.login()));
	}

	/** The clients about to move, locked, and the owner they all have now. */
	private record Moving(Owner previousOwner, List<Long> clientIds) {
	}

	/**
	 * What to move: exactly one of {@code clientId} and {@code fromLogin}, to
	 * {@code toLogin}; the reason, when given, goes into each client's history.
	 */
	public record ReassignmentRequest(@Nullable Long clientId, @Nullable String fromLogin, String toLogin,
			@Nullable String reason) {
	}

	/** The clients that changed owner, in id order, and their new owner's login. */
	public record Reassignment(int moved, List<Long> clientIds, String toLogin) {
	}

}

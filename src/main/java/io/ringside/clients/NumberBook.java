package io.ringside.clients;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;

import io.ringside.web.ConflictException;
import io.ringside.web.InvalidRequestException;

/**
 * The telephone numbers of clients and their contacts: each written in E.164 and each at
 * most one client's. Checks a request's numbers, names the client that already has one (a
 * 409), and stores a number so that two transactions taking it at once cannot both
 * succeed. Used by {@link Clients} and {@link Contacts} inside their transactions.
 */
final class NumberBook {

	private final DatabaseClient db;

	private final PhoneNumbers phoneNumbers;

	NumberBook(DatabaseClient db, PhoneNumbers phoneNumbers) {
		this.db = db;
		this.phoneNumbers = phoneNumbers;
	}

	/**
	 * Normalises numbers to E.164, refusing invalid ones and repeats within the same
	 * request.
	 */
	List<String> normalise(String field, @Nullable List<String> raw) {
		if (raw == null) {
			return List.of();
		}
		Set<String> result = new LinkedHashSet<>();
		List<InvalidRequestException.FieldError> errors = new ArrayList<>();
		for (int i = 0; i < raw.size(); i++) {
			String number = raw.get(i);
			String path = field + "[" + i + "]";
			phoneNumbers.toE164(number).ifPresentOrElse(e164 -> {
				if (!result.add(e164)) {
					errors.add(new InvalidRequestException.FieldError(path, "the same number is given twice: " + e164));
				}
			}, () -> errors.add(new InvalidRequestException.FieldError(path, "not a valid phone number: " + number)));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return List.copyOf(result);
	}

	/**
	 * Fails with a conflict naming the client when one of the numbers already belongs to
	 * another client.
	 */
	Mono<Void> ensureFree(List<String> numbers, @Nullable Long allowedClientId) {
		if (numbers.isEmpty()) {
			return Mono.empty();
		}
		return db
			.sql("select p.e164, c.id, c.name from phone_numbers p join clients c on c.id = p.client_id "
					+ "where p.e164 = any(:numbers) order by p.e164 limit 1")
			.bind("numbers", numbers.toArray(String[]::new))
			.map(row -> new NumberTaken(row.get("e164", String.class), row.get("id", Long.class),
					row.get("name", String.class)))
			.one()
			.filter(taken -> allowedClientId == null || taken.clientId() != allowedClientId)
			.flatMap(taken -> Mono.error(taken.toConflict()));
	}

	/**
	 * Inserts a number; when another transaction took it in the meantime, the unique key
	 * leaves the row out and this fails with the conflict naming that client (the
	 * surrounding transaction then rolls back).
	 */
	Mono<Void> insert(long clientId, @Nullable Long contactId, String e164, @Nullable String label) {
		return db
			.sql("insert into phone_numbers (client_id, contact_id, e164, label) values (:client, :contact, :e164, "
					+ ":label) on conflict (e164) do nothing")
			.bind("client", clientId)
			.bind("contact", Parameter.fromOrEmpty(contactId, Long.class))
			.bind("e164", e164)
			.bind("label", Parameter.fromOrEmpty(Clients.blankToNull(label), String.class))
			.fetch()
			.rowsUpdated()
			.flatMap(inserted -> inserted == 1 ? Mono.<Void>empty() : ensureFree(List.of(e164), null));
	}

	record NumberTaken(String number, long clientId, String clientName) {

		ConflictException toConflict() {
			return new ConflictException("Number already in use",
					number + " already belongs to client " + clientName + " (" + clientId + ")",
					Map.of("number", number, "clientId", clientId, "clientName", clientName));
		}

	}

}

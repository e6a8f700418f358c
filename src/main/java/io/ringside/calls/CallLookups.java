package io.ringside.calls;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.ringside.clients.CallerMatch;
import io.ringside.clients.PhoneNumbers;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.Direction;

/**
 * Who the finished calls of a batch were with, read in two queries whatever the size of
 * the batch: the clients their numbers belong to (with their owners), and the employees
 * their phones and internal numbers name.
 */
@Component
class CallLookups {

	private final DatabaseClient db;

	private final PhoneNumbers phoneNumbers;

	CallLookups(DatabaseClient db, PhoneNumbers phoneNumbers) {
		this.db = db;
		this.phoneNumbers = phoneNumbers;
	}

	/**
	 * The client's number of a call: the caller of an inbound call, the dialled of an
	 * outbound one.
	 */
	@Nullable String clientNumber(CallEnded ended) {
		String number = switch (ended.direction()) {
			case INBOUND -> ended.callerNumber();
			case OUTBOUND -> ended.dialedNumber();
			case INTERNAL -> null;
		};
		return phoneNumbers.toE164(number).orElse(null);
	}

	Mono<Found> find(List<FinishedCall> calls) {
		Set<String> numbers = new LinkedHashSet<>();
		Set<String> devices = new LinkedHashSet<>();
		Set<String> internal = new LinkedHashSet<>();
		for (FinishedCall call : calls) {
			CallEnded ended = call.ended();
			String number = clientNumber(ended);
			if (number != null) {
				numbers.add(number);
			}
			if (ended.answeredBy() != null && !ended.answeredBy().isBlank()) {
				devices.add(ended.answeredBy());
			}
			if (ended.direction() == Direction.OUTBOUND && ended.callerNumber() != null
					&& !ended.callerNumber().isBlank()) {
				internal.add(ended.callerNumber());
			}
		}
		Mono<Map<String, CallerMatch>> clients = numbers.isEmpty() ? Mono.just(Map.of())
				: db.sql("select p.e164, c.id as client_id, c.name as client_name, c.vip, c.industry, e.id, e.login, "
						+ "e.full_name, e.role, e.extension, e.active, e.deputy_login from phone_numbers p "
						+ "join clients c on c.id = p.client_id join employees e on e.id = c.owner_id "
						+ "where p.e164 = any(:numbers)")
					.bind("numbers", numbers.toArray(String[]::new))
					.map(row -> Map.entry(String.valueOf(row.get("e164", String.class)),
							new CallerMatch(row.get("client_id", Long.class), row.get("client_name", String.class),
									Boolean.TRUE.equals(row.get("vip", Boolean.class)),
									String.valueOf(row.get("industry", String.class)), Employees.read(row))))
					.all()
					.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
		Mono<List<Employee>> employees = devices.isEmpty() && internal.isEmpty() ? Mono.just(List.of())
				: db.sql("select " + Employees.COLUMNS + " from employees where extension = any(:devices) "
						+ "or split_part(extension, '/', 2) = any(:numbers) order by id")
					.bind("devices", devices.toArray(String[]::new))
					.bind("numbers", internal.toArray(String[]::new))
					.map(Employees::read)
					.all()
					.collectList();
		return clients.zipWith(employees, Found::new);
	}

	/**
	 * What {@link #find} read.
	 *
	 * @param clients the clients by E.164 number, with their owners
	 * @param employees the employees named by a phone ({@code PJSIP/101}) or an internal
	 * number ({@code 101})
	 */
	record Found(Map<String, CallerMatch> clients, List<Employee> employees) {

		Found {
			clients = Map.copyOf(clients);
			employees = List.copyOf(employees);
		}

		@Nullable CallerMatch client(@Nullable String e164) {
			return e164 == null ? null : clients.get(e164);
		}

		/** The employee whose phone this is. */
		@Nullable Employee byExtension(@Nullable String device) {
			return device == null ? null
					: employees.stream().filter(e -> device.equals(e.extension())).findFirst().orElse(null);
		}

		/**
		 * The employee whose phone has this internal number ({@code 101}:
		 * {@code PJSIP/101}).
		 */
		@Nullable Employee byPhoneNumber(@Nullable String number) {
			if (number == null || number.isBlank()) {
				return null;
			}
			return employees.stream()
				.filter(e -> number.equals(internalNumber(e.extension())))
				.findFirst()
				.orElse(null);
		}

		/**
		 * As PostgreSQL's {@code split_part(extension, '/', 2)}: what follows the first
		 * slash, up to the next.
		 */
		private static String internalNumber(@Nullable String extension) {
			int slash = extension == null ? -1 : extension.indexOf('/');
			if (extension == null || slash < 0) {
				return "";
			}
			int next = extension.indexOf('/', slash + 1);
			return extension.substring(slash + 1, next < 0 ? extension.length() : next);
		}

	}

}

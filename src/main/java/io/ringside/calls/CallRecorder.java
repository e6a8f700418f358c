package io.ringside.calls;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.r2dbc.postgresql.codec.Json;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ringside.clients.CallerMatch;
import io.ringside.clients.Clients;
import io.ringside.clients.InteractionKind;
import io.ringside.clients.Interactions;
import io.ringside.clients.PhoneNumbers;
import io.ringside.rules.Rules;
import io.ringside.rules.WorkRule;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.telephony.CallEvent.CallEnded;
import io.ringside.telephony.CallEvent.Direction;

/**
 * Writes a finished call once: the calls row with the file its audio was recorded into,
 * if any (idempotent on the call id, so several Ringside instances following the same PBX
 * record it once), the entry in the client's history, and for a missed call from a client
 * the callback its owner owes. An answered outbound call to a client closes the callbacks
 * open for that client. All of it in one transaction. A route decision is one row, unique
 * on its call, time and attempt. Every write may be repeated: the hand-off through Redis
 * delivers at least once.
 */
@Component
class CallRecorder {

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final Clients clients;

	private final Employees employees;

	private final PhoneNumbers phoneNumbers;

	private final JsonMapper json;

	private final Rules rules;

	CallRecorder(DatabaseClient db, TransactionalOperator transaction, Clients clients, Employees employees,
			PhoneNumbers phoneNumbers, JsonMapper json, Rules rules) {
		this.db = db;
		this.transaction = transaction;
		this.clients = clients;
		this.employees = employees;
		this.phoneNumbers = phoneNumbers;
		this.json = json;
		this.rules = rules;
	}

	Mono<Void> record(FinishedCall call) {
		CallEnded ended = call.ended();
		String clientNumber = switch (ended.direction()) {
			case INBOUND -> ended.callerNumber();
			case OUTBOUND -> ended.dialedNumber();
			case INTERNAL -> null;
		};
		Mono<Optional<CallerMatch>> client = Mono.justOrEmpty(phoneNumbers.toE164(clientNumber))
			.flatMap(clients::callerOf)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		String employeeDevice = ended.direction() == Direction.OUTBOUND && !ended.answered() ? null
				: ended.answeredBy();
		Mono<Optional<Employee>> answeredBy = employees.byExtension(employeeDevice)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		Mono<Optional<Employee>> caller = ended.direction() == Direction.OUTBOUND
				? employees.byPhoneNumber(ended.callerNumber()).map(Optional::of).defaultIfEmpty(Optional.empty())
				: Mono.just(Optional.empty());
		return Mono.zip(client, answeredBy, caller)
			.flatMap(found -> insertCall(call, found.getT1().orElse(null), found.getT2().orElse(null))
				.filter(inserted -> inserted)
				.flatMap(inserted -> afterInsert(call, found.getT1().orElse(null), found.getT2().orElse(null),
						found.getT3().orElse(null))))
			.as(transaction::transactional)
			.then();
	}

	/** Writes either kind of entry; writing the same entry again changes nothing. */
	Mono<Void> write(Recordable entry) {
		return entry instanceof FinishedCall call ? record(call) : record((RouteRow) entry);
	}

	Mono<Void> record(RouteRow route) {
		return db
			.sql("insert into route_decisions (call_id, decided_at, attempt, caller_number, target, reason, "
					+ "employee_id, client_id, took_us) values (:call, :at, :attempt, :caller, :target, :reason, "
					+ "(select id from employees where login = :login), :client, :took) "
					+ "on conflict (call_id, decided_at, attempt) do nothing")
			.bind("call", route.callId())
			.bind("at", utc(route.decidedAt()))
			.bind("attempt", route.attempt())
			.bind("caller", Parameter.fromOrEmpty(route.callerNumber(), String.class))
			.bind("target", route.target())
			.bind("reason", route.reason())
			.bind("login", Parameter.fromOrEmpty(route.employeeLogin(), String.class))
			.bind("client", Parameter.fromOrEmpty(route.clientId(), Long.class))
			.bind("took", route.tookMicros())
			.fetch()
			.rowsUpdated()
			.then();
	}

	private Mono<Boolean> insertCall(FinishedCall call, @Nullable CallerMatch client, @Nullable Employee answeredBy) {
		CallEnded ended = call.ended();
		Instant answeredAt = ended.answered() ? call.startedAt().plus(ended.waitTime()) : null;
		return db.sql("insert into calls (id, direction, caller_number, dialed_number, client_id, started_at, "
				+ "answered_at, ended_at, answered_device, answered_by, outcome, abandoned, wait_ms, talk_ms, hangup_cause, "
				+ "legs, transfers, recording_file) values (:id, :direction, :caller, :dialed, :client, :started, "
				+ ":answered, :ended, :device, :by, :outcome, :abandoned, :wait, :talk, :cause, :legs, :transfers, "
				+ ":file) on conflict (id) do nothing")
			.bind("id", ended.callId())
			.bind("direction", ended.direction().name())
			.bind("caller", Parameter.fromOrEmpty(ended.callerNumber(), String.class))
			.bind("dialed", Parameter.fromOrEmpty(ended.dialedNumber(), String.class))
			.bind("client", Parameter.fromOrEmpty(client == null ? null : client.clientId(), Long.class))
			.bind("started", utc(call.startedAt()))
			.bind("answered", Parameter.fromOrEmpty(answeredAt == null ? null : utc(answeredAt), OffsetDateTime.class))
			.bind("ended", utc(ended.at()))
			.bind("device", Parameter.fromOrEmpty(ended.answeredBy(), String.class))
			.bind("by", Parameter.fromOrEmpty(answeredBy == null ? null : answeredBy.id(), Long.class))
			.bind("outcome", ended.answered() ? "ANSWERED" : "MISSED")
			.bind("abandoned", ended.abandoned())
			.bind("wait", ended.waitTime().toMillis())
			.bind("talk", ended.talkTime().toMillis())
			.bind("cause", ended.hangupCause())
			.bind("legs", Json.of(json.writeValueAsString(call.legs())))
			.bind("transfers", Json.of(json.writeValueAsString(call.transfers())))
			.bind("file", Parameter.fromOrEmpty(ended.recordingFile(), String.class))
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1);
	}

	private Mono<Boolean> afterInsert(FinishedCall call, @Nullable CallerMatch client, @Nullable Employee answeredBy,
			@Nullable Employee caller) {
		if (client == null) {
			return Mono.just(true);
		}
		CallEnded ended = call.ended();
		InteractionKind kind = switch (ended.direction()) {
			case INBOUND -> ended.answered() ? InteractionKind.CALL_IN : InteractionKind.CALL_MISSED;
			default -> InteractionKind.CALL_OUT;
		};
		Employee who = ended.direction() == Direction.OUTBOUND ? caller : answeredBy;
		Mono<Long> history = db
			.sql("insert into interactions (client_id, kind, employee_id, occurred_at, call_id, text) "
					+ "values (:client, :kind, :employee, :at, :call, :text) on conflict do nothing")
			.bind("client", client.clientId())
			.bind("kind", kind.name())
			.bind("employee", Parameter.fromOrEmpty(who == null ? null : who.id(), Long.class))
			.bind("at", utc(call.startedAt()))
			.bind("call", ended.callId())
			.bind("text", describe(ended, who))
			.fetch()
			.rowsUpdated();
		Mono<Long> followUp = Mono.just(0L);
		if (kind == InteractionKind.CALL_MISSED) {
			WorkRule rule = rules.forClient(client.vip(), client.industry());
			followUp = db.sql("insert into callback_tasks (client_id, call_id, caller_number, owner_id, assigned_to, "
					+ "created_at, due_at, tier) values (:client, :call, :caller, :owner, :owner, :at, :due, :tier) "
					+ "on conflict (call_id) do nothing")
				.bind("client", client.clientId())
				.bind("call", ended.callId())
				.bind("caller", Parameter.fromOrEmpty(ended.callerNumber(), String.class))
				.bind("owner", client.owner().id())
				.bind("at", utc(ended.at()))
				.bind("due", utc(ended.at().plus(rule.callbackDeadline())))
				.bind("tier", rule.tier())
				.fetch()
				.rowsUpdated();
		}
		else if (kind == InteractionKind.CALL_OUT && ended.answered() && caller != null) {
			followUp = db
				.sql("update callback_tasks set done_at = :at, done_by = :employee where client_id = :client "
						+ "and done_at is null and created_at <= :at")
				.bind("at", utc(call.startedAt()))
				.bind("employee", caller.id())
				.bind("client", client.clientId())
				.fetch()
				.rowsUpdated();
		}
		return history.then(followUp).thenReturn(true);
	}

	private static String describe(CallEnded ended, @Nullable Employee who) {
		String name = who == null ? "" : " " + who.fullName();
		return switch (ended.direction()) {
			case INBOUND -> ended.answered()
					? "Call from " + ended.callerNumber() + " answered by"
							+ (name.isEmpty() ? " " + ended.answeredBy() : name) + "; talked " + human(ended.talkTime())
					: "Missed call from " + ended.callerNumber() + "; waited " + human(ended.waitTime());
			default -> "Call to " + ended.dialedNumber() + (name.isEmpty() ? "" : " by" + name)
					+ (ended.answered() ? "; talked " + human(ended.talkTime()) : "; not answered");
		};
	}

	private static String human(Duration duration) {
		long seconds = duration.toSeconds();
		return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}

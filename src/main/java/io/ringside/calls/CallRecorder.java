package io.ringside.calls;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ringside.calls.CallWrites.CallRow;
import io.ringside.calls.CallWrites.Close;
import io.ringside.calls.CallWrites.RouteJson;
import io.ringside.clients.CallerMatch;
import io.ringside.rules.Rules;

/**
 * Writes finished calls and route decisions, a batch of them in one transaction and a few
 * statements whatever its size: the lookups of who the calls were with
 * ({@link CallLookups}), then one statement for the route decisions (unique on their
 * call, time and attempt), the calls rows with the file their audio was recorded into
 * (idempotent on the call id, so several Ringside instances following the same PBX record
 * each once), the entries in the clients' histories and, for each missed call from a
 * client, the callback its owner owes; then one that closes the callbacks open for a
 * client whom an answered outbound call reached. Only calls not written before get their
 * history and callbacks. Every write may be repeated: the hand-off through Redis delivers
 * at least once.
 */
@Component
class CallRecorder {

	private static final String WRITE = """
			with input as (
			  select * from jsonb_to_recordset(:calls) as t(id text, direction text, caller text, dialed text,
			    client bigint, started timestamptz, answered timestamptz, ended timestamptz, device text, answerer bigint,
			    outcome text, abandoned boolean, waitms bigint, talkms bigint, cause integer, legs jsonb, transfers jsonb,
			    file text, kind text, employee bigint, text text, due timestamptz, tier text, owner bigint)),
			routes as (
			  insert into route_decisions (call_id, decided_at, attempt, caller_number, target, reason, employee_id,
			    client_id, took_us)
			  select r.call, r.at, r.attempt, r.caller, r.target, r.reason, e.id, r.client, r.took
			  from jsonb_to_recordset(:routes) as r(call text, at timestamptz, attempt text, caller text, target text,
			    reason text, login text, client bigint, took bigint)
			  left join employees e on e.login = r.login
			  on conflict (call_id, decided_at, attempt) do nothing),
			inserted as (
			  insert into calls (id, direction, caller_number, dialed_number, client_id, started_at, answered_at, ended_at,
			    answered_device, answered_by, outcome, abandoned, wait_ms, talk_ms, hangup_cause, legs, transfers,
			    recording_file)
			  select id, direction, caller, dialed, client, started, answered, ended, device, answerer, outcome,
			    abandoned, waitms, talkms, cause, legs, transfers, file from input
			  on conflict (id) do nothing returning id),
			history as (
			  insert into interactions (client_id, kind, employee_id, occurred_at, call_id, text)
			  select i.client, i.kind, i.employee, i.started, i.id, i.text from input i join inserted using (id)
			  where i.kind is not null
			  on conflict do nothing),
			callbacks as (
			  insert into callback_tasks (client_id, call_id, caller_number, owner_id, assigned_to, created_at, due_at,
			    tier)
			  select i.client, i.id, i.caller, i.owner, i.owner, i.ended, i.due, i.tier from input i join inserted using (id)
			  where i.due is not null
			  on conflict (call_id) do nothing)
			select id from inserted""";

	/**
	 * Each open callback owed before an answered call to its client is closed by the
	 * first such call.
	 */
	private static final String CLOSE = """
			update callback_tasks t set done_at = c.at, done_by = c.employee
			from (select distinct on (o.id) o.id, c.at, c.employee
			      from callback_tasks o
			      join jsonb_to_recordset(:closes) as c(client bigint, at timestamptz, employee bigint)
			        on c.client = o.client_id and o.created_at <= c.at
			      where o.done_at is null
			      order by o.id, c.at) c
			where t.id = c.id""";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final CallLookups lookups;

	private final JsonMapper json;

	private final Rules rules;

	CallRecorder(DatabaseClient db, TransactionalOperator transaction, CallLookups lookups, JsonMapper json,
			Rules rules) {
		this.db = db;
		this.transaction = transaction;
		this.lookups = lookups;
		this.json = json;
		this.rules = rules;
	}

	/** Writes one entry; writing the same entry again changes nothing. */
	Mono<Void> write(Recordable entry) {
		return writeAll(List.of(entry));
	}

	/**
	 * Writes entries in one transaction, each call once (the first of the same call's
	 * entries in the list); writing them again changes nothing.
	 */
	Mono<Void> writeAll(List<? extends Recordable> entries) {
		Map<String, FinishedCall> calls = new LinkedHashMap<>();
		List<RouteJson> routes = new ArrayList<>();
		for (Recordable entry : entries) {
			if (entry instanceof FinishedCall call) {
				calls.putIfAbsent(call.callId(), call);
			}
			else {
				routes.add(RouteJson.of((RouteRow) entry));
			}
		}
		List<FinishedCall> finished = List.copyOf(calls.values());
		return lookups.find(finished).flatMap(found -> {
			List<CallRow> rows = new ArrayList<>(finished.size());
			List<Close> closes = new ArrayList<>();
			for (FinishedCall call : finished) {
				CallerMatch client = found.client(lookups.clientNumber(call.ended()));
				rows.add(CallWrites.call(call, found, client, rules));
				Close close = CallWrites.close(call, found, client);
				if (close != null) {
					closes.add(close);
				}
			}
			return db.sql(WRITE)
				.bind("calls", asJson(rows))
				.bind("routes", asJson(routes))
				.map(row -> String.valueOf(row.get("id", String.class)))
				.all()
				.collect(HashSet<String>::new, Set::add)
				.flatMap(inserted -> close(closes, inserted));
		}).as(transaction::transactional).then();
	}

	/** Closes what the calls written now close; a call written before closed it then. */
	private Mono<Long> close(List<Close> closes, Set<String> inserted) {
		List<Close> now = closes.stream().filter(close -> inserted.contains(close.call())).toList();
		return now.isEmpty() ? Mono.just(0L) : db.sql(CLOSE).bind("closes", asJson(now)).fetch().rowsUpdated();
	}

	private Json asJson(List<?> rows) {
		return Json.of(json.writeValueAsString(rows));
	}

}

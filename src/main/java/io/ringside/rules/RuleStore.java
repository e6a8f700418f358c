package io.ringside.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.ringside.team.Employee;

/**
 * The {@code work_rules} table. Durations are stored as intervals written in ISO 8601
 * ({@code PT10M}); the script and the chain as JSON of their own shape, so that what is
 * stored does not follow how the API happens to write a duration.
 */
@Component
class RuleStore {

	private static final TypeReference<List<Map<String, String>>> CHAIN = new TypeReference<>() {
	};

	private static final String COLUMNS = "r.key, extract(epoch from r.callback_deadline)::bigint as deadline_s, "
			+ "r.priority, r.script::text as script, r.chain::text as chain, r.updated_at, e.login as updated_by";

	private final DatabaseClient db;

	private final JsonMapper json;

	RuleStore(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	Mono<RuleBook> all() {
		return db.sql("select " + COLUMNS + " from work_rules r left join employees e on e.id = r.updated_by")
			.map(this::read)
			.all()
			.collectList()
			.map(RuleBook::new);
	}

	/** Replaces the rule under the key (compared without case), or adds it. */
	Mono<StoredRule> put(String key, Rule rule, Employee actor) {
		Duration deadline = rule.callbackDeadline();
		Priority priority = rule.priority();
		return db.sql("with stored as (insert into work_rules as w (key, callback_deadline, priority, script, chain, "
				+ "updated_at, updated_by) values (:key, cast(:deadline as interval), :priority, :script, :chain, now(), "
				+ ":actor) on conflict ((lower(key))) do update set key = excluded.key, "
				+ "callback_deadline = excluded.callback_deadline, priority = excluded.priority, "
				+ "script = excluded.script, chain = excluded.chain, updated_at = excluded.updated_at, "
				+ "updated_by = excluded.updated_by returning *) select " + COLUMNS
				+ " from stored r left join employees e on e.id = r.updated_by")
			.bind("key", key)
			.bind("deadline", Parameter.fromOrEmpty(deadline == null ? null : deadline.toString(), String.class))
			.bind("priority", Parameter.fromOrEmpty(priority == null ? null : priority.name(), String.class))
			.bind("script", Parameter.fromOrEmpty(scriptJson(rule.script()), Json.class))
			.bind("chain", Parameter.fromOrEmpty(chainJson(rule.chain()), Json.class))
			.bind("actor", actor.id())
			.map(this::read)
			.one();
	}

	Mono<Void> delete(String key) {
		return db.sql("delete from work_rules where lower(key) = lower(:key)").bind("key", key).then();
	}

	private @Nullable Json scriptJson(@Nullable Script script) {
		if (script == null) {
			return null;
		}
		return Json.of(json.writeValueAsString(script));
	}

	private @Nullable Json chainJson(@Nullable List<ChainStep> chain) {
		if (chain == null) {
			return null;
		}
		List<Map<String, String>> shape = new ArrayList<>();
		chain.forEach(step -> shape.add(Map.of("step", step.step().name(), "ringTime", step.ringTime().toString())));
		return Json.of(json.writeValueAsString(shape));
	}

	private StoredRule read(Readable row) {
		Long deadline = row.get("deadline_s", Long.class);
		String priority = row.get("priority", String.class);
		OffsetDateTime updated = row.get("updated_at", OffsetDateTime.class);
		Instant updatedAt = updated == null ? null : updated.toInstant();
		Rule rule = new Rule(deadline == null ? null : Duration.ofSeconds(deadline),
				priority == null ? null : Priority.valueOf(priority), script(row.get("script", String.class)),
				chain(row.get("chain", String.class)));
		return new StoredRule(String.valueOf(row.get("key", String.class)), rule, updatedAt,
				row.get("updated_by", String.class));
	}

	private @Nullable Script script(@Nullable String stored) {
		return stored == null ? null : json.readValue(stored, Script.class);
	}

	private @Nullable List<ChainStep> chain(@Nullable String stored) {
		if (stored == null) {
			return null;
		}
		List<ChainStep> chain = new ArrayList<>();
		for (Map<String, String> step : json.readValue(stored, CHAIN)) {
			chain.add(new ChainStep(ChainStep.Step.valueOf(String.valueOf(step.get("step"))),
					Duration.parse(String.valueOf(step.get("ringTime")))));
		}
		return chain;
	}

}

package io.ringside.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import io.r2dbc.postgresql.codec.Json;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;

/**
 * The demo's rules of work, read from {@code demo/rules.json}: the default, VIP clients
 * (10-minute callbacks, a short script, HIGH priority, the owner's deputy in the chain)
 * and the steel works. Written as the rules module stores them (migration V11).
 */
final class DemoRules {

	private static final String RESOURCE = "/demo/rules.json";

	private DemoRules() {
	}

	static List<Entry> read() {
		JsonMapper json = JsonMapper.builder().build();
		try (InputStream in = DemoRules.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the classpath");
			}
			return List.of(json.readValue(in, Entry[].class));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Mono<Void> write(DatabaseClient db, List<Entry> rules) {
		return Flux.fromIterable(rules)
			.concatMap(rule -> db
				.sql("insert into work_rules (key, callback_deadline, priority, script, chain) "
						+ "values (:key, cast(:deadline as interval), :priority, :script, :chain)")
				.bind("key", rule.key())
				.bind("deadline", Parameter.fromOrEmpty(rule.callbackDeadline(), String.class))
				.bind("priority", Parameter.fromOrEmpty(rule.priority(), String.class))
				.bind("script", Parameter.fromOrEmpty(json(rule.script()), Json.class))
				.bind("chain", Parameter.fromOrEmpty(json(rule.chain()), Json.class))
				.fetch()
				.rowsUpdated())
			.then();
	}

	private static @Nullable Json json(@Nullable JsonNode node) {
		return node == null || node.isNull() ? null : Json.of(node.toString());
	}

	/** A rule as the file writes it: the shape of {@code PUT /api/rules/{key}}. */
	record Entry(String key, @Nullable String callbackDeadline, @Nullable String priority, @Nullable JsonNode script,
			@Nullable JsonNode chain) {
	}

}

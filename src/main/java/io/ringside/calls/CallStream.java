package io.ringside.calls;

import java.util.List;
import java.util.Map;

import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

import io.ringside.database.LuaScript;
import io.ringside.database.Redis;
import io.ringside.database.RedisKeys;

/**
 * The Redis Stream {@code <prefix>calls} and its consumer group {@value #GROUP}: the
 * commands the hand-off and the stream recorder use, none of them blocking (no
 * {@code BLOCK} read on the shared connection; readers poll, and {@link #added()} tells
 * this instance's reader at once when it added an entry).
 */
@Component
class CallStream {

	static final String GROUP = "recorders";

	/**
	 * Creates the group (and the stream) unless it exists; from the start of the stream,
	 * so nothing is skipped.
	 */
	private static final LuaScript<Long> CREATE_GROUP = LuaScript.integer("""
			local created = redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
			if type(created) == 'table' and created.err then return 0 end
			return 1
			""");

	/**
	 * Takes over entries another consumer has left unacknowledged for at least ARGV[3]
	 * ms; returns how many.
	 */
	private static final LuaScript<Long> CLAIM = LuaScript.integer(
			"""
					local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', ARGV[4], 'JUSTID')
					return #claimed[2]
					""");

	/**
	 * Trims what the group has acknowledged and returns {pending, not yet delivered}.
	 * Only entries below both the oldest pending entry and the group's last-delivered id
	 * go: an entry not yet acknowledged is never trimmed.
	 */
	private static final LuaScript<List<Object>> TRIM = LuaScript.table("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return {0, 0} end
			for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
			  local info = {}
			  for i = 1, #group, 2 do info[group[i]] = group[i + 1] end
			  if info['name'] == ARGV[1] then
			    local last = info['last-delivered-id']
			    local pending = info['pending']
			    local floor = last
			    if pending > 0 then floor = redis.call('XPENDING', KEYS[1], ARGV[1])[2] end
			    redis.call('XTRIM', KEYS[1], 'MINID', floor)
			    local undelivered = info['lag']
			    if type(undelivered) ~= 'number' then
			      undelivered = #redis.call('XRANGE', KEYS[1], '(' .. last, '+')
			    end
			    return {pending, undelivered}
			  end
			end
			return {0, redis.call('XLEN', KEYS[1])}
			""");

	private final Redis redis;

	private final String key;

	private final Sinks.Many<Boolean> added = Sinks.many().multicast().directBestEffort();

	CallStream(Redis redis, RedisKeys keys) {
		this.redis = redis;
		this.key = keys.key("calls");
	}

	String key() {
		return key;
	}

	/** Adds an entry: its id. */
	Mono<String> add(Map<String, String> fields) {
		return redis.mono(commands -> commands.xadd(key, fields)).doOnNext(id -> {
			synchronized (added) {
				added.tryEmitNext(true);
			}
		});
	}

	/** Signals each time this instance added an entry. */
	Flux<Boolean> added() {
		return added.asFlux();
	}

	Mono<Void> createGroup() {
		return redis.run(CREATE_GROUP, List.of(key), List.of(GROUP)).then();
	}

	/**
	 * Entries delivered to this consumer and not acknowledged yet (its own, and those it
	 * claimed).
	 */
	Flux<StreamMessage<String, String>> pending(String consumer, int count) {
		return redis.flux(commands -> commands.xreadgroup(Consumer.from(GROUP, consumer),
				XReadArgs.Builder.count(count), XReadArgs.StreamOffset.from(key, "0")));
	}

	/**
	 * Entries never delivered to any consumer of the group; they become this consumer's
	 * pending entries.
	 */
	Flux<StreamMessage<String, String>> fresh(String consumer, int count) {
		return redis.flux(commands -> commands.xreadgroup(Consumer.from(GROUP, consumer),
				XReadArgs.Builder.count(count), XReadArgs.StreamOffset.lastConsumed(key)));
	}

	Mono<Long> acknowledge(String... ids) {
		return redis.mono(commands -> commands.xack(key, GROUP, ids));
	}

	Mono<Long> claim(String consumer, long minIdleMillis, int count) {
		return redis.run(CLAIM, List.of(key),
				List.of(GROUP, consumer, Long.toString(minIdleMillis), Integer.toString(count)));
	}

	/**
	 * Trims what is acknowledged; the entries not acknowledged yet: pending plus not yet
	 * delivered.
	 */
	Mono<Long> trim() {
		return redis.run(TRIM, List.of(key), List.of(GROUP)).map(counts -> {
			long total = 0;
			for (Object count : counts) {
				total += count instanceof Number number ? number.longValue() : Long.parseLong(count.toString());
			}
			return total;
		});
	}

}

package io.ringside.presence;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.ringside.database.LuaScript;
import io.ringside.database.Redis;
import io.ringside.database.RedisKeys;

/**
 * How {@link Presence} writes a status: one Lua script changes a key and publishes the
 * change on {@code <prefix>presence-changes} in one step, and this instance's mirror
 * applies it at once. Never blocks; any thread.
 */
final class PresenceWrites {

	/**
	 * Writes a key and publishes the change, atomically, so the channel carries changes
	 * in the order Redis applied them, each numbered by one counter
	 * ({@code <prefix>presence-version}) so that a mirror keeps the newest. KEYS: the
	 * key, the counter. ARGV: operation, value, time-to-live in ms, channel, kind of
	 * message ({@code S}, a status), login. Returns the change's number, 0 when nothing
	 * was written.
	 */
	private static final LuaScript<Long> WRITE = LuaScript.integer(
			"""
					local op, value, ttl = ARGV[1], ARGV[2], ARGV[3]
					if op == 'set' then
					  redis.call('SET', KEYS[1], value, 'PX', ttl)
					elseif op == 'absent' then
					  if not redis.call('SET', KEYS[1], value, 'NX', 'PX', ttl) then return 0 end
					elseif op == 'delete' then
					  redis.call('DEL', KEYS[1])
					  ttl = '0'
					elseif op == 'refresh' then
					  if redis.call('PEXPIRE', KEYS[1], ttl) == 0 then return 0 end
					  value = redis.call('GET', KEYS[1])
					end
					local version = redis.call('INCR', KEYS[2])
					redis.call('PUBLISH', ARGV[4], ARGV[5] .. '\t' .. version .. '\t' .. ARGV[6] .. '\t' .. ttl .. '\t' .. value)
					return version
					""");

	private final Redis redis;

	private final PresenceSettings settings;

	private final RedisKeys keys;

	private final @Nullable PresenceMirror mirror;

	private final String channel;

	PresenceWrites(Redis redis, PresenceSettings settings, RedisKeys keys, @Nullable PresenceMirror mirror) {
		this.redis = redis;
		this.settings = settings;
		this.keys = keys;
		this.mirror = mirror;
		this.channel = keys.key("presence-changes");
	}

	/**
	 * Runs the write script; once it answers, this instance's mirror has the change too
	 * (a status set here is routed by at once), ahead of its echo on the channel, which
	 * the change's number then makes it ignore.
	 */
	Mono<Long> write(String operation, String kind, String key, String name, String value) {
		long ttl = settings.ttl().toMillis();
		return redis
			.run(WRITE, List.of(key, keys.key(Presence.VERSION_KEY)),
					List.of(operation, value, Long.toString(ttl), channel, kind, name))
			.single()
			.doOnNext(version -> {
				if (mirror != null && version > 0 && !operation.equals("refresh")) {
					mirror.applied(kind, version, name, operation.equals("set") || operation.equals("absent") ? ttl : 0,
							value);
				}
			});
	}

}

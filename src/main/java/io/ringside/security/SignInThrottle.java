package io.ringside.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.ringside.database.LuaScript;
import io.ringside.database.Redis;
import io.ringside.database.RedisKeys;

/**
 * Failed sign-ins counted in Redis, per login and per client address, so that every
 * instance agrees on who is blocked. A login or address with
 * {@link SignInSettings#maxFailures()} failures within {@link SignInSettings#window()} is
 * blocked for {@link SignInSettings#blockFor()}. Keys:
 * {@code <prefix>sign-in:failures:login:<login>} (a sorted set of failure times) and
 * {@code <prefix>sign-in:blocked:login:<login>} (present while blocked), the same with
 * {@code address:}.
 */
@Component
class SignInThrottle {

	/**
	 * Adds one failure to each sorted set of KEYS (failures, blocked, failures, blocked,
	 * ...), forgets those older than the window and blocks a key that reached the limit.
	 * ARGV: now ms, window ms, limit, block ms, member.
	 */
	private static final LuaScript<Long> FAILED = LuaScript.integer("""
			local now, window, limit, block = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
			local blocked = 0
			for i = 1, #KEYS, 2 do
			  redis.call('ZADD', KEYS[i], now, ARGV[5])
			  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
			  redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -limit - 1)
			  redis.call('PEXPIRE', KEYS[i], window)
			  if redis.call('ZCARD', KEYS[i]) >= limit then
			    redis.call('SET', KEYS[i + 1], '1', 'PX', block)
			    blocked = 1
			  end
			end
			return blocked
			""");

	/** The longest remaining block of the keys, in ms; 0 when none is blocked. */
	private static final LuaScript<Long> BLOCKED = LuaScript.integer("""
			local longest = 0
			for i = 1, #KEYS do
			  local left = redis.call('PTTL', KEYS[i])
			  if left > longest then longest = left end
			end
			return longest
			""");

	/**
	 * Logins longer than this share the key of their first characters; nobody has such a
	 * login.
	 */
	private static final int LONGEST_LOGIN = 128;

	private final Redis redis;

	private final RedisKeys keys;

	private final SignInSettings settings;

	private final Clock clock;

	SignInThrottle(Redis redis, RedisKeys keys, SignInSettings settings, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * How long sign-ins of this login or from this address stay refused; zero when they
	 * are not.
	 */
	Mono<Duration> blockedFor(String login, String address) {
		return redis
			.run(BLOCKED, List.of(blockedKey("login:", normalized(login)), blockedKey("address:", address)), List.of())
			.single()
			.map(Duration::ofMillis);
	}

	/**
	 * Counts a failed sign-in against the login and, when known, the address; emits
	 * whether either is now blocked.
	 */
	Mono<Boolean> failed(String login, @Nullable String address) {
		List<String> scriptKeys = address == null
				? List.of(failuresKey("login:", normalized(login)), blockedKey("login:", normalized(login)))
				: List.of(failuresKey("login:", normalized(login)), blockedKey("login:", normalized(login)),
						failuresKey("address:", address), blockedKey("address:", address));
		return redis
			.run(FAILED, scriptKeys,
					List.of(Long.toString(clock.millis()), Long.toString(settings.window().toMillis()),
							Integer.toString(settings.maxFailures()), Long.toString(settings.blockFor().toMillis()),
							clock.millis() + ":" + ThreadLocalRandom.current().nextLong()))
			.single()
			.map(blocked -> blocked == 1);
	}

	private String failuresKey(String kind, String name) {
		return keys.key("sign-in:failures:" + kind + name);
	}

	private String blockedKey(String kind, String name) {
		return keys.key("sign-in:blocked:" + kind + name);
	}

	/**
	 * One key per login whatever its case, so that changing the case of a login does not
	 * start a new count.
	 */
	static String normalized(String login) {
		String lower = login.strip().toLowerCase(Locale.ROOT);
		return lower.length() > LONGEST_LOGIN ? lower.substring(0, LONGEST_LOGIN) : lower;
	}

}

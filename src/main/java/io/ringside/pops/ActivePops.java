package io.ringside.pops;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.ringside.database.LuaScript;
import io.ringside.database.Redis;
import io.ringside.database.RedisKeys;
import io.ringside.push.Push;
import io.ringside.push.SubscriptionSnapshot;

/**
 * Each employee's pops of calls in progress, where every instance can read them: a Redis
 * hash per login, {@code <prefix>pops:<login>}, field {@code callId}, value the pop as
 * sent (JSON). A pop is written when it rings or is answered and removed when it ends, is
 * missed or withdrawn; the hash expires {@code ringside.pops.active-ttl} after a pop last
 * rang in it, and older entries are skipped, should the instance that wrote them die
 * mid-call.
 * <p>
 * It is what a new subscription to {@code /user/queue/pops} receives first: a page that
 * reconnects during a call, on any instance, gets the pops of its calls in progress
 * again, oldest first. Snapshot and live updates may cross; pops carry a {@code version}
 * so the page keeps the newest.
 * <p>
 * Threads: any; nothing blocks (Lettuce, reactive).
 */
@Component
class ActivePops implements SubscriptionSnapshot {

	/**
	 * A ringing pop and the hash's time-to-live, in one command (two commands were two
	 * encodings, replies and completions on Lettuce's thread). KEYS: the hash. ARGV: call
	 * id, pop, time-to-live in ms.
	 */
	private static final LuaScript<Long> RINGING = LuaScript.integer("""
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			return redis.call('PEXPIRE', KEYS[1], ARGV[3])
			""");

	private final Redis redis;

	private final JsonMapper json;

	private final RedisKeys keys;

	private final PopSettings settings;

	private final Clock clock;

	ActivePops(Redis redis, JsonMapper json, RedisKeys keys, PopSettings settings, Clock clock) {
		this.redis = redis;
		this.json = json;
		this.keys = keys;
		this.settings = settings;
		this.clock = clock;
		warmUp();
	}

	/**
	 * Jackson builds its (de)serializers on first use under a lock, which BlockHound
	 * rightly reports on an event loop: build the ones of pops, notifications and
	 * snapshot trees here, on the starting thread.
	 */
	private void warmUp() {
		Instant now = clock.instant();
		json.readTree(json.writeValueAsString(PopWriter.sample(now)));
		json.writeValueAsString(new Notification("", "", "", new Notification.ClientRef(0, ""),
				new Notification.Person("", ""), "", "", null, "", now));
	}

	/**
	 * Stores the pop while its call is in progress on that person's screen, removes it
	 * once it is not.
	 * @param asJson the pop as sent
	 * @param rang the call rang on this screen since its last write (which may have been
	 * merged into this one): the hash's time-to-live is set too
	 */
	Mono<Void> save(Pop pop, String asJson, boolean rang) {
		String key = key(pop.routedTo());
		if (!pop.state().active()) {
			return redis.mono(commands -> commands.hdel(key, pop.callId())).then();
		}
		if (rang) {
			return redis
				.run(RINGING, List.of(key),
						List.of(pop.callId(), asJson, Long.toString(settings.activeTtl().toMillis())))
				.then();
		}
		// Answered: the time-to-live set when it rang is hours long still.
		return redis.mono(commands -> commands.hset(key, pop.callId(), asJson)).then();
	}

	@Override
	public String destination() {
		return "/user/queue/" + Push.POPS;
	}

	/**
	 * The pops of this employee's calls in progress, as JSON trees, the oldest call
	 * first.
	 */
	@Override
	public Flux<JsonNode> snapshot(String login) {
		Instant oldest = clock.instant().minus(settings.activeTtl());
		String key = key(login);
		return redis.flux(commands -> commands.hvals(key)).map(json::readTree).filter(pop -> {
			String state = pop.path("state").asString("");
			return (Pop.State.RINGING.name().equals(state) || Pop.State.ANSWERED.name().equals(state))
					&& !ringingAt(pop).isBefore(oldest);
		}).sort(Comparator.comparing(ActivePops::ringingAt));
	}

	private static Instant ringingAt(JsonNode pop) {
		JsonNode at = pop.path("ringingAt");
		try {
			return at.isNumber() ? Instant.ofEpochMilli((long) (at.asDouble() * 1000)) : Instant.parse(at.asString());
		}
		catch (RuntimeException ex) {
			return Instant.MAX;
		}
	}

	private String key(String login) {
		return keys.key("pops:" + login);
	}

}

package io.ringside.routing;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

import io.ringside.clients.CallerDirectory;
import io.ringside.presence.Presence;

/**
 * {@code /actuator/health/routing}: where routing reads its callers and their owners'
 * presence now. Routing is up either way (reading PostgreSQL and Redis per call is
 * slower, and a store that does not answer gives FALLBACK), so the status stays UP and
 * the details tell: {@code callers} is {@code memory} while the caller directory serves,
 * else {@code database}; {@code presence} is {@code memory} while the presence mirror
 * serves, else {@code redis}.
 */
@Component("routing")
class RoutingHealthIndicator implements ReactiveHealthIndicator {

	private final CallerDirectory directory;

	private final Presence presence;

	RoutingHealthIndicator(CallerDirectory directory, Presence presence) {
		this.directory = directory;
		this.presence = presence;
	}

	@Override
	public Mono<Health> health() {
		return Mono.just(Health.up()
			.withDetail("callers", directory.serving() ? "memory" : "database")
			.withDetail("presence", presence.mirrored() ? "memory" : "redis")
			.build());
	}

}

package io.ringside.telephony.ami;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

import io.ringside.telephony.Pbx;

/**
 * {@code /actuator/health} shows whether Ringside is logged in to the PBX's manager
 * interface.
 */
@Component("pbx")
class AmiHealthIndicator implements ReactiveHealthIndicator {

	private final Pbx pbx;

	AmiHealthIndicator(Pbx pbx) {
		this.pbx = pbx;
	}

	@Override
	public Mono<Health> health() {
		return Mono.just(pbx.connected() ? Health.up().build()
				: Health.down().withDetail("ami", "not connected; reconnecting").build());
	}

}

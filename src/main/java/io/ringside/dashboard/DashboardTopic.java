package io.ringside.dashboard;

import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

import io.ringside.push.Push;
import io.ringside.push.SubscriptionSnapshot;

/**
 * A new subscriber to {@code /topic/dashboard} gets this instance's board first (the
 * subscription is already authorised for the board's roles by then), then the changes.
 * The snapshot is read on the board's own thread, so it is sent before any change with a
 * higher version.
 */
@Component
class DashboardTopic implements SubscriptionSnapshot {

	private final Dashboard dashboard;

	DashboardTopic(Dashboard dashboard) {
		this.dashboard = dashboard;
	}

	@Override
	public String destination() {
		return Push.DASHBOARD;
	}

	@Override
	public Flux<?> snapshot(String login) {
		return dashboard.snapshot().flux();
	}

}

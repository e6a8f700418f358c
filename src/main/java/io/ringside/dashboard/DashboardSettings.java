package io.ringside.dashboard;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the board counts and how often it reads the shared stores.
 *
 * @param serviceLevelThreshold a call answered after waiting at most this long counts
 * towards the service level
 * @param zone the time zone whose calendar day "today" is; the demo's team works in
 * Moscow, so that is the default (a server's own zone is often UTC, which would roll the
 * figures over at 03:00 for the team)
 * @param tick how often the board looks at the clock (day rollover, callbacks falling
 * overdue) and reads the routing of calls another instance routed
 * @param refresh how often the board reads the team, presence, open callbacks and today's
 * recorded calls again from PostgreSQL and Redis, so that what other instances did and
 * what expired shows up
 * @param gather what happens within this long after a first change is sent as one change:
 * the board is compared with what it showed once per batch instead of once per event,
 * which under a busy hour's event rate is the difference between a fraction of a core and
 * most of one; a person watching the board does not see 0.1 s
 */
@ConfigurationProperties("ringside.dashboard")
public record DashboardSettings(@DefaultValue("PT20S") Duration serviceLevelThreshold,
		@DefaultValue("Europe/Moscow") ZoneId zone, @DefaultValue("PT1S") Duration tick,
		@DefaultValue("PT10S") Duration refresh, @DefaultValue("PT0.1S") Duration gather) {
}

package io.ringside.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl how long a status holds without a refresh before the employee counts as
 * OFFLINE
 */
@ConfigurationProperties("ringside.presence")
public record PresenceSettings(@DefaultValue("PT2M") Duration ttl) {
}

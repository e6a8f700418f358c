package io.ringside.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cardQueueSize card openings waiting to be written; past it an opening is not
 * recorded (counted and logged)
 * @param cardFlushEvery how long an opening may wait to be written with others in one
 * statement
 */
@ConfigurationProperties("ringside.audit")
public record AuditSettings(@DefaultValue("10000") int cardQueueSize, @DefaultValue("PT1S") Duration cardFlushEvery) {
}

package io.ringside.calls;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param deadline how soon a missed call from a client must be returned; past it the task
 * goes to the head of sales
 * @param escalationCheck how often overdue callbacks are looked for
 */
@ConfigurationProperties("ringside.callbacks")
public record CallbackSettings(@DefaultValue("PT30M") Duration deadline,
		@DefaultValue("PT30S") Duration escalationCheck) {
}

package io.ringside.calls;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How callbacks are followed up. How soon each must be returned is its client's rule of
 * work ({@code io.ringside.rules}); {@code ringside.callbacks.deadline} is the built-in
 * default's, read there.
 *
 * @param escalationCheck how often overdue callbacks are looked for
 */
@ConfigurationProperties("ringside.callbacks")
public record CallbackSettings(@DefaultValue("PT30S") Duration escalationCheck) {
}

package io.ringside.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param answerWithin the longest Ringside takes to answer the PBX; past it the call gets
 * the FALLBACK target
 * @param leadLine where calls from unknown numbers go (a dial string); empty means the
 * head of sales
 * @param fallbackTarget where calls go when Ringside cannot decide in time; empty means
 * the last known head of sales
 */
@ConfigurationProperties("ringside.routing")
public record RoutingSettings(@DefaultValue("PT0.5S") Duration answerWithin, @DefaultValue("") String leadLine,
		@DefaultValue("") String fallbackTarget) {
}

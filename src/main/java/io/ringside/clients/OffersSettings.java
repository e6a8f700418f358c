package io.ringside.clients;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param refreshInterval how often the counts behind the cards' offers
 * ({@code segment_buyers}) are refreshed, besides once at start: offers are up to this
 * old
 */
@ConfigurationProperties("ringside.offers")
public record OffersSettings(@DefaultValue("PT10M") Duration refreshInterval) {
}

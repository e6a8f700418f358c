package io.ringside.calls;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How finished calls and route decisions are handed over to PostgreSQL through a Redis
 * Stream (see {@code docs/recording.md}).
 *
 * @param consumer this instance's name in the stream's consumer group; it must stay the
 * same across restarts (so a restarted instance first re-reads what it had not written)
 * and differ between live instances; blank: the host name
 * @param queueSize calls and route decisions held in memory while Redis does not take
 * them
 * @param redisPatience how long handing an entry to Redis is retried before it is written
 * straight to PostgreSQL
 * @param claimAfter how long an entry may stay unacknowledged with another consumer (a
 * crashed instance) before this one claims it
 * @param poll how often the stream is read for entries that other instances added or that
 * wait for a retry
 * @param retryMin first pause after a failed write to PostgreSQL; it doubles up to
 * {@code retryMax}
 * @param retryMax longest pause between attempts to write to PostgreSQL
 */
@ConfigurationProperties("ringside.calls")
public record RecordingSettings(@DefaultValue("") String consumer, @DefaultValue("10000") int queueSize,
		@DefaultValue("PT5S") Duration redisPatience, @DefaultValue("PT30S") Duration claimAfter,
		@DefaultValue("PT0.5S") Duration poll, @DefaultValue("PT0.5S") Duration retryMin,
		@DefaultValue("PT10S") Duration retryMax) {
}

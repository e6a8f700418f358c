package io.ringside.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Ringside names its Redis keys and channels: each module names its own after this
 * prefix ({@code presence:}, {@code push}, {@code calls}, ...), so the prefix is the one
 * thing they share.
 *
 * @param keyPrefix put before every key, so several installations (or test runs) can
 * share one Redis
 */
@ConfigurationProperties("ringside.redis")
public record RedisKeys(@DefaultValue("ringside:") String keyPrefix) {

	public String key(String name) {
		return keyPrefix + name;
	}

}

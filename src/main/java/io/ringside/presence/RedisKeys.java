package io.ringside.presence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Ringside names its Redis keys.
 *
 * @param keyPrefix put before every key, so several installations (or test runs) can share one Redis
 */
@ConfigurationProperties("ringside.redis")
public record RedisKeys(@DefaultValue("ringside:") String keyPrefix) {

	public String key(String name) {
		return keyPrefix + name;
	}

}

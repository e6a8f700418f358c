package io.ringside.pops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param activeTtl how long a pop of a call in progress is kept in Redis for a
 * reconnecting page at most, should the instance that sent it die before the call ends
 */
@ConfigurationProperties("ringside.pops")
record PopSettings(@DefaultValue("PT4H") Duration activeTtl) {
}

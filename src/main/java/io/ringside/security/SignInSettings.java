package io.ringside.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed sign-ins are throttled.
 *
 * @param maxFailures failures of one login, or from one client address, that block it
 * @param window how far back failures count (a sliding window)
 * @param blockFor how long a blocked login or address gets 429 for every sign-in attempt
 */
@ConfigurationProperties("ringside.sign-in")
record SignInSettings(@DefaultValue("10") int maxFailures, @DefaultValue("PT5M") Duration window,
		@DefaultValue("PT5M") Duration blockFor) {
}

package io.ringside.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an employee stays present after their pages closed. The key is
 * {@code ringside.push.offline-grace}, as it was when push kept presence itself; presence
 * owns it now and binds it under the old prefix, so configurations written for earlier
 * versions keep working.
 *
 * @param offlineGrace how long after an employee's last session on this instance closes
 * before they are set OFFLINE
 */
@ConfigurationProperties("ringside.push")
record OfflineGrace(@DefaultValue("PT15S") Duration offlineGrace) {
}

package io.ringside.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Blocking calls BlockHound may let through in tests: Hibernate Validator reads its message bundle from the class
 * path the first time a request fails validation, and the JDK caches it for the life of the JVM, so an event loop
 * waits for it once per locale at most.
 */
public class OneTimeClassPathReads implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("org.hibernate.validator.resourceloading.PlatformResourceBundleLocator",
				"loadBundle");
	}

}

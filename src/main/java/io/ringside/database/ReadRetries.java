package io.ringside.database;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * When a {@link Mirror} reads everything again after failures in a row: after
 * {@link #FIRST}, then twice as late each time, up to {@link #MOST}. The first failure of
 * a row is a warning, the others are logged at debug, and the recovery is told. Used by
 * one batch at a time.
 */
final class ReadRetries {

	private static final Log log = LogFactory.getLog(Mirror.class);

	static final Duration FIRST = Duration.ofMillis(500);

	static final Duration MOST = Duration.ofSeconds(2);

	private final String name;

	private int failures;

	ReadRetries(String name) {
		this.name = name;
	}

	/** Counts a failure and says how long to wait before reading again. */
	Duration failed(Throwable error) {
		long millis = Math.min(MOST.toMillis(), FIRST.toMillis() << Math.min(failures, 10));
		String what = "The " + name + " could not read; it does not serve, and reads everything again in " + millis
				+ " ms: " + error;
		if (failures++ == 0) {
			log.warn(what);
		}
		else {
			log.debug(what);
		}
		return Duration.ofMillis(millis);
	}

	/** A batch was worked: the row of failures, if any, ended. */
	void succeeded() {
		if (failures > 0) {
			failures = 0;
			log.info("The " + name + " serves again");
		}
	}

}

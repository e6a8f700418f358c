package io.ringside.presence;

/** What an employee says about themselves; OFFLINE is also what an expired or missing status means. */
public enum Availability {

	AVAILABLE, AWAY, OFFLINE

}

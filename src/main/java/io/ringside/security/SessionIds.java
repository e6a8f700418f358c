package io.ringside.security;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

import org.springframework.session.SessionIdGenerator;

/**
 * Random session ids (UUID version 4 text, as Spring Session's own) from a DRBG seeded
 * once, at start-up. Spring Session's generator calls {@code UUID.randomUUID()}, which
 * reads {@code /dev/urandom}: a file read on the event loop when a session changes its id
 * at sign-out (BlockHound caught it). A seeded DRBG only computes. Thread-safe.
 */
final class SessionIds implements SessionIdGenerator {

	private final SecureRandom random;

	SessionIds() {
		try {
			random = SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("This JVM has no DRBG SecureRandom", ex);
		}
		// seeds it now, on the starting thread
		random.nextBytes(new byte[16]);
	}

	@Override
	public String generate() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
		bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
		long high = 0;
		long low = 0;
		for (int i = 0; i < 8; i++) {
			high = (high << 8) | (bytes[i] & 0xff);
			low = (low << 8) | (bytes[8 + i] & 0xff);
		}
		return new UUID(high, low).toString();
	}

}

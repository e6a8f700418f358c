package io.ringside.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link PresenceMirror} holds: each login's status until it expires and each
 * phone's state, each with the number of the change that set it, and the change number
 * everything was read at.
 * <p>
 * Threads: read from any thread; changed by one thread at a time (the mirror's lock).
 */
final class MirroredPresence {

	/** Statuses by login. */
	private final Map<String, Held> statuses = new ConcurrentHashMap<>();

	/** Phone states by device. */
	private final Map<String, Phone> devices = new ConcurrentHashMap<>();

	/**
	 * The counter's value when everything was read: changes up to it are in what was
	 * read.
	 */
	private final long readAt;

	MirroredPresence(long readAt) {
		this.readAt = readAt;
	}

	long readAt() {
		return readAt;
	}

	Availability availability(String login) {
		Held held = statuses.get(login);
		if (held == null || held.expired(System.nanoTime())) {
			return Availability.OFFLINE;
		}
		return held.availability();
	}

	DeviceState phone(String device) {
		Phone phone = devices.get(device);
		return phone == null ? DeviceState.UNKNOWN : phone.state();
	}

	/** A status as read from Redis, with what was left of its time-to-live. */
	void read(String login, Availability availability, long ttlMillis) {
		statuses.put(login, new Held(availability, System.nanoTime() + ttlMillis * 1_000_000, readAt));
	}

	/** A phone's state as read from Redis. */
	void read(String device, DeviceState state) {
		devices.put(device, new Phone(state, readAt));
	}

	int statuses() {
		return statuses.size();
	}

	int phones() {
		return devices.size();
	}

	/**
	 * Applies one change ({@link Presence#STATUS} or {@link Presence#DEVICE}) unless what
	 * is held for that name is as new or newer.
	 */
	void change(String kind, long version, String name, long ttlMillis, String value) {
		if (kind.equals(Presence.STATUS)) {
			Held held = statuses.get(name);
			if (held != null && held.version() >= version) {
				return;
			}
			Availability availability = Availability.parse(value);
			// A status removed is remembered with its number (expired at once), so that
			// an older change cannot revive it.
			statuses.put(name, new Held(
					availability == Availability.OFFLINE || ttlMillis <= 0 ? Availability.OFFLINE : availability,
					System.nanoTime() + Math.max(0, ttlMillis) * 1_000_000, version));
		}
		else if (kind.equals(Presence.DEVICE)) {
			Phone phone = devices.get(name);
			if (phone == null || phone.version() < version) {
				devices.put(name, new Phone(DeviceState.parse(value), version));
			}
		}
		else {
			throw new IllegalArgumentException("kind " + kind);
		}
	}

	/**
	 * A status until it expires ({@link System#nanoTime()}), and the number of the change
	 * that set it.
	 */
	private record Held(Availability availability, long expiresAt, long version) {

		boolean expired(long now) {
			return availability == Availability.OFFLINE || now - expiresAt >= 0;
		}

	}

	/** A phone's state, and the number of the change that set it. */
	private record Phone(DeviceState state, long version) {
	}

}

package io.ringside.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the simulated PBX is set up.
 *
 * @param amiPort AMI port on loopback; 0 picks a free one ({@link PbxSimulator#amiPort()}
 * tells which)
 * @param username the AMI user
 * @param secret the AMI secret, checked against an MD5 {@code Key} or a plain
 * {@code Secret}
 * @param asteriskVersion what {@code CoreSettings} reports, e.g. {@code 20.10.0}; the
 * banner's AMI version follows it
 * @param fastAgiHost where the dialplan's {@code AGI(agi://host:port/route)} connects
 * @param fastAgiPort the FastAGI port
 * @param ringTimeout the {@code Dial()} timeout (and a queue member's ring time)
 * @param fallbackGroup what the safety path dials when routing fails, e.g.
 * {@code PJSIP/100&PJSIP/101}
 * @param speedFactor how much faster than real time the simulation runs (2.0 = every
 * delay halved)
 */
public record SimulatorConfig(int amiPort, String username, String secret, String asteriskVersion, String fastAgiHost,
		int fastAgiPort, Duration ringTimeout, String fallbackGroup, double speedFactor) {

	private static final Pattern MAJOR = Pattern.compile("(\\d+)[.-]");

	public SimulatorConfig {
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(secret, "secret");
		Objects.requireNonNull(asteriskVersion, "asteriskVersion");
		Objects.requireNonNull(fastAgiHost, "fastAgiHost");
		Objects.requireNonNull(ringTimeout, "ringTimeout");
		fallbackGroup = fallbackGroup == null ? "" : fallbackGroup;
		if (amiPort < 0 || amiPort > 65535 || fastAgiPort < 0 || fastAgiPort > 65535) {
			throw new IllegalArgumentException("ports must be between 0 and 65535");
		}
		if (!(speedFactor > 0)) {
			throw new IllegalArgumentException("speedFactor must be positive");
		}
		if (ringTimeout.isNegative() || ringTimeout.isZero()) {
			throw new IllegalArgumentException("ringTimeout must be positive");
		}
	}

	/**
	 * Asterisk 20.10.0 on a random port, user and secret {@code ringside}, FastAGI on
	 * 127.0.0.1:4573, real time.
	 */
	public static SimulatorConfig defaults() {
		return new SimulatorConfig(0, "ringside", "ringside", "20.10.0", "127.0.0.1", 4573, Duration.ofSeconds(20),
				"PJSIP/100", 1.0);
	}

	public SimulatorConfig withAmiPort(int port) {
		return new SimulatorConfig(port, username, secret, asteriskVersion, fastAgiHost, fastAgiPort, ringTimeout,
				fallbackGroup, speedFactor);
	}

	public SimulatorConfig withCredentials(String user, String password) {
		return new SimulatorConfig(amiPort, user, password, asteriskVersion, fastAgiHost, fastAgiPort, ringTimeout,
				fallbackGroup, speedFactor);
	}

	public SimulatorConfig withAsteriskVersion(String version) {
		return new SimulatorConfig(amiPort, username, secret, version, fastAgiHost, fastAgiPort, ringTimeout,
				fallbackGroup, speedFactor);
	}

	public SimulatorConfig withFastAgi(String host, int port) {
		return new SimulatorConfig(amiPort, username, secret, asteriskVersion, host, port, ringTimeout, fallbackGroup,
				speedFactor);
	}

	public SimulatorConfig withRingTimeout(Duration timeout) {
		return new SimulatorConfig(amiPort, username, secret, asteriskVersion, fastAgiHost, fastAgiPort, timeout,
				fallbackGroup, speedFactor);
	}

	public SimulatorConfig withFallbackGroup(String group) {
		return new SimulatorConfig(amiPort, username, secret, asteriskVersion, fastAgiHost, fastAgiPort, ringTimeout,
				group, speedFactor);
	}

	public SimulatorConfig withSpeedFactor(double factor) {
		return new SimulatorConfig(amiPort, username, secret, asteriskVersion, fastAgiHost, fastAgiPort, ringTimeout,
				fallbackGroup, factor);
	}

	/** The major version of {@link #asteriskVersion()}, e.g. 13 or 20. */
	int majorVersion() {
		Matcher major = MAJOR.matcher(asteriskVersion);
		return major.find() ? Integer.parseInt(major.group(1)) : 20;
	}

	/**
	 * The AMI protocol version Asterisk of this major version announces in its banner
	 * (AMI_VERSION in include/asterisk/manager.h, see capture 11).
	 */
	String amiVersion() {
		return switch (majorVersion()) {
			case 13 -> "2.10.6";
			case 16 -> "5.0.5";
			case 18 -> "7.0.3";
			case 21 -> "10.0.0";
			case 22 -> "11.0.0";
			case 23 -> "12.0.0";
			default -> "9.0.0";
		};
	}

}

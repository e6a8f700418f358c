package io.ringside.calls;

import java.util.List;
import java.util.stream.Stream;

import io.ringside.support.Instance;

/**
 * The instances the calls fault tests start: {@link Instance}s that notice quickly what
 * these tests wait for. A call nobody answers ends after 2 s of ringing, a lost PBX
 * connection is tried again after 0.2 s, and the recorder reads the stream every 0.2 s
 * and retries a failed write within a second.
 */
final class QuickInstances {

	private static final List<String> QUICK = List.of("--ringside.pbx.ring-timeout=PT2S",
			"--ringside.pbx.ami.reconnect-min=PT0.2S", "--ringside.calls.poll=PT0.2S",
			"--ringside.calls.retry-max=PT1S");

	private QuickInstances() {
	}

	/**
	 * Starts one; {@code settings} ({@code --name=value}) win over these and the
	 * {@link Instance} defaults.
	 */
	static Instance start(String... settings) {
		return Instance.start(quick(settings));
	}

	/** The command line of one in a process of its own. */
	static List<String> arguments(String... settings) {
		return Instance.arguments(quick(settings));
	}

	private static String[] quick(String... settings) {
		return Stream.concat(QUICK.stream(), Stream.of(settings)).toArray(String[]::new);
	}

}

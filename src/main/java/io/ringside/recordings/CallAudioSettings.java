package io.ringside.recordings;

import java.net.URI;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the audio of recorded calls is read (see {@code docs/call-recordings.md}). The
 * PBX names each call's file relative to this folder or address (the dialplan's
 * {@code RINGSIDE_RECORDING}, e.g. {@code 1781704172.3807878.wav}).
 *
 * @param directory a folder holding the PBX's recordings (the PBX's MixMonitor folder,
 * shared or mounted here); files are served only from inside it
 * @param baseUrl a web server that serves the PBX's recordings, e.g.
 * {@code http://pbx.lan/recordings/}; when set, it is used instead of the folder, and
 * HTTP ranges are passed on to it
 */
@ConfigurationProperties("ringside.recordings")
public record CallAudioSettings(@Nullable Path directory, @Nullable URI baseUrl) {

	/** Whether recordings can be played at all. */
	public boolean configured() {
		return directory != null || baseUrl != null;
	}

}

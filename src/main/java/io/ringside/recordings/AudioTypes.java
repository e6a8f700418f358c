package io.ringside.recordings;

import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;

/** The media type of a recording, from its file's extension (what MixMonitor writes). */
final class AudioTypes {

	private static final Map<String, MediaType> BY_EXTENSION = Map.of("wav", MediaType.parseMediaType("audio/wav"),
			"mp3", MediaType.parseMediaType("audio/mpeg"), "ogg", MediaType.parseMediaType("audio/ogg"), "oga",
			MediaType.parseMediaType("audio/ogg"), "gsm", MediaType.parseMediaType("audio/x-gsm"), "wav49",
			MediaType.parseMediaType("audio/wav"));

	private AudioTypes() {
	}

	static MediaType of(String file) {
		int dot = file.lastIndexOf('.');
		String extension = (dot < 0) ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
		return BY_EXTENSION.getOrDefault(extension, MediaType.APPLICATION_OCTET_STREAM);
	}

}

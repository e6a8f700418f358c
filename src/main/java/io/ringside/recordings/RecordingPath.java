package io.ringside.recordings;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A recording's file as the PBX named it, checked before it is looked for: a relative
 * path of plain names ({@code 2026/12/05/1781704172.3807878.wav}), never absolute, never
 * with {@code .} or {@code ..}, back-slashes, colons (a drive, a URL's scheme) or control
 * characters, so that it cannot point outside the recordings' folder or address. Pure.
 */
final class RecordingPath {

	private static final int MAX_LENGTH = 1024;

	private RecordingPath() {
	}

	/** The file's path segments, or null when the name is not a safe relative path. */
	static @Nullable List<String> segments(String file) {
		if (file.isEmpty() || file.length() > MAX_LENGTH || file.startsWith("/")) {
			return null;
		}
		for (int i = 0; i < file.length(); i++) {
			char c = file.charAt(i);
			if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
				return null;
			}
		}
		List<String> segments = List.of(file.split("/", -1));
		for (String segment : segments) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				return null;
			}
		}
		return segments;
	}

}

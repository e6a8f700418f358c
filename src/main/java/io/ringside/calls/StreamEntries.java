package io.ringside.calls;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.ringside.calls.CallLog.FinishedCall;

/**
 * The stream's entry format, version {@value #VERSION}: fields {@code v} (the version), {@code kind} ({@code call}
 * or {@code route}), {@code call} (the Linkedid, for people reading the stream) and {@code body} (the JSON of a
 * {@link FinishedCall} or a {@link RouteRow}). An entry of another version or kind, or with a body that does not
 * read, is {@link Unreadable}.
 */
@Component
class StreamEntries {

	static final String VERSION = "1";

	private final JsonMapper json;

	StreamEntries(JsonMapper json) {
		this.json = json;
	}

	Map<String, String> encode(Recordable entry) {
		String kind = entry instanceof FinishedCall ? "call" : "route";
		return Map.of("v", VERSION, "kind", kind, "call", entry.callId(), "body", json.writeValueAsString(entry));
	}

	Recordable decode(Map<String, String> fields) {
		if (!VERSION.equals(fields.get("v"))) {
			throw new Unreadable("entry version " + fields.get("v") + " is not " + VERSION);
		}
		String body = fields.get("body");
		if (body == null) {
			throw new Unreadable("entry without a body");
		}
		try {
			return switch (String.valueOf(fields.get("kind"))) {
				case "call" -> json.readValue(body, FinishedCall.class);
				case "route" -> json.readValue(body, RouteRow.class);
				default -> throw new Unreadable("entry of unknown kind " + fields.get("kind"));
			};
		}
		catch (JacksonException ex) {
			throw new Unreadable("entry body does not read: " + ex.getOriginalMessage());
		}
	}

	/** An entry this version of Ringside cannot read; it will never be written. */
	static final class Unreadable extends RuntimeException {

		Unreadable(String message) {
			super(message);
		}

	}

}

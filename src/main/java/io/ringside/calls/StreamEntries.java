package io.ringside.calls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The stream's entry format, version {@value #VERSION}: fields {@code v} (the version),
 * {@code kind} ({@code call} or {@code route}), {@code call} (the Linkedid, for people
 * reading the stream) and {@code body} (the JSON of a {@link FinishedCall} or a
 * {@link RouteRow}). Fields may be added within a version (older entries read them as
 * their defaults); a change of a field's meaning needs a new version. An entry of another
 * version or kind, or with a body that does not read, is {@link Unreadable}.
 */
@Component
class StreamEntries {

	static final String VERSION = "1";

	/** Entries added by this instance that are remembered until read, at most. */
	static final int REMEMBERED = 4096;

	/**
	 * The entries this instance added to the stream, by their id, until its recorder
	 * reads them: it takes them from here instead of parsing their JSON again (a sixth of
	 * Lettuce's thread in the whole-call benchmark). An entry another instance's recorder
	 * reads is never taken from here: when the map is full it is emptied, and what is not
	 * found here is parsed.
	 */
	private final Map<String, Recordable> added = new ConcurrentHashMap<>();

	private final ObjectWriter calls;

	private final ObjectWriter routes;

	private final ObjectReader callReader;

	private final ObjectReader routeReader;

	/**
	 * Builds the readers and writers here, on the starting thread: Jackson creates a
	 * type's (de)serializers under a lock the first time, and taking it first on a Redis
	 * thread made a card's read on an event loop wait for it.
	 */
	StreamEntries(JsonMapper json) {
		this.calls = json.writerFor(FinishedCall.class);
		this.routes = json.writerFor(RouteRow.class);
		this.callReader = lenient(json.readerFor(FinishedCall.class));
		this.routeReader = lenient(json.readerFor(RouteRow.class));
	}

	Map<String, String> encode(Recordable entry) {
		boolean call = entry instanceof FinishedCall;
		String body = call ? calls.writeValueAsString(entry) : routes.writeValueAsString(entry);
		return Map.of("v", VERSION, "kind", call ? "call" : "route", "call", entry.callId(), "body", body);
	}

	/** Remembers an entry this instance added to the stream under {@code id}. */
	void added(String id, Recordable entry) {
		if (added.size() >= REMEMBERED) {
			added.clear();
		}
		added.put(id, entry);
	}

	/**
	 * The entry of that id: as this instance added it, when it still remembers it, else
	 * read from its fields.
	 */
	Recordable decode(String id, Map<String, String> fields) {
		Recordable remembered = added.remove(id);
		return remembered != null ? remembered : decode(fields);
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
				case "call" -> callReader.readValue(body);
				case "route" -> routeReader.readValue(body);
				default -> throw new Unreadable("entry of unknown kind " + fields.get("kind"));
			};
		}
		catch (JacksonException ex) {
			throw new Unreadable("entry body does not read: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Entries outlive a version of Ringside (they wait in Redis across an upgrade): a
	 * field added since an entry was written reads as its default (null, false, 0), a
	 * field this version does not know is ignored.
	 */
	private static ObjectReader lenient(ObjectReader reader) {
		return reader.without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	/** An entry this version of Ringside cannot read; it will never be written. */
	static final class Unreadable extends RuntimeException {

		Unreadable(String message) {
			super(message);
		}

	}

}

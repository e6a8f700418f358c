package io.ringside.clients;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A list of a card as PostgreSQL wrote it (a JSON array in the application's own JSON
 * form, {@code card_lists} of migration V16), read into its records only when an element
 * is asked for, and written as JSON from that text as it is. A card is read for every
 * routed call and sent as JSON to a page, and nothing on that path looks inside its
 * lists: reading them into records and writing them back was 5% of Ringside's profile
 * samples in the whole-call benchmark at 200 calls/s, besides writing them. Unmodifiable,
 * like the lists of any record here; safe to read from several threads (the records are
 * read at most a few times, the same).
 */
@JsonSerialize(using = JsonList.AsWritten.class)
final class JsonList<T> extends AbstractList<T> implements RandomAccess {

	private final String json;

	private final ObjectReader reader;

	private volatile @Nullable List<T> read;

	/**
	 * @param json a JSON array, as the application's mapper would write the list
	 * @param reader reads it as a list of the records
	 */
	JsonList(String json, ObjectReader reader) {
		this.json = json;
		this.reader = reader;
	}

	@Override
	public T get(int index) {
		return records().get(index);
	}

	@Override
	public int size() {
		return records().size();
	}

	private List<T> records() {
		List<T> records = read;
		if (records == null) {
			List<T> parsed = reader.readValue(json);
			records = List.copyOf(parsed);
			read = records;
		}
		return records;
	}

	/** Writes the list from its JSON as PostgreSQL wrote it. */
	static final class AsWritten extends ValueSerializer<JsonList<?>> {

		@Override
		public void serialize(JsonList<?> list, JsonGenerator generator, SerializationContext context) {
			generator.writeRawValue(list.json);
		}

	}

}
